// Indexes for the agents' queues: keyset pagination by age within a status (and démarche),
// the "taken by me" list, and the family-name filter (prefix search).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX dossiers_queue_idx ON dossiers (status, submitted_at, id)');
  await knex.raw('CREATE INDEX dossiers_queue_code_idx ON dossiers (procedure_code, status, submitted_at, id)');
  await knex.raw('CREATE INDEX dossiers_assigned_idx ON dossiers (assigned_to, submitted_at, id) WHERE assigned_to IS NOT NULL');
  await knex.raw('CREATE INDEX families_name_prefix_idx ON families (lower(name) text_pattern_ops)');
}

export async function down(knex: Knex): Promise<void> {
  for (const index of ['dossiers_queue_idx', 'dossiers_queue_code_idx', 'dossiers_assigned_idx', 'families_name_prefix_idx']) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
}
