// The one transactional path of every booking change (planning batch and template week).
// Exact under concurrency: the counter rows (booking_counters, one per activity, date and
// age group — '' when the activity has no groups)
// of every date touched are locked in a fixed order (no deadlock between batches), the
// decisions are taken under those locks, then written in bulk; the counter update itself
// re-checks capacity in SQL and the transaction fails rather than overbook. A freed place
// goes to the first waiting child, whose family gets a mail through the outbox (same
// transaction: sent iff committed).
import type { Db, Trx } from '../db.js';
import { parisDate } from '../../engine/dates.js';
import { cellFor, refusalOf, type ReservationStatus } from '../../engine/calendar/booking-rules.js';
import { enqueueMail } from '../mail/outbox.js';
import { NO_AGE_GROUP } from '../../engine/calendar/age-groups.js';
import { capacityOf, enrolmentFor, hasCanteenRight, isBlocked, placeOf, priceOn, type ActivityInfo, type ChildInfo, type FamilyContext } from './context.js';

export type Action = 'book' | 'cancel';
export type Outcome = 'booked' | 'requested' | 'waiting' | 'cancelled' | 'refused';
export interface BookingRequest { childId: string; activityId: string; date: string; action: Action }
export interface BookingResult extends BookingRequest { outcome: Outcome; reason: string | null; priceCents: number | null; waitingRank: number | null }
export interface Summary { booked: number; requested: number; waiting: number; cancelled: number; refused: number; totalCents: number }

interface Counter { activityId: string; date: string; groupKey: string; taken: number; waitingSeq: number; changed: boolean }
interface Existing { id: string; familyId: string; status: ReservationStatus; overCapacity: boolean; waitingRank: number | null; priceCents: number | null; groupKey: string }

const CHUNK = 1000;
const keyOf = (activityId: string, date: string, groupKey: string) => `${activityId}|${date}|${groupKey}`;
const cellKey = (r: { childId: string; activityId: string; date: string }) => `${r.childId}|${r.activityId}|${r.date}`;

/**
 * Creates the missing counters and locks all of them in one statement, always in
 * (activity, date, group) order (group keys are ASCII: the string sort is the SQL "C" order) so that two batches never wait for each other in a cycle. The
 * no-op DO UPDATE is what takes the row lock on an existing counter and returns it.
 */
async function lockCounters(trx: Trx, keys: Set<string>): Promise<Map<string, Counter>> {
  const sorted = [...keys].sort().map((k) => k.split('|') as [string, string, string]);
  const counters = new Map<string, Counter>();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const part = sorted.slice(i, i + CHUNK);
    const rows = await trx('booking_counters').insert(part.map(([activity_id, date, group_key]) => ({ activity_id, date, group_key })))
      .onConflict(['activity_id', 'date', 'group_key']).merge({ taken: trx.raw('booking_counters.taken') })
      .returning(['activity_id', trx.raw('date::text as date'), 'group_key', 'taken', 'waiting_seq']);
    for (const r of rows) {
      counters.set(keyOf(r.activity_id, r.date, r.group_key), { activityId: r.activity_id, date: r.date, groupKey: r.group_key, taken: Number(r.taken), waitingSeq: Number(r.waiting_seq), changed: false });
    }
  }
  return counters;
}

async function existingReservations(trx: Trx, items: BookingRequest[]): Promise<Map<string, Existing>> {
  const map = new Map<string, Existing>();
  if (!items.length) return map;
  const dates = items.map((i) => i.date).sort();
  const rows = await trx('reservations')
    .whereIn('child_id', [...new Set(items.map((i) => i.childId))])
    .whereIn('activity_id', [...new Set(items.map((i) => i.activityId))])
    .whereBetween('date', [dates[0], dates[dates.length - 1]])
    .select('id', 'family_id', 'child_id', 'activity_id', trx.raw('date::text as date'), 'status', 'over_capacity', 'waiting_rank', 'price_cents', 'group_key');
  for (const r of rows) {
    map.set(`${r.child_id}|${r.activity_id}|${r.date}`, {
      id: r.id, familyId: r.family_id, status: r.status, overCapacity: r.over_capacity, waitingRank: r.waiting_rank === null ? null : Number(r.waiting_rank),
      priceCents: r.price_cents === null ? null : Number(r.price_cents), groupKey: r.group_key ?? '',
    });
  }
  return map;
}

