// Reservations service (issue 8): the parents' planning, batch requests, template week
// (semaine type) and the list of reservations. Handlers parse; this reads and decides;
// apply.ts writes under locks.
import type { AppDeps } from '../deps.js';
import type { Db } from '../db.js';
import { AppError, invalidInput, notFound } from '../http/errors.js';
import { parisDate, schoolYearOf } from '../../engine/dates.js';
import { addDays, daysBetween, eachDay, isDay } from '../../engine/calendar/days.js';
import { cellFor, expandTemplate } from '../../engine/calendar/booking-rules.js';
import { enrolmentFor, hasCanteenRight, isBlocked, loadFamilyContext, placeOf, priceOn, type FamilyContext } from './context.js';
import { applyRequests, rankWaiting, RetryBooking, summarise, type BookingRequest } from './apply.js';
import { bookInOneStatement } from './book-statement.js';

export const STATUS_LABELS: Record<string, string> = {
  booked: 'Réservé', requested: 'Réservé à confirmer', waiting: "Liste d'attente", cancelled: 'Annulé', refused: 'Refusé',
};

export const LEGEND = [
  { key: 'booked', label: 'Réservé' },
  { key: 'pending', label: 'Demande de réservation (à valider)' },
  { key: 'cancelled', label: 'Annulé' },
  { key: 'requested', label: 'Réservé à confirmer' },
  { key: 'waiting', label: "Liste d'attente" },
  { key: 'past', label: 'Hors délai' },
  { key: 'closed', label: "Fermé pour l'activité" },
  { key: 'full', label: "Complet : liste d'attente" },
  { key: 'blocked', label: 'Réservation bloquée (impayés)' },
  { key: 'bookable', label: 'Réservable' },
];

function assertChild(ctx: FamilyContext, childId: string | undefined): void {
  if (childId && !ctx.children.some((c) => c.id === childId)) throw notFound('Enfant');
}

async function waitingPositions(db: Db, activityIds: string[], from: string, to: string): Promise<Map<string, number>> {
  const positions = new Map<string, number>();
  if (!activityIds.length) return positions;
  const rows = await db('reservations').whereIn('activity_id', activityIds).whereBetween('date', [from, to]).where({ status: 'waiting' })
    .orderBy('waiting_rank').select('id', 'activity_id', db.raw('date::text as date'), 'group_key');
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.activity_id}|${r.date}|${r.group_key}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    positions.set(r.id, seen.get(key)!);
  }
  return positions;
}

export interface PlanningQuery { from: string; days: 1 | 5 | 7; childId?: string; activityId?: string }

