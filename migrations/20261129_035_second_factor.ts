// Second factor for agents and administrators (TOTP, RFC 6238): the secret sealed with
// DATA_KEY, the last accepted time step (a code is accepted once), one-time recovery codes
// stored as hashes, and sessions that wait for the code or for an enrolment.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_totp', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    t.text('secret_sealed').notNullable(); // AES-256-GCM (server/crypto.ts)
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('confirmed_at', { useTz: true }); // null while the enrolment is not confirmed
    t.bigInteger('last_step'); // newest time step accepted: replays are refused
  });
  await knex.schema.createTable('totp_recovery_codes', (t) => {
    t.bigIncrements('id');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').index();
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.unique(['user_id', 'code_hash']);
  });
  await knex.schema.alterTable('sessions', (t) => {
    t.text('pending_factor'); // null: complete; 'totp': code awaited; 'enrol': must enrol first
  });
  await knex.raw("ALTER TABLE sessions ADD CONSTRAINT sessions_pending_factor_check CHECK (pending_factor IN ('totp','enrol'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE sessions DROP CONSTRAINT sessions_pending_factor_check');
  await knex.schema.alterTable('sessions', (t) => t.dropColumn('pending_factor'));
  await knex.schema.dropTable('totp_recovery_codes');
  await knex.schema.dropTable('user_totp');
}
