// GDPR retention. Audit entries older than 12 months may be deleted, and only by the purge:
// the append-only trigger lets a DELETE through when the transaction declares itself the
// purge (SET LOCAL portail.audit_purge = 'on') and the row is older than 12 months. Updates,
// younger rows and TRUNCATE stay refused. Families record when they were anonymised.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('portail.audit_purge', true) = 'on' THEN
        IF OLD.at < now() - interval '12 months' THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`);
  await knex.raw(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  await knex.raw('CREATE INDEX audit_log_at_idx ON audit_log (at)');
  await knex.schema.alterTable('families', (t) => t.timestamp('anonymised_at', { useTz: true }));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('families', (t) => t.dropColumn('anonymised_at'));
  await knex.raw('DROP INDEX IF EXISTS audit_log_at_idx');
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log');
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
}
