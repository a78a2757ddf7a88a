// Invoicing (issue 9): credit notes, collection method, the invoicing runs and their
// progress, per-activity billing basis, gapless numbering per year, and the rule that a
// day of an activity is billed at most once for a child:
//   invoice_lines.active is true while the line's invoice stands; a credit note turns it
//   false. A unique index on (child, activity, date) WHERE active makes a second billing of
//   the same booking (re-run, concurrent runs) impossible at the database level.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('activities', (t) => {
    // booked: every booked day is billed; booked_minus_justified: absences justified are not.
    t.text('billing_basis').notNullable().defaultTo('booked');
  });
  await knex.raw("ALTER TABLE activities ADD CONSTRAINT activities_billing_basis_check CHECK (billing_basis IN ('booked','booked_minus_justified'))");

  await knex.schema.createTable('invoicing_runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('month').notNullable(); // YYYY-MM
    t.text('status').notNullable().defaultTo('running'); // running | done | failed
    t.uuid('started_by');
    t.text('source').notNullable().defaultTo('agent'); // agent | cli
    t.integer('families_total').notNullable().defaultTo(0);
    t.integer('families_done').notNullable().defaultTo(0);
    t.integer('invoices_created').notNullable().defaultTo(0);
    t.integer('lines_created').notNullable().defaultTo(0);
    t.bigInteger('total_cents').notNullable().defaultTo(0);
    t.text('error');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['month', 'started_at']);
  });

  await knex.schema.alterTable('invoices', (t) => {
    t.text('kind').notNullable().defaultTo('invoice'); // invoice | credit_note
    t.uuid('credit_for_invoice_id').references('invoices.id');
    t.text('collection_method').notNullable().defaultTo('online'); // online | direct_debit
    t.uuid('mandate_id').references('mandates.id');
    t.uuid('run_id').references('invoicing_runs.id');
    t.timestamp('cancelled_at', { useTz: true });
    t.uuid('cancelled_by');
    t.text('cancel_reason');
  });
  await knex.raw("ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('invoice','credit_note'))");
  await knex.raw("ALTER TABLE invoices ADD CONSTRAINT invoices_collection_check CHECK (collection_method IN ('online','direct_debit'))");
  await knex.raw("ALTER TABLE invoices ADD CONSTRAINT invoices_credit_ref CHECK ((kind = 'credit_note') = (credit_for_invoice_id IS NOT NULL))");
  // One credit note per invoice: cancelling twice (two agents at once) gives one avoir.
  await knex.raw("CREATE UNIQUE INDEX invoices_one_credit_note ON invoices (credit_for_invoice_id) WHERE kind = 'credit_note'");
  await knex.raw('CREATE INDEX invoices_period_idx ON invoices (period_start, family_id)');

  await knex.schema.alterTable('invoice_lines', (t) => {
    t.text('kind').notNullable().defaultTo('reservation'); // reservation | flat_rate | credit
    t.uuid('reservation_id').references('reservations.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('position').notNullable().defaultTo(0);
  });
  await knex.raw('CREATE UNIQUE INDEX invoice_lines_billed_once ON invoice_lines (child_id, activity_id, date) WHERE active');

  // Gapless numbering: the counter row is updated in the transaction that creates the
  // invoice, so a rolled-back invoice gives its number back. Prefix F (facture) or A (avoir).
  await knex.schema.createTable('invoice_counters', (t) => {
    t.text('prefix').notNullable();
    t.integer('year').notNullable();
    t.bigInteger('last_value').notNullable().defaultTo(0);
    t.primary(['prefix', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('invoice_counters');
  await knex.raw('DROP INDEX IF EXISTS invoice_lines_billed_once');
  await knex.schema.alterTable('invoice_lines', (t) => {
    for (const c of ['kind', 'reservation_id', 'active', 'position']) t.dropColumn(c);
  });
  await knex.raw('DROP INDEX IF EXISTS invoices_one_credit_note');
  await knex.raw('DROP INDEX IF EXISTS invoices_period_idx');
  await knex.raw('ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_kind_check, DROP CONSTRAINT IF EXISTS invoices_collection_check, DROP CONSTRAINT IF EXISTS invoices_credit_ref');
  await knex.schema.alterTable('invoices', (t) => {
    for (const c of ['kind', 'credit_for_invoice_id', 'collection_method', 'mandate_id', 'run_id', 'cancelled_at', 'cancelled_by', 'cancel_reason']) t.dropColumn(c);
  });
  await knex.schema.dropTableIfExists('invoicing_runs');
  await knex.raw('ALTER TABLE activities DROP CONSTRAINT IF EXISTS activities_billing_basis_check');
  await knex.schema.alterTable('activities', (t) => t.dropColumn('billing_basis'));
}
