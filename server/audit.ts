// Append-only audit log (who read or changed sensitive data). The table refuses updates.
import type { Db, Trx } from './db.js';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  familyId?: string | null;
  childId?: string | null;
  data?: Record<string, unknown>;
}

function toRow(entry: AuditEntry) {
  return {
    actor_id: entry.actorId ?? null,
    actor_role: entry.actorRole ?? null,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    family_id: entry.familyId ?? null,
    child_id: entry.childId ?? null,
    data: JSON.stringify(entry.data ?? {}),
  };
}

export async function auditLog(trx: Db | Trx, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert(toRow(entry));
}

/** Several entries in one statement (e.g. one per child of a list whose health flag was read). */
export async function auditLogMany(trx: Db | Trx, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await trx('audit_log').insert(entries.map(toRow));
}
