// Publishing démarches without a restart: which version of each démarche is current (the
// latest publication), who published it and from where, and the administrators' drafts.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('procedure_publications', (t) => {
    t.bigIncrements('id');
    t.text('code').notNullable();
    t.text('folder').notNullable();
    t.text('version_id').notNullable().references('procedure_versions.version_id');
    // folder: shipped in definitions/; admin: published in the editor; restore; import.
    t.text('source').notNullable();
    t.uuid('published_by');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['code', 'id']);
  });
  await knex.schema.createTable('procedure_drafts', (t) => {
    t.text('code').primary();
    t.text('folder').notNullable();
    t.jsonb('files').notNullable();
    t.uuid('updated_by');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('procedure_drafts');
  await knex.schema.dropTableIfExists('procedure_publications');
}
