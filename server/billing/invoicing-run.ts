// The monthly invoicing run (facturation mensuelle): every family with booked days or a canteen
// flat rate in the month gets its numbered invoice(s). One transaction per family, under a
// per-family advisory lock; the unique index invoice_lines_billed_once (migration 025) makes
// billing a day twice impossible even if two runs overlap, so a run can always be re-run.
import { performance } from 'node:perf_hooks';
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import { parisDate } from '../../engine/dates.js';
import { unitPrice } from '../../engine/billing/tariff.js';
import {
  billableDays, dayKey, draftInvoices, invoiceDates, invoiceNumber, monthRange,
  type BillingBasis, type BookedDay, type FlatRate, type PricedDay,
} from '../../engine/billing/invoicing.js';
import { tariffsFor } from './tariffs.js';
import { isActivityOpen } from './invoicing-calendar.js';

export interface RunOptions {
  month: string;
  now: Date;
  /** The invoicing_runs row that records progress (created when absent). */
  runId?: string;
  startedBy?: string | null;
  source?: 'agent' | 'cli';
  /** Days between issue and due date (échéance). */
  dueDays?: number;
  onProgress?: (done: number, total: number) => void;
  /** Families billed at once (default 4 on PostgreSQL, 1 on PGlite). */
  concurrency?: number;
}