/** The capacity of counter `c` of activity `a` in SQL: its age group's, or the activity's for group ''. */
export const GROUP_CAPACITY = (a: string, groupKey: string) => `(CASE WHEN ${groupKey} = '' THEN ${a}.capacity ELSE
  (SELECT (g->>'capacity')::int FROM jsonb_array_elements(coalesce(${a}.age_groups, '[]'::jsonb)) AS g WHERE g->>'key' = ${groupKey} LIMIT 1) END)`;

/** UPDATE of the counters changed under the lock; capacity (of the age group) re-checked by Postgres itself. */
function counterUpdate(changed: Counter[]): { sql: string; bindings: (string | number)[] } {
  const values = changed.map(() => '(?::uuid, ?::date, ?::text, ?::int, ?::int)').join(', ');
  return {
    sql: `UPDATE booking_counters AS c SET taken = v.taken, waiting_seq = v.seq
       FROM (VALUES ${values}) AS v(activity_id, date, group_key, taken, seq), activities AS a
       WHERE c.activity_id = v.activity_id AND c.date = v.date AND c.group_key = v.group_key AND a.id = v.activity_id
         AND (${GROUP_CAPACITY('a', 'c.group_key')} IS NULL OR v.taken <= ${GROUP_CAPACITY('a', 'c.group_key')} OR v.taken <= c.taken)
       RETURNING c.activity_id`,
    bindings: changed.flatMap((c) => [c.activityId, c.date, c.groupKey, c.taken, c.waitingSeq]),
  };
}

async function saveCounters(trx: Trx, changed: Counter[]): Promise<void> {
  for (let i = 0; i < changed.length; i += CHUNK) {
    const part = changed.slice(i, i + CHUNK);
    const { sql, bindings } = counterUpdate(part);
    const result = await trx.raw(sql, bindings);
    const rows = (result.rows ?? result) as unknown[];
    if (rows.length !== part.length) throw new Error('Capacité dépassée : la réservation est annulée.');
  }
}

const STATUS_FOR: Record<ActivityInfo['validation'], Outcome> = { automatic: 'booked', manual: 'requested' };

interface Plan {
  results: BookingResult[];
  inserts: Record<string, unknown>[];
  cancelIds: string[];
  promotions: { id: string; status: Outcome; familyId: string; childId: string; activity: ActivityInfo; date: string }[];
}

/**
 * Applies a batch of book / cancel requests for one family in the caller's transaction.
 * Requests that cannot be honoured come back `refused` with a French reason; the others
 * are written in bulk. Cancellations go first, then the waiting list, then new bookings.
 */
