// Activities, enrolments, reservations, family quotient, tariffs, invoices, payments and
// SEPA mandates. Amounts are integer cents; IBANs are encrypted at rest.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('activities', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('kind').notNullable(); // canteen | before_school | after_school | wednesday | holiday
    t.integer('capacity'); // places per date; null = unlimited
    t.integer('min_age_months');
    t.integer('max_age_months');
    t.jsonb('deadline_rules').notNullable().defaultTo('{}');
    t.jsonb('tariff').notNullable().defaultTo('{}');
    t.jsonb('calendar').notNullable().defaultTo('{}');
    t.text('validation').notNullable().defaultTo('automatic'); // automatic | manual
    t.jsonb('required_justificatifs').notNullable().defaultTo('[]');
    t.boolean('active').notNullable().defaultTo(true);
  });
  await knex.schema.createTable('activity_schools', (t) => {
    t.uuid('activity_id').notNullable().references('activities.id').onDelete('CASCADE');
    t.uuid('school_id').notNullable().references('schools.id').onDelete('CASCADE');
    t.primary(['activity_id', 'school_id']);
  });
  await knex.schema.createTable('tariffs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('activity_id').notNullable().references('activities.id').onDelete('CASCADE').index();
    t.text('school_year').notNullable();
    t.decimal('qf_min', 10, 2).notNullable().defaultTo(0);
    t.decimal('qf_max', 10, 2); // null = no upper bound (highest band)
    t.integer('unit_price_cents').notNullable();
  });
  await knex.schema.createTable('enrolments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE');
    t.uuid('activity_id').notNullable().references('activities.id');
    t.text('school_year').notNullable();
    t.text('status').notNullable().defaultTo('active');
    t.date('starts_on');
    t.date('ends_on');
    t.uuid('dossier_id');
    t.timestamps(true, true);
    t.unique(['child_id', 'activity_id', 'school_year']);
  });
  await knex.schema.createTable('reservations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE');
    t.uuid('activity_id').notNullable().references('activities.id');
    t.date('date').notNullable();
    t.text('status').notNullable(); // requested | booked | cancelled | waiting | refused
    t.text('attendance'); // present | absent_justified | absent_unjustified
    t.integer('waiting_rank');
    t.timestamps(true, true);
    t.unique(['child_id', 'activity_id', 'date']);
    t.index(['activity_id', 'date']);
  });
  await knex.schema.createTable('family_quotients', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    t.decimal('value', 10, 2).notNullable();
    t.date('valid_from').notNullable();
    t.date('valid_to');
    t.text('source').notNullable().defaultTo('caf');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('invoices', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('number').notNullable().unique();
    t.uuid('family_id').notNullable().references('families.id').index();
    t.date('period_start').notNullable();
    t.date('period_end').notNullable();
    t.integer('total_cents').notNullable().defaultTo(0);
    t.integer('paid_cents').notNullable().defaultTo(0);
    t.date('due_date');
    t.date('online_payment_until');
    t.text('status').notNullable().defaultTo('open');
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('invoice_lines', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('invoice_id').notNullable().references('invoices.id').onDelete('CASCADE').index();
    t.date('date');
    t.uuid('child_id').references('children.id');
    t.uuid('activity_id').references('activities.id');
    t.text('label').notNullable();
    t.decimal('quantity', 10, 2).notNullable().defaultTo(1);
    t.integer('unit_price_cents').notNullable();
    t.integer('amount_cents').notNullable();
  });
  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').index();
    t.uuid('invoice_id').references('invoices.id');
    t.integer('amount_cents').notNullable();
    t.text('method').notNullable(); // online | direct_debit | counter
    t.text('reference').notNullable().unique();
    t.text('status').notNullable().defaultTo('pending'); // pending | paid | refused | abandoned
    t.jsonb('provider_data').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
  });
  await knex.schema.createTable('mandates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').index();
    t.text('rum').notNullable().unique();
    t.text('ics').notNullable();
    t.text('debtor_name').notNullable();
    t.text('debtor_address');
    t.text('iban_encrypted').notNullable();
    t.text('iban_last4').notNullable();
    t.text('bic');
    t.boolean('recurrent').notNullable().defaultTo(true);
    t.date('signed_on').notNullable();
    t.date('last_used_on');
    t.jsonb('activity_ids').notNullable().defaultTo('[]');
    t.text('status').notNullable().defaultTo('active');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['mandates', 'payments', 'invoice_lines', 'invoices', 'family_quotients', 'reservations', 'enrolments', 'tariffs', 'activity_schools', 'activities']) {
    await knex.schema.dropTableIfExists(table);
  }
}
