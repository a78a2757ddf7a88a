// Optional blocking of new bookings above an unpaid amount (seuil d'impayés), per activity.
// null = no blocking. The booking rules (engine/calendar) never apply it to the primary
// canteen. Guarded: the booking migrations may have added the column already.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('activities', 'unpaid_block_cents')) return;
  await knex.schema.alterTable('activities', (t) => t.integer('unpaid_block_cents'));
}

export async function down(knex: Knex): Promise<void> {
  // Only ours to drop when no earlier migration created it; a rollback of this file alone keeps it.
}
