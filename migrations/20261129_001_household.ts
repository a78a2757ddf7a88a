// Household model (foyer): families, guardians, children shared by up to two households,
// contacts, schools and schooling. Health records are stored encrypted (server/crypto.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('families', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('email');
    t.text('home_phone');
    t.text('caf_number');
    for (const prefix of ['address', 'billing']) {
      t.text(`${prefix}_street`);
      t.text(`${prefix}_complement`);
      t.text(`${prefix}_postal_code`);
      t.text(`${prefix}_city`);
    }
    t.boolean('consent_email').notNullable().defaultTo(true);
    t.boolean('consent_sms').notNullable().defaultTo(false);
    t.boolean('direct_debit').notNullable().defaultTo(false);
    t.timestamps(true, true);
  });
  await knex.schema.createTable('guardians', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    for (const c of ['civility', 'last_name', 'birth_name', 'first_name', 'relation', 'email', 'mobile_phone', 'home_phone', 'work_phone', 'profession', 'employer', 'custody']) t.text(c);
    t.date('birth_date');
    t.timestamps(true, true);
  });
  await knex.schema.createTable('children', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('last_name');
    t.text('first_name');
    t.date('birth_date');
    t.text('sex');
    // AES-256-GCM ciphertext of the fiche sanitaire (never stored in clear).
    t.text('health_encrypted');
    t.date('left_on'); // GDPR retention: health data is purged ~3 years after this date
    t.timestamps(true, true);
  });
  // A child may belong to two households (separated parents).
  await knex.schema.createTable('family_children', (t) => {
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE');
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE').index();
    t.primary(['family_id', 'child_id']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('contacts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE').index();
    for (const c of ['last_name', 'first_name', 'relation', 'mobile_phone', 'home_phone']) t.text(c);
    t.boolean('can_pick_up').notNullable().defaultTo(false);
    t.boolean('emergency_contact').notNullable().defaultTo(false);
    t.timestamps(true, true);
  });
  await knex.schema.createTable('schools', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('level').notNullable(); // maternelle | elementaire | primaire
    t.text('address');
    t.text('holiday_zone').notNullable().defaultTo('A');
  });
  await knex.schema.createTable('classes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('school_id').notNullable().references('schools.id').onDelete('CASCADE');
    t.text('school_year').notNullable();
    t.text('name').notNullable();
    t.text('level').notNullable();
    t.unique(['school_id', 'school_year', 'name']);
  });
  await knex.schema.createTable('schoolings', (t) => {
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE');
    t.text('school_year').notNullable();
    t.uuid('school_id').references('schools.id');
    t.uuid('class_id').references('classes.id');
    t.text('level');
    t.text('class_name');
    t.primary(['child_id', 'school_year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['schoolings', 'classes', 'schools', 'contacts', 'family_children', 'children', 'guardians', 'families']) {
    await knex.schema.dropTableIfExists(table);
  }
}