/** The planning grid: one cell per child, enrolled activity and day, with what is possible and why. */
export async function planning(deps: AppDeps, familyId: string, q: PlanningQuery) {
  const now = deps.clock.now();
  const ctx = await loadFamilyContext(deps.db, familyId, parisDate(now));
  assertChild(ctx, q.childId);
  const to = addDays(q.from, q.days - 1);
  const days = eachDay(q.from, to);
  const pairs = new Map<string, Set<string>>();
  for (const e of ctx.enrolments) {
    if (!ctx.activities.has(e.activityId)) continue;
    if (!pairs.has(e.activityId)) pairs.set(e.activityId, new Set());
    pairs.get(e.activityId)!.add(e.childId);
  }
  const activityIds = [...pairs.keys()];
  const [counters, reservations, positions] = await Promise.all([
    activityIds.length ? deps.db('booking_counters').whereIn('activity_id', activityIds).whereBetween('date', [q.from, to]).select('activity_id', deps.db.raw('date::text as date'), 'group_key', 'taken') : [],
    deps.db('reservations').where({ family_id: familyId }).whereBetween('date', [q.from, to])
      .select('id', 'child_id', 'activity_id', deps.db.raw('date::text as date'), 'status', 'waiting_rank', 'price_cents'),
    waitingPositions(deps.db, activityIds, q.from, to),
  ]);
  const taken = new Map(counters.map((c: { activity_id: string; date: string; group_key: string; taken: number }) => [`${c.activity_id}|${c.date}|${c.group_key}`, Number(c.taken)]));
  const byCell = new Map(reservations.map((r) => [`${r.child_id}|${r.activity_id}|${r.date}`, r]));
  const today = parisDate(now);
  const cells = [];
  for (const child of ctx.children.filter((c) => !q.childId || c.id === q.childId)) {
    for (const activityId of activityIds.filter((a) => (!q.activityId || a === q.activityId) && pairs.get(a)!.has(child.id))) {
      const activity = ctx.activities.get(activityId)!;
      for (const date of days) {
        const res = byCell.get(`${child.id}|${activityId}|${date}`);
        const enrolment = enrolmentFor(ctx, child.id, activityId, date);
        const canteenRight = hasCanteenRight(ctx, child, activity, date);
        // "Complet" is per the child's age group when the activity has groups.
        const place = placeOf(activity, child, date, canteenRight);
        const cell = cellFor({
          date, now, today, calendar: activity.calendar, deadlines: activity.deadlines,
          enrolment: enrolment ?? { startsOn: '9999-12-31', endsOn: null }, capacity: place?.capacity ?? null, noAgeGroup: !place && !res,
          taken: place ? taken.get(`${activityId}|${date}|${place.groupKey}`) ?? 0 : 0, canteenRight, blocked: isBlocked(ctx, activity, canteenRight),
          reservation: res ? { status: res.status } : null,
        });
        cells.push({
          childId: child.id, activityId, date, state: cell.state, reason: cell.reason,
          priceCents: priceOn(ctx, activity, date), bookUntil: cell.bookUntil.toISOString(), cancelUntil: cell.cancelUntil.toISOString(),
          canBook: cell.canBook, canCancel: cell.canCancel,
          reservation: res ? {
            id: res.id, status: res.status, statusLabel: STATUS_LABELS[res.status] ?? res.status,
            waitingRank: res.status === 'waiting' ? positions.get(res.id) ?? null : null, priceCents: res.price_cents === null ? null : Number(res.price_cents),
          } : null,
        });
      }
    }
  }
  return {
    from: q.from, to,
    children: ctx.children.map((c) => ({ id: c.id, firstName: c.firstName })),
    activities: activityIds.map((id) => {
      const a = ctx.activities.get(id)!;
      return { id, code: a.code, name: a.name, kind: a.kind, childIds: [...pairs.get(id)!] };
    }),
    cells,
    legend: LEGEND,
  };
}

/** "Validation" / "Enregistrer": every request of the batch in one transaction. */
export async function submitRequests(deps: AppDeps, familyId: string, requests: BookingRequest[]) {
  const now = deps.clock.now();
  // The family's facts are read before the transaction (in parallel); only the booking
  // itself runs under the counters' locks.
  const ctx = await loadFamilyContext(deps.db, familyId, parisDate(now));
  requests.forEach((r, i) => {
    if (!ctx.children.some((c) => c.id === r.childId)) throw notFound('Enfant');
    if (!isDay(r.date)) throw invalidInput('Certaines informations envoyées sont invalides.', [{ instancePath: `/requests/${i}/date`, message: 'Date inexistante.' }]);
  });
  if (requests.every((r) => r.action === 'book')) return bookFast(deps, ctx, requests, now);
  return bookInTransaction(deps, ctx, requests, now);
}

/** Bookings only: one statement; what it did not settle (already reserved…) goes the transactional way. */
async function bookFast(deps: AppDeps, ctx: FamilyContext, requests: BookingRequest[], now: Date) {
  const fast = await bookInOneStatement(deps.db, ctx, requests, now);
  await rankWaiting(deps.db, fast.results.filter(Boolean));
  if (fast.unsettled.length) {
    const rest = await bookInTransaction(deps, ctx, fast.unsettled.map((i) => requests[i]), now);
    fast.unsettled.forEach((i, k) => { fast.results[i] = rest.results[k]; });
  }
  return { results: fast.results, summary: summarise(fast.results) };
}

