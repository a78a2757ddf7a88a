// A dossier row ⇄ the engine's DossierState. Answers of sensitive démarches (health) are
// stored sealed; everything else is plain jsonb.
import type { AttachmentRef, CompiledProcedure, DossierState } from '../../engine/index.js';
import { maskedPointers } from '../../engine/masking.js';
import type { Sealer } from '../crypto.js';
import type { Db, Trx } from '../db.js';

export interface DossierRecord {
  id: string;
  number: string;
  family_id: string;
  child_id: string | null;
  procedure_code: string;
  version_id: string;
  status: string;
  answers: Record<string, unknown> | string;
  answers_encrypted: string | null;
  notice_confirmed: boolean;
  step: number;
  reason: string | null;
  correction: DossierState['correction'] | string | null;
  revision: number;
  assigned_to: string | null;
  idempotency_key: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export function answersOf(row: DossierRecord, sealer: Sealer): Record<string, unknown> {
  if (row.answers_encrypted) return JSON.parse(sealer.open(row.answers_encrypted));
  return json<Record<string, unknown>>(row.answers) ?? {};
}

export async function attachmentsOf(conn: Db | Trx, dossierId: string): Promise<Record<string, AttachmentRef[]>> {
  const rows = await conn('attachments').where({ dossier_id: dossierId }).whereNull('deleted_at').orderBy('created_at').orderBy('id')
    .select('id', 'justificatif_key', 'display_name', 'mime', 'size', 'scan_status');
  const out: Record<string, AttachmentRef[]> = {};
  for (const r of rows) {
    // The antivirus verdict, when there is an antivirus: pending, clean or infected.
    (out[r.justificatif_key] ??= []).push({ id: r.id, name: r.display_name, type: r.mime, size: Number(r.size), ...(r.scan_status && { scan: r.scan_status }) });
  }
  return out;
}

export async function stateOf(conn: Db | Trx, row: DossierRecord, sealer: Sealer, withAttachments = true): Promise<DossierState> {
  return {
    status: row.status,
    answers: answersOf(row, sealer),
    attachments: withAttachments ? await attachmentsOf(conn, row.id) : {},
    noticeConfirmed: row.notice_confirmed,
    step: row.step,
    reason: row.reason,
    correction: json(row.correction) ?? null,
  };
}

/**
 * The columns that store a state. Answers are sealed when the démarche is sensitive (health)
 * or holds masked fields (bank details: x-masked), so neither is ever stored in clear.
 */
export function columnsOf(procedure: CompiledProcedure, state: DossierState, sealer: Sealer): Record<string, unknown> {
  const sensitive = procedure.spec.sensitive === true || maskedPointers(procedure.schema).length > 0;
  return {
    status: state.status,
    answers: sensitive ? '{}' : JSON.stringify(state.answers),
    answers_encrypted: sensitive ? sealer.seal(JSON.stringify(state.answers)) : null,
    notice_confirmed: state.noticeConfirmed,
    step: state.step,
    reason: state.reason ?? null,
    correction: state.correction ? JSON.stringify(state.correction) : null,
  };
}
