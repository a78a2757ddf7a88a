// Démarche versions, dossiers (N° de traitement from a sequence), their history and
// justificatifs. The dossier service (server/dossiers) builds on these names.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('procedure_versions', (t) => {
    t.text('version_id').primary();
    t.text('code').notNullable().index();
    t.jsonb('content').notNullable(); // { procedure, schema, uischema, workflow }
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('published_by');
  });
  await knex.raw('CREATE SEQUENCE dossier_number_seq');
  await knex.schema.createTable('dossiers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // Readable N° de traitement, e.g. 2026-000123.
    t.text('number').notNullable().unique()
      .defaultTo(knex.raw("to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY') || '-' || lpad(nextval('dossier_number_seq')::text, 6, '0')"));
    t.uuid('family_id').notNullable().references('families.id').index();
    t.uuid('child_id').references('children.id');
    t.text('procedure_code').notNullable();
    t.text('version_id').notNullable().references('procedure_versions.version_id');
    t.text('status').notNullable();
    t.jsonb('answers').notNullable().defaultTo('{}');
    t.text('answers_encrypted');
    t.boolean('notice_confirmed').notNullable().defaultTo(false);
    t.integer('step').notNullable().defaultTo(0);
    t.text('reason');
    t.jsonb('correction');
    t.integer('revision').notNullable().defaultTo(0);
    t.uuid('assigned_to');
    t.text('idempotency_key');
    t.timestamps(true, true);
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('decided_at', { useTz: true });
    t.uuid('decided_by');
    t.unique(['family_id', 'idempotency_key']);
    t.index(['status']);
  });
  await knex.schema.createTable('dossier_events', (t) => {
    t.bigIncrements('id');
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE').index();
    t.uuid('actor_id');
    t.text('actor_role').notNullable();
    t.text('type').notNullable();
    t.text('from_status');
    t.text('to_status');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE').index();
    t.text('justificatif_key').notNullable();
    t.text('storage_name').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('mime').notNullable();
    t.integer('size').notNullable();
    t.text('sha256').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['attachments', 'dossier_events', 'dossiers', 'procedure_versions']) await knex.schema.dropTableIfExists(table);
  await knex.raw('DROP SEQUENCE IF EXISTS dossier_number_seq');
}