export async function applyRequests(trx: Trx, ctx: FamilyContext, requests: BookingRequest[], now: Date): Promise<{ results: BookingResult[]; summary: Summary }> {
  const today = parisDate(now);
  const children = new Map(ctx.children.map((c) => [c.id, c]));
  const plan: Plan = { results: new Array(requests.length), inserts: [], cancelIds: [], promotions: [] };
  const refuse = (i: number, reason: string) => { plan.results[i] = { ...requests[i], outcome: 'refused', reason, priceCents: null, waitingRank: null }; };

  // 1. What the rules refuse whatever the others do (closed, past, blocked, not enrolled).
  const live: number[] = [];
  requests.forEach((r, i) => {
    const activity = ctx.activities.get(r.activityId);
    const enrolment = activity && enrolmentFor(ctx, r.childId, r.activityId, r.date);
    if (!activity || !enrolment) return refuse(i, "L'enfant n'est pas inscrit à cette activité pour cette année scolaire");
    live.push(i);
  });
  // Refusals that no concurrent change can lift are answered before any lock or write.
  const hasCancel = live.some((i) => requests[i].action === 'cancel');
  const seen = await existingReservations(trx, live.map((i) => requests[i]));
  const preCell = (r: BookingRequest, reservation: Existing | undefined) => cellOf(r, reservation, 0).cell;
  // The counter of each request: its reservation's group for a cancellation, the child's age group on that date for a booking.
  const counterKey = (r: BookingRequest, reservation: Existing | undefined) => {
    if (r.action === 'cancel' && reservation) return keyOf(r.activityId, r.date, reservation.groupKey);
    const activity = ctx.activities.get(r.activityId)!;
    const child = children.get(r.childId)!;
    return keyOf(r.activityId, r.date, placeOf(activity, child, r.date, hasCanteenRight(ctx, child, activity, r.date))?.groupKey ?? '');
  };
  const locked = live.filter((i) => {
    const r = requests[i];
    const res = seen.get(cellKey(r));
    if (r.action === 'cancel') {
      if (!res || res.familyId !== ctx.familyId || !['booked', 'requested', 'waiting'].includes(res.status)) return refuse(i, 'Aucune réservation à annuler ce jour'), false;
      if (res.status !== 'waiting' && !preCell(r, res).canCancel) return refuse(i, "Hors délai : la date limite d'annulation est passée"), false;
      return true;
    }
    const refusal = res && ['booked', 'requested', 'waiting'].includes(res.status) ? null : refusalOf(preCell(r, undefined));
    return refusal ? (refuse(i, refusal), false) : true;
  });
  live.splice(0, live.length, ...locked);
  const counters = await lockCounters(trx, new Set(live.map((i) => counterKey(requests[i], seen.get(cellKey(requests[i]))))));
  // Bookings may trust the read made before the lock: a cell booked meanwhile makes the
  // INSERT write fewer rows, and the whole batch is retried (RetryBooking). Cancellations and
  // promotions read again under the lock (a double cancel must not free two places).
  const existing = hasCancel ? await existingReservations(trx, live.map((i) => requests[i])) : seen;
  function cellOf(r: BookingRequest, reservation: Existing | undefined, taken?: number) {
    const activity = ctx.activities.get(r.activityId)!;
    const child = children.get(r.childId)!;
    const enrolment = enrolmentFor(ctx, r.childId, r.activityId, r.date)!;
    const canteenRight = hasCanteenRight(ctx, child, activity, r.date);
    const place = reservation && r.action === 'cancel'
      ? { groupKey: reservation.groupKey, capacity: capacityOf(activity, reservation.groupKey) }
      : placeOf(activity, child, r.date, canteenRight);
    return {
      activity, child, canteenRight, place,
      cell: cellFor({
        date: r.date, now, today, calendar: activity.calendar, deadlines: activity.deadlines,
        enrolment, capacity: place?.capacity ?? null, taken: taken ?? (place ? counters.get(keyOf(r.activityId, r.date, place.groupKey))?.taken ?? 0 : 0), noAgeGroup: !place,
        canteenRight, blocked: isBlocked(ctx, activity, canteenRight), reservation: reservation ? { status: reservation.status } : null,
      }),
    };
  }

  // 2. Cancellations.
  const freed = new Map<string, number>();
  for (const i of live.filter((i) => requests[i].action === 'cancel')) {
    const r = requests[i];
    const res = existing.get(cellKey(r));
    if (!res || res.familyId !== ctx.familyId || !['booked', 'requested', 'waiting'].includes(res.status)) { refuse(i, 'Aucune réservation à annuler ce jour'); continue; }
    const { cell } = cellOf(r, res);
    if (!cell.canCancel) { refuse(i, "Hors délai : la date limite d'annulation est passée"); continue; }
    if (res.status !== 'waiting' && !res.overCapacity) {
      const key = keyOf(r.activityId, r.date, res.groupKey);
      const counter = counters.get(key) ?? (await lockCounters(trx, new Set([key]))).get(key)!;
      counters.set(key, counter);
      counter.taken -= 1;
      counter.changed = true;
      freed.set(key, (freed.get(key) ?? 0) + 1);
    }
    plan.cancelIds.push(res.id);
    res.status = 'cancelled';
    plan.results[i] = { ...r, outcome: 'cancelled', reason: null, priceCents: res.priceCents, waitingRank: null };
  }

  // 3. Freed places go to the first waiting children of the same group (dates not yet past).
  for (const [key, count] of freed) {
    const counter = counters.get(key)!;
    const activity = ctx.activities.get(counter.activityId)!;
    if (counter.date < today) continue;
    const capacity = capacityOf(activity, counter.groupKey);
    const room = capacity === null ? count : Math.max(0, capacity - counter.taken);
    if (!room) continue;
    const waiting = await trx('reservations').where({ activity_id: counter.activityId, date: counter.date, group_key: counter.groupKey, status: 'waiting' })
      .orderBy('waiting_rank').limit(room).select('id', 'family_id', 'child_id');
    for (const w of waiting) {
      counter.taken += 1;
      counter.changed = true;
      plan.promotions.push({ id: w.id, status: STATUS_FOR[activity.validation], familyId: w.family_id, childId: w.child_id, activity, date: counter.date });
      const mine = existing.get(`${w.child_id}|${counter.activityId}|${counter.date}`);
      if (mine) mine.status = STATUS_FOR[activity.validation] as ReservationStatus;
    }
  }

  // 4. New bookings, in the order asked.
  const asked = new Map<string, number>();
  for (const i of live.filter((i) => requests[i].action === 'book')) {
    const r = requests[i];
    const res = existing.get(cellKey(r));
    const active = res && ['booked', 'requested', 'waiting'].includes(res.status);
    if (active && res.familyId !== ctx.familyId) { refuse(i, "Déjà réservé par l'autre foyer de l'enfant"); continue; }
    const first = asked.get(cellKey(r));
    if (first !== undefined) {
      plan.results[i] = { ...plan.results[first], action: 'book', reason: 'Déjà demandé' };
      continue;
    }
    if (active) {
      plan.results[i] = { ...r, outcome: res.status as Outcome, reason: 'Déjà demandé', priceCents: res.priceCents, waitingRank: res.waitingRank };
      continue;
    }
    const { activity, canteenRight, cell, place } = cellOf(r, undefined);
    const refusal = refusalOf(cell) ?? (place ? null : NO_AGE_GROUP);
    if (refusal || !place) { refuse(i, refusal ?? NO_AGE_GROUP); continue; }
    asked.set(cellKey(r), i);
    const counter = counters.get(keyOf(r.activityId, r.date, place.groupKey))!;
    const priceCents = priceOn(ctx, activity, r.date);
    const hasRoom = place.capacity === null || counter.taken < place.capacity;
    let outcome: Outcome;
    let waitingRank: number | null = null;
    let overCapacity = false;
    if (hasRoom || canteenRight) {
      outcome = STATUS_FOR[activity.validation];
      if (hasRoom) counter.taken += 1;
      else overCapacity = true;
    } else {
      outcome = 'waiting';
      counter.waitingSeq += 1;
      waitingRank = counter.waitingSeq;
    }
    counter.changed = true;
    plan.inserts.push({
      family_id: ctx.familyId, child_id: r.childId, activity_id: r.activityId, date: r.date, status: outcome,
      waiting_rank: waitingRank, price_cents: priceCents, over_capacity: overCapacity, cancelled_at: null, attendance: null, updated_at: now, group_key: place.groupKey,
    });
    plan.results[i] = { ...r, outcome, reason: outcome === 'waiting' ? "Complet : inscrit en liste d'attente" : null, priceCents, waitingRank };
  }

  await write(trx, plan, counters, now);
  return { results: plan.results, summary: summarise(plan.results) };
}

