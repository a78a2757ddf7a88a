// The school year a dossier is for. Usually the current one; a démarche open in June for the
// next school year (the canteen flat rate) is for the next one, and "once per school year"
// must count it there.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossiers', (t) => t.text('school_year'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossiers', (t) => t.dropColumn('school_year'));
}
