// Activities as the back office sees them (one API shape) and their storage: the activities
// row, its schools (activity_schools) and, for a band tariff, the bands of one school year
// (tariffs table). A write replaces all three in one transaction, audited.
import { readDeadlineRules } from '../../engine/calendar/booking-rules.js';
import { formatDeadline } from '../../engine/calendar/deadlines.js';
import { readAgeGroups, type AgeGroup } from '../../engine/calendar/age-groups.js';
import type { Db, Trx } from '../db.js';
import type { SessionUser } from '../deps.js';
import { auditLog } from '../audit.js';
import { notFound } from '../http/errors.js';
import type { Band, TariffInput } from './tariff-input.js';
import type { CheckedActivity } from './validate.js';

type Conn = Db | Trx;
type Row = Record<string, any>;

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

// The rules as the booking engine applies them, in their canonical text (older object forms
// of the first demo data read the same way the planning reads them).
function deadlineRulesOf(raw: unknown): { book: string; cancel: string } {
  const rules = readDeadlineRules(parsed(raw));
  return { book: formatDeadline(rules.book), cancel: formatDeadline(rules.cancel) };
}

export interface ActivityView {
  id: string;
  code: string;
  name: string;
  kind: string;
  capacity: number | null;
  minAgeMonths: number | null;
  maxAgeMonths: number | null;
  schoolIds: string[];
  deadlineRules: { book: string; cancel: string };
  calendar: Record<string, unknown>;
  tariff: TariffInput;
  validation: string;
  active: boolean;
  unpaidBlockCents: number | null;
  /** Capacity per age group (null = none: the activity's capacity applies to every child). */
  ageGroups: AgeGroup[] | null;
}

function toView(row: Row, schoolIds: string[], bands: Band[], schoolYear: string): ActivityView {
  const tariff = parsed<Row>(row.tariff) ?? {};
  return {
    id: row.id, code: row.code, name: row.name, kind: row.kind,
    capacity: row.capacity ?? null, minAgeMonths: row.min_age_months ?? null, maxAgeMonths: row.max_age_months ?? null,
    schoolIds,
    deadlineRules: deadlineRulesOf(row.deadline_rules),
    calendar: parsed<Row>(row.calendar) ?? {},
    tariff: tariff.kind === 'effortRate'
      ? { kind: 'effortRate', ratePercent: Number(tariff.ratePercent), minCents: Number(tariff.minCents), maxCents: Number(tariff.maxCents) }
      : { mode: 'bands', schoolYear, bands },
    validation: row.validation, active: row.active,
    unpaidBlockCents: row.unpaid_block_cents ?? null,
    ageGroups: readAgeGroups(row.age_groups ?? null),
  };
}

/** Every activity (or one), with its bands for `schoolYear`. */
export async function listActivities(db: Conn, schoolYear: string, id?: string): Promise<ActivityView[]> {
  const rows: Row[] = await db('activities').modify((q) => (id ? q.where({ id }) : q)).orderBy('name').select('*');
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const schools = await db('activity_schools').whereIn('activity_id', ids).select('activity_id', 'school_id');
  const tariffs = await db('tariffs').whereIn('activity_id', ids).where({ school_year: schoolYear }).orderBy('qf_min').select('activity_id', 'qf_min', 'qf_max', 'unit_price_cents');
  return rows.map((r) => toView(
    r,
    schools.filter((s) => s.activity_id === r.id).map((s) => String(s.school_id)).sort(),
    tariffs.filter((t) => t.activity_id === r.id).map((t) => ({ qfMin: Number(t.qf_min), qfMax: t.qf_max === null ? null : Number(t.qf_max), priceCents: Number(t.unit_price_cents) })),
    schoolYear,
  ));
}

export async function getActivity(db: Conn, id: string, schoolYear: string): Promise<ActivityView> {
  const [activity] = await listActivities(db, schoolYear, id);
  if (!activity) throw notFound('Activité');
  return activity;
}

function columnsOf(a: CheckedActivity) {
  const tariff = 'kind' in a.tariff ? a.tariff : { mode: 'bands' };
  return {
    code: a.code, name: a.name.trim(), kind: a.kind, capacity: a.capacity,
    min_age_months: a.minAgeMonths ?? null, max_age_months: a.maxAgeMonths ?? null,
    deadline_rules: JSON.stringify(a.deadlineRules), calendar: JSON.stringify(a.calendar), tariff: JSON.stringify(tariff),
    validation: a.validation, active: a.active, unpaid_block_cents: a.unpaidBlockCents ?? null,
    // Absent from the input: left as stored.
    ...(a.ageGroups === undefined ? {} : {
      age_groups: a.ageGroups?.length ? JSON.stringify(a.ageGroups.map(({ key, label, minAgeMonths, maxAgeMonths, capacity }) => ({ key, label, minAgeMonths, maxAgeMonths, capacity }))) : null,
    }),
  };
}

async function writeParts(trx: Trx, id: string, a: CheckedActivity): Promise<void> {
  await trx('activity_schools').where({ activity_id: id }).delete();
  await trx('activity_schools').insert(a.schoolIds.map((school_id) => ({ activity_id: id, school_id })));
  if ('mode' in a.tariff) {
    const { schoolYear, bands } = a.tariff;
    await trx('tariffs').where({ activity_id: id, school_year: schoolYear }).delete();
    await trx('tariffs').insert(bands.map((b) => ({ activity_id: id, school_year: schoolYear, qf_min: b.qfMin, qf_max: b.qfMax, unit_price_cents: b.priceCents })));
  }
}

/** What changed, for the audit log (field names with before/after; never personal data). */
function changes(before: ActivityView | undefined, after: ActivityView): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as (keyof ActivityView)[]) {
    if (JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after[key] ?? null)) out[key] = { before: before?.[key] ?? null, after: after[key] };
  }
  return out;
}

const yearOf = (a: CheckedActivity, fallback: string) => ('mode' in a.tariff ? a.tariff.schoolYear : fallback);

export async function createActivity(db: Db, user: SessionUser, a: CheckedActivity, schoolYear: string): Promise<ActivityView> {
  return db.transaction(async (trx) => {
    const [row] = await trx('activities').insert(columnsOf(a)).returning('id');
    const id = String(row.id);
    await writeParts(trx, id, a);
    const after = await getActivity(trx, id, yearOf(a, schoolYear));
    await auditLog(trx, { actorId: user.id, actorRole: user.role, action: 'activity.create', subjectType: 'activity', subjectId: id, data: { changes: changes(undefined, after) } });
    return after;
  });
}

export async function updateActivity(db: Db, user: SessionUser, id: string, a: CheckedActivity, schoolYear: string): Promise<ActivityView> {
  return db.transaction(async (trx) => {
    const locked = await trx('activities').where({ id }).forUpdate().first('id');
    if (!locked) throw notFound('Activité');
    const year = yearOf(a, schoolYear);
    const before = await getActivity(trx, id, year);
    await trx('activities').where({ id }).update(columnsOf(a));
    await writeParts(trx, id, a);
    const after = await getActivity(trx, id, year);
    await auditLog(trx, { actorId: user.id, actorRole: user.role, action: 'activity.update', subjectType: 'activity', subjectId: id, data: { changes: changes(before, after) } });
    return after;
  });
}