export interface RunSummary {
  runId: string;
  month: string;
  families: number;
  invoicesCreated: number;
  linesCreated: number;
  totalCents: number;
  invoiceIds: string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DEFAULT_DUE_DAYS = Number(process.env.INVOICE_DUE_DAYS ?? 30);

function defaultConcurrency(db: Db): number {
  return (db.client as { config?: { client?: unknown } }).config?.client === 'pg' ? 4 : 1;
}

/** Refuses a malformed month or one not begun yet (its bookings are not consumed). */
export function checkMonth(month: string, now: Date): void {
  if (!MONTH.test(month)) {
    throw new AppError('INVALID_INPUT', 'Le mois à facturer est invalide (format AAAA-MM, ex. 2026-11).', [{ instancePath: '/month', keyword: 'format', message: 'Format attendu : AAAA-MM.', params: {} }]);
  }
  if (`${month}-01` > parisDate(now)) {
    throw new AppError('INVALID_DATA', 'Ce mois n’est pas encore commencé : il ne peut pas être facturé.', [{ instancePath: '/month', keyword: 'month', message: 'Choisissez un mois commencé ou passé.', params: {} }]);
  }
}

/** Creates the run row that the back office watches. */
export async function createRun(db: Db, month: string, startedBy: string | null, source: 'agent' | 'cli'): Promise<string> {
  const [row] = await db('invoicing_runs').insert({ month, started_by: startedBy, source }).returning('id');
  return row.id;
}

/** Families that may have something to bill in the month (bookings not yet billed, or a flat rate). */
async function familiesToBill(db: Db, start: string, end: string): Promise<string[]> {
  const { rows } = await db.raw(
    `SELECT family_id FROM reservations r
       WHERE r.date BETWEEN ?::date AND ?::date AND r.status = 'booked'
         AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.active AND l.child_id = r.child_id AND l.activity_id = r.activity_id AND l.date = r.date)
     UNION SELECT family_id FROM flat_rates WHERE school_year IN (?, ?)
     ORDER BY 1`,
    [start, end, schoolYearOf(start), schoolYearOf(end)],
  );
  return rows.map((r: { family_id: string }) => r.family_id);
}

function schoolYearOf(day: string): string {
  const y = Number(day.slice(0, 4));
  const s = Number(day.slice(5, 7)) >= 9 ? y : y - 1;
  return `${s}-${s + 1}`;
}

/** Next number of a gapless yearly series, taken inside the invoice's transaction. */
export async function nextNumber(trx: Trx, prefix: 'F' | 'A', year: number): Promise<string> {
  const { rows } = await trx.raw(
    `INSERT INTO invoice_counters (prefix, year, last_value) VALUES (?, ?, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = invoice_counters.last_value + 1 RETURNING last_value`,
    [prefix, year],
  );
  return invoiceNumber(prefix, year, Number(rows[0].last_value));
}

interface ActivityInfo {
  id: string;
  name: string;
  billingBasis: BillingBasis;
  calendar: unknown;
}

/** Mandates (mandats SEPA) of the family that are active: which activities each covers. */
async function mandateResolver(trx: Trx, familyId: string): Promise<(activityId: string) => string | null> {
  const mandates = await trx('mandates').where({ family_id: familyId, status: 'active' }).orderBy('signed_on', 'desc').select('id', 'activity_ids');
  if (!mandates.length) return () => null;
  const enrolments = await trx('enrolments').where({ family_id: familyId }).select('id', 'activity_id');
  const activityOfEnrolment = new Map(enrolments.map((e) => [e.id, e.activity_id]));
  return (activityId) => {
    for (const m of mandates) {
      const ids: string[] = Array.isArray(m.activity_ids) ? m.activity_ids : JSON.parse(m.activity_ids ?? '[]');
      // An empty list means every activity; otherwise activity ids or enrolment ids (démarche 07).
      if (!ids.length || ids.some((id) => id === activityId || activityOfEnrolment.get(id) === activityId)) return m.id;
    }
    return null;
  };
}

/** Bills one family for the month; returns the invoices created (none when nothing is left to bill). */
async function billFamily(db: Db, familyId: string, month: string, issueDay: string, dueDays: number, runId: string, activities: Map<string, ActivityInfo>, tariffs: TariffCache): Promise<{ ids: string[]; lines: number; totalCents: number }> {
  const { start, end } = monthRange(month);
  return db.transaction(async (trx) => {
    // Two runs billing the same family queue up here; the second then finds the days billed.
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext('invoicing:' || ?))", [familyId]);
    const bookingRows = await trx('reservations').where({ family_id: familyId }).whereBetween('date', [start, end])
      .select('*', trx.raw('date::text AS day'));
    const bookings: BookedDay[] = bookingRows.map((r) => ({ reservationId: r.id, childId: r.child_id, activityId: r.activity_id, date: r.day, status: r.status, attendance: r.attendance }));
    const snapshot = new Map(bookingRows.filter((r) => Number.isInteger(r.price_cents)).map((r) => [r.id, Number(r.price_cents)]));
    const flatRates: FlatRate[] = (await trx('flat_rates').where({ family_id: familyId }).whereIn('school_year', [schoolYearOf(start), schoolYearOf(end)])
      .select('child_id', 'activity_id', 'school_year', 'weekdays'))
      .map((f) => ({ childId: f.child_id, activityId: f.activity_id, schoolYear: f.school_year, weekdays: (Array.isArray(f.weekdays) ? f.weekdays : JSON.parse(f.weekdays ?? '[]')).map(Number) }));
    const children = [...new Set([...bookings.map((b) => b.childId), ...flatRates.map((f) => f.childId)])];
    const billedRows = children.length
      ? await trx('invoice_lines').where({ active: true }).whereIn('child_id', children).whereBetween('date', [start, end]).select('child_id', 'activity_id', trx.raw('date::text AS day'))
      : [];
    const billed = new Set(billedRows.map((l) => dayKey({ childId: l.child_id, activityId: l.activity_id, date: l.day })));
    const days = billableDays({
      start, end, bookings, flatRates, billed,
      basisOf: (id) => activities.get(id)?.billingBasis ?? 'booked',
      isOpen: (id, date) => isActivityOpen(activities.get(id)?.calendar, date),
    });
    if (!days.length) return { ids: [], lines: 0, totalCents: 0 };

    const priced = await priceDays(trx, familyId, days, snapshot, tariffs, [...activities.keys()]);
    const drafts = draftInvoices(priced, await mandateResolver(trx, familyId));
    const ids: string[] = [];
    let lines = 0;
    let totalCents = 0;
    for (const draft of drafts) {
      const number = await nextNumber(trx, 'F', Number(issueDay.slice(0, 4)));
      const dates = invoiceDates(issueDay, draft.collectionMethod, dueDays);
      const [invoice] = await trx('invoices').insert({
        number, family_id: familyId, period_start: start, period_end: end, total_cents: draft.totalCents,
        due_date: dates.dueDate, online_payment_until: dates.onlinePaymentUntil, status: 'open', kind: 'invoice',
        collection_method: draft.collectionMethod, mandate_id: draft.mandateId, run_id: runId,
      }).returning('id');
      await trx('invoice_lines').insert(draft.lines.map((l, position) => ({
        invoice_id: invoice.id, date: l.date, child_id: l.childId, activity_id: l.activityId, reservation_id: l.reservationId,
        label: l.kind === 'flat_rate' ? `${activities.get(l.activityId)?.name ?? 'Restauration'} (forfait)` : activities.get(l.activityId)?.name ?? 'Activité',
        kind: l.kind, quantity: 1, unit_price_cents: l.unitPriceCents, amount_cents: l.unitPriceCents, position, active: true,
      })));
      ids.push(invoice.id);
      lines += draft.lines.length;
      totalCents += draft.totalCents;
    }
    return { ids, lines, totalCents };
  });
}

/** Tariffs by school year, read once per run (they do not change while it runs). */
type TariffCache = Map<string, Promise<Awaited<ReturnType<typeof tariffsFor>>>>;

