// Family quotient sheet (issue 9): how each quotient was obtained — the figures of the CAF
// formula, the dossier (démarche 11) whose justificatifs are its proof, or the agent who
// recorded or corrected it and why. valid_to stays nullable (open-ended).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('family_quotients', (t) => {
    t.decimal('annual_income', 12, 2);
    t.decimal('monthly_benefits', 10, 2);
    t.decimal('parts', 4, 1);
    t.integer('children');
    t.uuid('dossier_id').references('dossiers.id').onDelete('SET NULL');
    t.uuid('recorded_by').references('users.id').onDelete('SET NULL');
    t.text('note');
    t.index(['family_id', 'valid_from']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('family_quotients', (t) => {
    t.dropIndex(['family_id', 'valid_from']);
    for (const c of ['annual_income', 'monthly_benefits', 'parts', 'children', 'dossier_id', 'recorded_by', 'note']) t.dropColumn(c);
  });
}