/** A cell was booked by a concurrent request between the first read and the lock: run the batch again. */
export class RetryBooking extends Error {}

const MERGED = ['family_id', 'status', 'waiting_rank', 'price_cents', 'over_capacity', 'cancelled_at', 'attendance', 'updated_at', 'group_key'];

async function write(trx: Trx, plan: Plan, counters: Map<string, Counter>, now: Date): Promise<void> {
  for (let i = 0; i < plan.cancelIds.length; i += CHUNK) {
    await trx('reservations').whereIn('id', plan.cancelIds.slice(i, i + CHUNK)).update({ status: 'cancelled', waiting_rank: null, cancelled_at: now, updated_at: now });
  }
  for (const p of plan.promotions) {
    await trx('reservations').where({ id: p.id, status: 'waiting' }).update({ status: p.status, waiting_rank: null, updated_at: now });
    await mailPromotion(trx, p);
  }
  // Only a cancelled or refused row of the same cell may be reused. A shorter RETURNING than
  // asked means a concurrent booking of the same cell: retried.
  const insert = (rows: Record<string, unknown>[]) => trx('reservations').insert(rows)
    .onConflict(['child_id', 'activity_id', 'date']).merge(MERGED).whereIn('reservations.status', ['cancelled', 'refused']).returning('id');
  const changed = [...counters.values()].filter((c) => c.changed);
  if (plan.inserts.length && plan.inserts.length <= CHUNK && changed.length <= CHUNK) {
    // The usual batch: reservations and counters in one statement (one round trip under the locks).
    const { sql, bindings } = counterUpdate(changed);
    const result = await trx.raw(`WITH ins AS (?), upd AS (${sql}) SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM upd) AS updated`, [insert(plan.inserts), ...bindings]);
    const row = (result.rows ?? result)[0];
    if (Number(row.inserted) !== plan.inserts.length) throw new RetryBooking();
    if (Number(row.updated) !== changed.length) throw new Error('Capacité dépassée : la réservation est annulée.');
    return;
  }
  for (let i = 0; i < plan.inserts.length; i += CHUNK) {
    const part = plan.inserts.slice(i, i + CHUNK);
    if ((await insert(part)).length !== part.length) throw new RetryBooking();
  }
  await saveCounters(trx, changed);
}

