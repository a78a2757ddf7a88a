// What some démarches' named effects record beyond the household tables: the canteen flat
// rate (démarche 10) and the authorisations given with an enrolment (démarche 09).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('flat_rates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE');
    t.uuid('activity_id').notNullable().references('activities.id');
    t.text('school_year').notNullable();
    t.jsonb('weekdays').notNullable().defaultTo('[]');
    t.uuid('dossier_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['child_id', 'activity_id', 'school_year']);
  });
  await knex.schema.alterTable('enrolments', (t) => {
    t.jsonb('authorizations').notNullable().defaultTo('{}');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('enrolments', (t) => t.dropColumn('authorizations'));
  await knex.schema.dropTableIfExists('flat_rates');
}
