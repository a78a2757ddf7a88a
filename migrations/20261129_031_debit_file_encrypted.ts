// The debit file's column follows the *_encrypted convention, so key rotation
// (server/privacy/reencrypt.ts finds every *_encrypted column) re-seals it too.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE debit_runs RENAME COLUMN xml_sealed TO xml_encrypted');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE debit_runs RENAME COLUMN xml_encrypted TO xml_sealed');
}