/** The family's quotients overlapping [start, end], in the order quotientOn picks them (latest first). */
async function quotientsOf(trx: Trx, familyId: string, start: string, end: string) {
  const rows = await trx('family_quotients').where({ family_id: familyId }).andWhere('valid_from', '<=', end)
    .andWhere((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', start))
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'valid_from', order: 'desc' }])
    .select('value', trx.raw('valid_from::text AS valid_from_day'), trx.raw('valid_to::text AS valid_to_day'));
  return (day: string): number | null => {
    const q = rows.find((r) => r.valid_from_day <= day && (r.valid_to_day === null || r.valid_to_day >= day));
    return q ? Number(q.value) : null;
  };
}

/** Unit prices: the booking's price snapshot when it has one, else the tariff for the quotient valid that day. */
async function priceDays(trx: Trx, familyId: string, days: ReturnType<typeof billableDays>, snapshot: Map<string, number>, tariffs: TariffCache, activityIds: string[]): Promise<PricedDay[]> {
  const quotientOn = await quotientsOf(trx, familyId, days[0]!.date, days[days.length - 1]!.date);
  const out: PricedDay[] = [];
  for (const day of days) {
    const snap = day.reservationId && day.kind === 'reservation' ? snapshot.get(day.reservationId) : undefined;
    if (snap !== undefined) {
      out.push({ ...day, unitPriceCents: snap });
      continue;
    }
    const year = schoolYearOf(day.date);
    if (!tariffs.has(year)) {
      tariffs.set(year, tariffsFor(trx, activityIds, year).catch((error) => {
        tariffs.delete(year);
        throw error;
      }));
    }
    const tariff = (await tariffs.get(year)!).get(day.activityId);
    if (!tariff) throw new AppError('CONFLICT', `Aucun tarif n'est défini pour une activité facturée en ${year} : complétez la grille tarifaire puis relancez la facturation.`);
    out.push({ ...day, unitPriceCents: unitPrice(tariff, quotientOn(day.date)).unitPriceCents });
  }
  return out;
}

/**
 * Runs the invoicing of a month. Families are billed one by one (a failure of one family is
 * recorded and the others go on); progress goes to the invoicing_runs row after each family.
 */
export async function runInvoicing(db: Db, opts: RunOptions): Promise<RunSummary> {
  checkMonth(opts.month, opts.now);
  const runId = opts.runId ?? (await createRun(db, opts.month, opts.startedBy ?? null, opts.source ?? 'cli'));
  const { start, end } = monthRange(opts.month);
  const issueDay = parisDate(opts.now);
  const summary: RunSummary = { runId, month: opts.month, families: 0, invoicesCreated: 0, linesCreated: 0, totalCents: 0, invoiceIds: [] };
  const failures: string[] = [];
  try {
    const activities = new Map<string, ActivityInfo>((await db('activities').select('id', 'name', 'billing_basis', 'calendar'))
      .map((a) => [a.id, { id: a.id, name: a.name, billingBasis: a.billing_basis, calendar: a.calendar }]));
    const families = await familiesToBill(db, start, end);
    const tariffs: TariffCache = new Map();
    summary.families = families.length;
    await db('invoicing_runs').where({ id: runId }).update({ families_total: families.length, updated_at: db.fn.now() });
    let done = 0;
    let written = 0;
    const progress = async (force: boolean) => {
      // Throttled: one progress write per quarter second is enough for the back office's poll.
      if (!force && performance.now() - written < 250) return;
      written = performance.now();
      await db('invoicing_runs').where({ id: runId }).update({
        families_done: done, invoices_created: summary.invoicesCreated, lines_created: summary.linesCreated, total_cents: summary.totalCents, updated_at: db.fn.now(),
      });
    };
    const queue = [...families];
    const worker = async () => {
      for (let familyId = queue.shift(); familyId; familyId = queue.shift()) {
        try {
          const result = await billFamily(db, familyId, opts.month, issueDay, opts.dueDays ?? DEFAULT_DUE_DAYS, runId, activities, tariffs);
          summary.invoicesCreated += result.ids.length;
          summary.linesCreated += result.lines;
          summary.totalCents += result.totalCents;
          summary.invoiceIds.push(...result.ids);
        } catch (error) {
          // A concurrent run billed the same day first (unique index): nothing is lost, it is billed once.
          if ((error as { code?: string }).code !== '23505') failures.push(error instanceof AppError ? error.message : String((error as Error).message ?? error));
        }
        done++;
        opts.onProgress?.(done, families.length);
        await progress(false);
      }
    };
    // Families are independent (one transaction each): a few at once on a Postgres pool; one at a time on PGlite (one connection).
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? defaultConcurrency(db)) }, worker));
    await progress(true);
    await db('invoicing_runs').where({ id: runId }).update({
      status: failures.length ? 'failed' : 'done', error: failures.length ? [...new Set(failures)].join('\n').slice(0, 2000) : null, finished_at: db.fn.now(), updated_at: db.fn.now(),
    });
  } catch (error) {
    await db('invoicing_runs').where({ id: runId }).update({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 2000), finished_at: db.fn.now() });
    throw error;
  }
  return summary;
}
