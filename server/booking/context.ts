// What the booking rules need to know about one family, read in a few queries: its
// children (and their school level per school year), active enrolments, the activities
// they are enrolled in (rules, calendar, tariff), its family quotients and unpaid amount.
import type { Knex } from 'knex';
import type { Db, Trx } from '../db.js';
import { readCalendar, type ActivityCalendar } from '../../engine/calendar/opening.js';
import { readDeadlineRules, isCanteenRight, isBlockedForUnpaid, type DeadlineRules } from '../../engine/calendar/booking-rules.js';
import { unitPrice, type Tariff, type TariffBand } from '../../engine/billing/tariff.js';
import { capacityOfGroup, placeFor, readAgeGroups, type AgeGroup, type Place } from '../../engine/calendar/age-groups.js';
import { schoolYearOf } from '../../engine/dates.js';

type Conn = Db | Trx;

export interface ChildInfo { id: string; firstName: string; lastName: string; birthDate: string | null; levelByYear: Map<string, string | null> }
export interface ActivityInfo {
  id: string; code: string; name: string; kind: string; capacity: number | null; validation: 'automatic' | 'manual';
  calendar: ActivityCalendar; deadlines: DeadlineRules; unpaidBlockCents: number | null;
  /** Capacity per age group (null = the activity's capacity for everyone). */
  ageGroups: AgeGroup[] | null;
  effortRate: Extract<Tariff, { kind: 'effortRate' }> | null; bandsByYear: Map<string, TariffBand[]>;
}
export interface EnrolmentInfo { childId: string; activityId: string; schoolYear: string; startsOn: string | null; endsOn: string | null }
interface QuotientRow { value: number; validFrom: string; validTo: string | null; createdAt: number }

export interface FamilyContext {
  familyId: string;
  children: ChildInfo[];
  enrolments: EnrolmentInfo[];
  activities: Map<string, ActivityInfo>;
  quotients: QuotientRow[];
  unpaidCents: number;
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? {});
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toActivities(rows: Record<string, any>[], bands: Record<string, any>[]): Map<string, ActivityInfo> {
  const map = new Map<string, ActivityInfo>();
  for (const r of rows) {
    const tariff = parse(r.tariff) as Record<string, unknown>;
    const byYear = new Map<string, TariffBand[]>();
    for (const b of bands.filter((b) => b.activity_id === r.id)) {
      const list = byYear.get(b.school_year) ?? [];
      list.push({ qfMin: Number(b.qf_min), qfMax: b.qf_max === null ? null : Number(b.qf_max), unitPriceCents: Number(b.unit_price_cents) });
      byYear.set(b.school_year, list);
    }
    map.set(r.id, {
      id: r.id, code: r.code, name: r.name, kind: r.kind, capacity: r.capacity === null ? null : Number(r.capacity),
      validation: r.validation === 'manual' ? 'manual' : 'automatic',
      calendar: readCalendar(parse(r.calendar)), deadlines: readDeadlineRules(parse(r.deadline_rules)), ageGroups: readAgeGroups(r.age_groups ?? null),
      unpaidBlockCents: r.unpaid_block_cents === null || r.unpaid_block_cents === undefined ? null : Number(r.unpaid_block_cents),
      effortRate: tariff.kind === 'effortRate'
        ? { kind: 'effortRate', ratePercent: Number(tariff.ratePercent), minCents: Number(tariff.minCents), maxCents: Number(tariff.maxCents) }
        : null,
      bandsByYear: byYear,
    });
  }
  return map;
}

/**
 * Everything the rules need about a family, as of `today` (unpaid = overdue invoice
 * balances). The queries are independent and sent together: one round trip of latency
 * on a pool (opening-day rush), in sequence on PGlite.
 */
