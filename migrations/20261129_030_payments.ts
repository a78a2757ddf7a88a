// Online payments and direct-debit runs (issue 9). The database, not the code, guarantees
// what must hold under concurrency: one pending online payment per invoice at a time, an
// invoice in one debit run only, one message id per SEPA file.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('payments', (t) => {
    // The provider's operation id (PayFiP « idop »), unique across payments.
    t.text('provider_operation_id').unique();
    // Why a payment needs an agent (e.g. the provider said "paid" after the 15 minutes).
    t.text('anomaly');
    t.index(['status', 'created_at']);
  });
  await knex.raw(`ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'paid', 'refused', 'abandoned', 'expired', 'review'))`);
  await knex.raw(`ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0)`);
  await knex.raw(`CREATE UNIQUE INDEX payments_one_pending_online ON payments (invoice_id) WHERE status = 'pending' AND method = 'online'`);

  // What the simulated provider (PayFiP-like) remembers about its own operations.
  await knex.schema.createTable('payfip_sim_operations', (t) => {
    t.text('idop').primary();
    t.text('numcli').notNullable();
    t.text('exer').notNullable();
    t.text('refdet').notNullable();
    t.integer('montant').notNullable(); // cents
    t.text('objet');
    t.text('mel');
    t.text('urlnotif').notNullable();
    t.text('urlredirect').notNullable();
    t.text('resultrans'); // P paid · R refused · A abandoned; null while the parent is on the page
    t.text('numauto');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true });
  });

  await knex.schema.createTable('debit_runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('message_id').notNullable().unique();
    t.date('due_date').notNullable();
    t.integer('tx_count').notNullable();
    t.bigInteger('total_cents').notNullable();
    // The file holds IBANs in clear: stored sealed (server/crypto.ts), opened for download only.
    t.text('xml_sealed').notNullable();
    t.uuid('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('debit_run_items', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('run_id').notNullable().references('debit_runs.id').onDelete('CASCADE').index();
    // An invoice is debited once, whatever the number of runs: the constraint says so.
    t.uuid('invoice_id').notNullable().references('invoices.id').unique();
    t.uuid('family_id').notNullable().references('families.id').index();
    t.uuid('mandate_id').notNullable().references('mandates.id');
    t.integer('amount_cents').notNullable();
    t.text('sequence_type').notNullable(); // FRST | RCUR
    // One SEPA transaction per mandate in a run: its invoices share the end-to-end id.
    t.text('end_to_end_id').notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('debit_run_items');
  await knex.schema.dropTableIfExists('debit_runs');
  await knex.schema.dropTableIfExists('payfip_sim_operations');
  await knex.raw('DROP INDEX IF EXISTS payments_one_pending_online');
  await knex.raw('ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_amount_positive');
  await knex.raw('ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_status_check');
  await knex.schema.alterTable('payments', (t) => {
    t.dropIndex(['status', 'created_at']);
    t.dropColumn('anomaly');
    t.dropColumn('provider_operation_id');
  });
}
