// Accounts, server-side sessions, single-use tokens, login throttling, the mail outbox,
// the family inbox and the append-only audit log.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('role').notNullable(); // parent | agent | admin
    t.uuid('family_id').references('families.id');
    t.uuid('guardian_id').references('guardians.id').onDelete('SET NULL');
    t.text('email').notNullable();
    t.text('display_name').notNullable();
    t.text('password_hash'); // null until the first connection
    t.timestamp('password_changed_at', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))');
  await knex.raw("ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('parent','agent','admin'))");
  await knex.raw("ALTER TABLE users ADD CONSTRAINT users_parent_family CHECK ((role = 'parent') = (family_id IS NOT NULL))");
  await knex.schema.createTable('sessions', (t) => {
    t.text('id_hash').primary(); // sha256 of the cookie value: a database leak gives no session
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').index();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('ip');
  });
  for (const table of ['password_tokens', 'email_change_tokens']) {
    await knex.schema.createTable(table, (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').index();
      t.text('token_hash').notNullable().unique();
      if (table === 'password_tokens') t.text('purpose').notNullable(); // first | reset
      else t.text('new_email').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('used_at', { useTz: true });
    });
  }
  await knex.schema.createTable('login_throttle', (t) => {
    t.text('key').primary(); // "account:<email>" or "ip:<address>"
    t.integer('failures').notNullable().defaultTo(0);
    t.date('day').notNullable();
    t.integer('day_failures').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.uuid('family_id').references('families.id');
    t.text('to_address').notNullable();
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.text('template');
    t.text('status').notNullable().defaultTo('pending'); // pending | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.text('last_error');
  });
  await knex.raw("CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending'");
  await knex.schema.createTable('inbox', (t) => {
    t.bigIncrements('id');
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE');
    t.bigInteger('outbox_id').references('outbox.id');
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['family_id', 'sent_at']);
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('actor_id');
    t.text('actor_role');
    t.text('action').notNullable();
    t.text('subject_type');
    t.text('subject_id');
    t.uuid('family_id');
    t.uuid('child_id');
    t.jsonb('data').notNullable().defaultTo('{}');
  });
  // Append-only: the log of who read health data must not be edited afterwards.
  await knex.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
  await knex.raw(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS audit_log');
  await knex.raw('DROP FUNCTION IF EXISTS audit_log_append_only()');
  for (const table of ['inbox', 'outbox', 'login_throttle', 'email_change_tokens', 'password_tokens', 'sessions', 'users']) {
    await knex.schema.dropTableIfExists(table);
  }
}