async function mailPromotion(trx: Trx, p: Plan['promotions'][number]): Promise<void> {
  const family = await trx('families').where({ id: p.familyId }).first('email');
  const child = await trx('children').where({ id: p.childId }).first('first_name');
  const [y, m, d] = p.date.split('-');
  const confirmed = p.status === 'booked';
  await enqueueMail(trx, {
    familyId: p.familyId, to: family?.email ?? '', template: 'booking_promoted',
    subject: `Place libérée : ${p.activity.name} le ${d}/${m}/${y}`,
    body: `Bonjour,\n\nUne place s'est libérée. La demande de ${child?.first_name ?? 'votre enfant'} pour « ${p.activity.name} » le ${d}/${m}/${y}, qui était en liste d'attente, est maintenant ${confirmed ? 'réservée' : 'réservée, à confirmer par le service'}.\n\nVous pouvez l'annuler depuis votre planning dans les délais habituels.\n\nLe service Enfance`,
  });
}

/** Waiting ranks are shown as positions in the queue of the child's group (1 = next to get a place); read after commit. */
export async function rankWaiting(trx: Db, results: BookingResult[]): Promise<void> {
  const waiting = results.filter((r) => r.outcome === 'waiting' && r.waitingRank !== null);
  if (!waiting.length) return;
  const keys = [...new Set(waiting.map((r) => `${r.activityId}|${r.date}`))].map((k) => k.split('|'));
  const ranks = new Map<string, number[]>();
  const groupOfCell = new Map<string, string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await trx('reservations').whereIn(['activity_id', 'date'], keys.slice(i, i + CHUNK)).where({ status: 'waiting' })
      .select('child_id', 'activity_id', trx.raw('date::text as date'), 'group_key', 'waiting_rank');
    for (const row of rows) {
      const key = keyOf(row.activity_id, row.date, row.group_key);
      const list = ranks.get(key) ?? [];
      list.push(Number(row.waiting_rank));
      ranks.set(key, list);
      groupOfCell.set(`${row.child_id}|${row.activity_id}|${row.date}`, row.group_key);
    }
  }
  for (const r of waiting) {
    const seq = r.waitingRank!;
    r.waitingRank = (ranks.get(keyOf(r.activityId, r.date, groupOfCell.get(cellKey(r)) ?? '')) ?? []).filter((n) => n <= seq).length || seq;
  }
}

export function summarise(results: BookingResult[]): Summary {
  const summary: Summary = { booked: 0, requested: 0, waiting: 0, cancelled: 0, refused: 0, totalCents: 0 };
  for (const r of results) {
    summary[r.outcome] += 1;
    if ((r.outcome === 'booked' || r.outcome === 'requested') && r.reason === null) summary.totalCents += r.priceCents ?? 0;
  }
  return summary;
}

export type { ChildInfo };
