// Antivirus (ClamAV): each justificatif carries its scan status. Null: uploaded while no
// antivirus was configured; pending: waiting for (or retrying) a scan; clean; infected
// (quarantined: moved out of the storage, never served).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('attachments', (t) => {
    t.text('scan_status');
    t.text('scan_signature');
    t.integer('scan_attempts').notNullable().defaultTo(0);
    t.timestamp('scan_next_at', { useTz: true });
    t.timestamp('scan_locked_until', { useTz: true });
    t.timestamp('scanned_at', { useTz: true });
    t.timestamp('quarantined_at', { useTz: true });
  });
  await knex.raw("ALTER TABLE attachments ADD CONSTRAINT attachments_scan_status_check CHECK (scan_status IN ('pending','clean','infected'))");
  await knex.raw("CREATE INDEX attachments_scan_pending ON attachments (scan_next_at) WHERE scan_status = 'pending'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS attachments_scan_pending');
  await knex.raw('ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_scan_status_check');
  await knex.schema.alterTable('attachments', (t) => {
    for (const c of ['scan_status', 'scan_signature', 'scan_attempts', 'scan_next_at', 'scan_locked_until', 'scanned_at', 'quarantined_at']) t.dropColumn(c);
  });
}