export async function loadFamilyContext(db: Conn, familyId: string, today: string): Promise<FamilyContext> {
  const mine = (alias: string) => (qb: Knex.QueryBuilder) => qb.join('family_children as fc', 'fc.child_id', `${alias}.child_id`).where('fc.family_id', familyId);
  const enrolled = db('enrolments as e').join('family_children as fc', 'fc.child_id', 'e.child_id').where({ 'fc.family_id': familyId, 'e.status': 'active' }).select('e.activity_id');
  const [children, schoolings, enrolments, activities, bands, quotients, unpaid] = await Promise.all([
    db('family_children as fc').join('children as c', 'c.id', 'fc.child_id').where('fc.family_id', familyId).orderBy('c.birth_date').select('c.id', 'c.first_name', 'c.last_name', db.raw('c.birth_date::text as birth_date')),
    db('schoolings as s').modify(mine('s')).leftJoin('schools as sc', 'sc.id', 's.school_id').select('s.child_id', 's.school_year', db.raw('coalesce(s.level, sc.level) as level')),
    db('enrolments as e').modify(mine('e')).where('e.status', 'active')
      .select('e.child_id', 'e.activity_id', 'e.school_year', db.raw('e.starts_on::text as starts_on'), db.raw('e.ends_on::text as ends_on')),
    db('activities').whereIn('id', enrolled.clone()).select('*'),
    db('tariffs').whereIn('activity_id', enrolled.clone()).orderBy('qf_min').select('activity_id', 'school_year', 'qf_min', 'qf_max', 'unit_price_cents'),
    db('family_quotients').where({ family_id: familyId }).select('value', db.raw('valid_from::text as valid_from'), db.raw('valid_to::text as valid_to'), 'created_at'),
    db('invoices').where({ family_id: familyId }).whereNotNull('due_date').where('due_date', '<', today).whereNot('status', 'cancelled')
      .sum({ cents: db.raw('greatest(total_cents - paid_cents, 0)') }).first(),
  ]);
  return {
    familyId,
    children: children.map((c) => ({
      id: c.id, firstName: c.first_name ?? '', lastName: c.last_name ?? '', birthDate: day(c.birth_date),
      levelByYear: new Map(schoolings.filter((s: { child_id: string }) => s.child_id === c.id).map((s: { school_year: string; level: string | null }) => [s.school_year, s.level])),
    })),
    enrolments: enrolments.map((e: Record<string, string | null>) => ({ childId: e.child_id!, activityId: e.activity_id!, schoolYear: e.school_year!, startsOn: day(e.starts_on), endsOn: day(e.ends_on) })),
    activities: toActivities(activities, bands),
    quotients: quotients.map((q) => ({ value: Number(q.value), validFrom: day(q.valid_from)!, validTo: day(q.valid_to), createdAt: new Date(q.created_at).getTime() })),
    unpaidCents: Number(unpaid?.cents ?? 0),
  };
}

/** The family quotient valid on `date` (newest entry wins), or null. */
export function quotientOn(ctx: FamilyContext, date: string): number | null {
  const valid = ctx.quotients.filter((q) => q.validFrom <= date && (q.validTo === null || date <= q.validTo));
  if (!valid.length) return null;
  return valid.reduce((a, b) => (b.createdAt > a.createdAt ? b : a)).value;
}

/** Unit price of the activity on `date` for this family; null when no tariff is configured. */
export function priceOn(ctx: FamilyContext, activity: ActivityInfo, date: string): number | null {
  const quotient = quotientOn(ctx, date);
  if (activity.effortRate) return unitPrice(activity.effortRate, quotient).unitPriceCents;
  const bands = activity.bandsByYear.get(schoolYearOf(date));
  return bands?.length ? unitPrice({ kind: 'bands', bands }, quotient).unitPriceCents : null;
}

/** The enrolment covering this child, activity and date's school year, if any. */
export function enrolmentFor(ctx: FamilyContext, childId: string, activityId: string, date: string): EnrolmentInfo | undefined {
  const year = schoolYearOf(date);
  return ctx.enrolments.find((e) => e.childId === childId && e.activityId === activityId && e.schoolYear === year);
}

/** L131-13 applies to this child and activity on `date` (primary school level that school year). */
export function hasCanteenRight(ctx: FamilyContext, child: ChildInfo, activity: ActivityInfo, date: string): boolean {
  return isCanteenRight(activity.kind, child.levelByYear.get(schoolYearOf(date)) ?? null);
}

export function isBlocked(ctx: FamilyContext, activity: ActivityInfo, canteenRight: boolean): boolean {
  return isBlockedForUnpaid(ctx.unpaidCents, activity.unpaidBlockCents, canteenRight);
}

/** The counter a booking of this child takes on `date` (its age group, if the activity has groups); null = no group fits (refused). */
export function placeOf(activity: ActivityInfo, child: ChildInfo, date: string, canteenRight: boolean): Place | null {
  return placeFor(activity.ageGroups, activity.capacity, child.birthDate, date, canteenRight);
}

/** Capacity of one counter of the activity ('' = the activity as a whole). */
export function capacityOf(activity: ActivityInfo, groupKey: string): number | null {
  return capacityOfGroup(activity.ageGroups, activity.capacity, groupKey);
}