async function bookInTransaction(deps: AppDeps, ctx: FamilyContext, requests: BookingRequest[], now: Date) {
  const attempt = () => deps.db.transaction((trx) => applyRequests(trx, ctx, requests, now));
  const retry = (left: number) => (error: unknown): Promise<Awaited<ReturnType<typeof attempt>>> =>
    error instanceof RetryBooking && left > 0 ? attempt().catch(retry(left - 1)) : Promise.reject(error);
  const result = await attempt().catch(retry(2));
  await rankWaiting(deps.db, result.results);
  return result;
}

export interface TemplateBody { from: string; to: string; every: 1 | 2; pattern: { childId: string; activityId: string; weekdays: number[] }[] }

/** "Semaine type": the weekly pattern expanded over the period and booked in bulk, with a report. */
export async function applyTemplate(deps: AppDeps, familyId: string, body: TemplateBody) {
  const details = [];
  for (const [field, value] of [['from', body.from], ['to', body.to]] as const) {
    if (!isDay(value)) details.push({ instancePath: `/${field}`, message: 'Date inexistante.' });
  }
  if (!details.length && body.to < body.from) details.push({ instancePath: '/to', message: 'La date de fin doit suivre la date de début.' });
  if (!details.length && schoolYearOf(body.from) !== schoolYearOf(body.to)) details.push({ instancePath: '/to', message: "La période doit rester dans une même année scolaire (du 1er septembre au 31 août)." });
  if (!details.length && daysBetween(body.from, body.to) > 366) details.push({ instancePath: '/to', message: 'Période trop longue.' });
  if (details.length) throw invalidInput('Certaines informations envoyées sont invalides.', details);
  const requests: BookingRequest[] = [];
  for (const p of body.pattern) {
    for (const date of expandTemplate({ from: body.from, to: body.to, every: body.every, weekdays: p.weekdays })) {
      requests.push({ childId: p.childId, activityId: p.activityId, date, action: 'book' });
    }
  }
  if (requests.length > 20_000) throw new AppError('INVALID_INPUT', 'Trop de réservations en une fois (20 000 au plus).');
  const result = await submitRequests(deps, familyId, requests);
  return { summary: result.summary, results: result.results };
}

export interface ListQuery { childId?: string; activityId?: string; status?: string; from?: string; to?: string }

/** "Liste des réservations validées": the family's reservations, newest date first. */
export async function listReservations(deps: AppDeps, familyId: string, q: ListQuery) {
  if (q.childId && !(await deps.db('family_children').where({ family_id: familyId, child_id: q.childId }).first('child_id'))) throw notFound('Enfant');
  const rows = await deps.db('reservations as r')
    .join('children as c', 'c.id', 'r.child_id').join('activities as a', 'a.id', 'r.activity_id')
    .where('r.family_id', familyId)
    .modify((qb) => {
      if (q.childId) qb.where('r.child_id', q.childId);
      if (q.activityId) qb.where('r.activity_id', q.activityId);
      if (q.status) qb.where('r.status', q.status);
      if (q.from) qb.where('r.date', '>=', q.from);
      if (q.to) qb.where('r.date', '<=', q.to);
    })
    .orderBy('r.date', 'desc').orderBy('c.first_name').limit(5000)
    .select('r.id', 'r.child_id', 'c.first_name', 'r.activity_id', 'a.name as activity_name', deps.db.raw('r.date::text as date'), 'r.status', 'r.price_cents');
  return {
    items: rows.map((r: Record<string, any>) => ({
      id: r.id, childId: r.child_id, childName: r.first_name, activityId: r.activity_id, activityName: r.activity_name,
      date: r.date, status: r.status, statusLabel: STATUS_LABELS[r.status] ?? r.status, priceCents: r.price_cents === null ? null : Number(r.price_cents),
    })),
  };
}
