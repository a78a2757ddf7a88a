// The family quotient on file: recording one (démarche 11 accepted, or an agent) and reading
// the family's quotient sheet. The formula is engine/billing/quotient.ts; quotientOn in
// tariffs.ts is what pricing reads.
import { schoolYearOf } from '../../engine/index.js';
import { roundQuotient } from '../../engine/billing/tariff.js';
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';

type Conn = Db | Trx;

export interface QuotientInput {
  familyId: string;
  value: number;
  validFrom: string;
  validTo?: string | null;
  annualIncome?: number | null;
  monthlyBenefits?: number | null;
  parts?: number | null;
  children?: number | null;
  source: 'declaration' | 'agent' | 'caf';
  dossierId?: string | null;
  recordedBy?: string | null;
  note?: string | null;
}

/** Last day of the school year of `day` (31 August): the default end of a quotient's validity. */
export function endOfSchoolYear(day: string): string {
  return `${schoolYearOf(day).slice(5)}-08-31`;
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** Inserts a quotient; the latest recorded one covering a day is the one that applies (quotientOn). */
export async function insertQuotient(conn: Conn, input: QuotientInput): Promise<string> {
  if (!Number.isFinite(input.value) || input.value < 0) throw new AppError('INVALID_DATA', 'Quotient familial invalide.', [{ instancePath: '/value', keyword: 'minimum', message: 'Quotient positif attendu.', params: {} }]);
  const validTo = input.validTo === undefined ? endOfSchoolYear(input.validFrom) : input.validTo;
  if (validTo !== null && validTo < input.validFrom) {
    throw new AppError('INVALID_DATA', 'La fin de validité précède son début.', [{ instancePath: '/validTo', keyword: 'formatMinimum', message: 'Date postérieure au début attendue.', params: {} }]);
  }
  const [row] = await conn('family_quotients').insert({
    family_id: input.familyId,
    value: roundQuotient(input.value),
    valid_from: input.validFrom,
    valid_to: validTo,
    source: input.source,
    annual_income: input.annualIncome ?? null,
    monthly_benefits: input.monthlyBenefits ?? null,
    parts: input.parts ?? null,
    children: input.children ?? null,
    dossier_id: input.dossierId ?? null,
    recorded_by: input.recordedBy ?? null,
    note: input.note ?? null,
  }).returning('id');
  return String(row.id);
}

export interface QuotientView {
  id: string;
  value: number;
  validFrom: string;
  validTo: string | null;
  source: string;
  annualIncome: number | null;
  monthlyBenefits: number | null;
  parts: number | null;
  children: number | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
  dossier: { id: string; number: string; proofs: { id: string; name: string; type: string }[] } | null;
  /** Whether it applies today. */
  current: boolean;
}

const dayOf = (d: unknown) => (d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : d === null ? null : String(d).slice(0, 10));

/** The family's quotients, latest first, the one applying today marked current. */
export async function quotientSheet(conn: Conn, familyId: string, today: string, options: { withRecorder?: boolean } = {}): Promise<QuotientView[]> {
  const rows = await conn('family_quotients as q').leftJoin('dossiers as d', 'd.id', 'q.dossier_id').leftJoin('users as u', 'u.id', 'q.recorded_by')
    .where('q.family_id', familyId).orderBy([{ column: 'q.created_at', order: 'desc' }, { column: 'q.id', order: 'desc' }])
    .select('q.*', 'd.number as dossier_number', 'u.display_name as recorder_name');
  const dossierIds = rows.map((r) => r.dossier_id).filter(Boolean);
  const proofs = dossierIds.length
    ? await conn('attachments').whereIn('dossier_id', dossierIds).whereNull('deleted_at').select('id', 'dossier_id', 'display_name as name', 'mime as type')
    : [];
  let currentFound = false;
  return rows.map((r) => {
    const validFrom = dayOf(r.valid_from)!;
    const validTo = dayOf(r.valid_to);
    const covers = validFrom <= today && (validTo === null || validTo >= today);
    const current = covers && !currentFound;
    if (current) currentFound = true;
    return {
      id: String(r.id),
      value: Number(r.value),
      validFrom,
      validTo,
      source: r.source,
      annualIncome: num(r.annual_income),
      monthlyBenefits: num(r.monthly_benefits),
      parts: num(r.parts),
      children: num(r.children),
      note: r.note ?? null,
      recordedAt: new Date(r.created_at).toISOString(),
      recordedBy: options.withRecorder ? (r.recorder_name ?? null) : null,
      dossier: r.dossier_id ? { id: String(r.dossier_id), number: String(r.dossier_number), proofs: proofs.filter((p: { dossier_id: string }) => p.dossier_id === r.dossier_id).map((p: { id: string; name: string; type: string }) => ({ id: String(p.id), name: p.name, type: p.type })) } : null,
      current,
    };
  });
}
