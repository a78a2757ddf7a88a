// Capacity per age group (issue 8): an activity may declare `age_groups` (jsonb array of
// { key, label, minAgeMonths, maxAgeMonths, capacity }); the child's age on the booked date
// picks its group and the group's capacity applies. Counters and waiting lists are kept per
// (activity, date, group): `group_key` '' = the activity as a whole (no groups), so every
// existing counter and reservation keeps its meaning.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('activities', (t) => t.jsonb('age_groups'));
  await knex.schema.alterTable('reservations', (t) => t.text('group_key').notNullable().defaultTo(''));
  await knex.schema.alterTable('booking_counters', (t) => t.text('group_key').notNullable().defaultTo(''));
  await knex.raw('ALTER TABLE booking_counters DROP CONSTRAINT booking_counters_pkey');
  await knex.raw('ALTER TABLE booking_counters ADD CONSTRAINT booking_counters_pkey PRIMARY KEY (activity_id, date, group_key)');
  await knex.raw("CREATE INDEX reservations_waiting_group_idx ON reservations (activity_id, date, group_key, waiting_rank) WHERE status = 'waiting'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS reservations_waiting_group_idx');
  await knex('booking_counters').whereNot({ group_key: '' }).delete();
  await knex.raw('ALTER TABLE booking_counters DROP CONSTRAINT booking_counters_pkey');
  await knex.raw('ALTER TABLE booking_counters ADD CONSTRAINT booking_counters_pkey PRIMARY KEY (activity_id, date)');
  await knex.schema.alterTable('booking_counters', (t) => t.dropColumn('group_key'));
  await knex.schema.alterTable('reservations', (t) => t.dropColumn('group_key'));
  await knex.schema.alterTable('activities', (t) => t.dropColumn('age_groups'));
}
