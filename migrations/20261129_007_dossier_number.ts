// The N° de traitement kept six digits with lpad(), which also TRUNCATES longer numbers:
// the millionth dossier would have repeated "…-100000" and failed to insert. Pad, never cut.
import type { Knex } from 'knex';

const NUMBER = "to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0')";

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION next_dossier_number() RETURNS text LANGUAGE sql AS $$ SELECT ${NUMBER} FROM (SELECT nextval('dossier_number_seq') AS n) s $$`);
  await knex.raw('ALTER TABLE dossiers ALTER COLUMN number SET DEFAULT next_dossier_number()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE dossiers ALTER COLUMN number SET DEFAULT to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY') || '-' || lpad(nextval('dossier_number_seq')::text, 6, '0')");
  await knex.raw('DROP FUNCTION IF EXISTS next_dossier_number()');
}
