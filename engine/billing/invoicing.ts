// Invoicing rules (facturation), pure: which days of a month are billed for a family, at
// what price, on which invoice (collection method), with which number and dates. The server
// reads the database and the clock and passes everything in.

/** How an activity's days are billed: every booked day, or booked days minus justified absences. */
export type BillingBasis = 'booked' | 'booked_minus_justified';
export type CollectionMethod = 'online' | 'direct_debit';

export const BILLING_BASES: BillingBasis[] = ['booked', 'booked_minus_justified'];
export const BILLING_BASIS_LABELS: Record<BillingBasis, string> = {
  booked: 'Jours réservés',
  booked_minus_justified: 'Jours réservés moins les absences justifiées',
};

/** A reservation of the month as the invoicing run sees it (réservation). */
export interface BookedDay {
  reservationId: string;
  childId: string;
  activityId: string;
  date: string;
  status: string;
  attendance: string | null;
}

/** A canteen flat rate (forfait restauration, démarche 10): fixed weekdays over a school year. */
export interface FlatRate {
  childId: string;
  activityId: string;
  schoolYear: string;
  /** ISO weekdays, 1 = lundi … 7 = dimanche. */
  weekdays: number[];
}

/** One day to bill: a line of quantity 1 on the invoice. */
export interface BillableDay {
  childId: string;
  activityId: string;
  date: string;
  kind: 'reservation' | 'flat_rate';
  reservationId: string | null;
}

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** "novembre 2026" for "2026-11". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, 15)));
}

/** `day` shifted by n calendar days. */
export function shiftDay(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = lundi … 7 = dimanche. */
export function weekdayOf(day: string): number {
  const js = new Date(`${day}T12:00:00Z`).getUTCDay();
  return js === 0 ? 7 : js;
}

/** School year of a day ("2026-2027" from 1 September). */
function schoolYearOfDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** Whether a booked day is billed under the activity's basis. */
export function isBilled(day: Pick<BookedDay, 'status' | 'attendance'>, basis: BillingBasis): boolean {
  if (day.status !== 'booked') return false;
  return !(basis === 'booked_minus_justified' && day.attendance === 'absent_justified');
}

/**
 * The days of [start, end] to bill for one family. Flat-rate days are billed whether the child
 * ate or not, except justified absences (the canteen rules of démarche 10), and only on the
 * days the activity is open (`isOpen`, which knows weekends, holidays and closed days). A
 * reservation on a flat-rate day is that same day, never a second line. Days in `billed`
 * ("child|activity|date", already on a standing invoice) are left out.
 */
export function billableDays(input: {
  start: string;
  end: string;
  bookings: BookedDay[];
  flatRates: FlatRate[];
  basisOf: (activityId: string) => BillingBasis;
  isOpen: (activityId: string, date: string) => boolean;
  billed: Set<string>;
}): BillableDay[] {
  const out = new Map<string, BillableDay>();
  // Days of a flat rate follow its rule only, billed or not: a booking there adds nothing.
  const flatDays = new Set<string>();
  const bookingAt = new Map(input.bookings.map((b) => [dayKey(b), b]));
  for (const rate of input.flatRates) {
    for (let d = input.start; d <= input.end; d = shiftDay(d, 1)) {
      if (schoolYearOfDay(d) !== rate.schoolYear || !rate.weekdays.includes(weekdayOf(d)) || !input.isOpen(rate.activityId, d)) continue;
      const key = dayKey({ childId: rate.childId, activityId: rate.activityId, date: d });
      const booking = bookingAt.get(key);
      flatDays.add(key);
      if (booking?.attendance === 'absent_justified') continue;
      out.set(key, { childId: rate.childId, activityId: rate.activityId, date: d, kind: 'flat_rate', reservationId: booking?.reservationId ?? null });
    }
  }
  for (const b of input.bookings) {
    const key = dayKey(b);
    if (flatDays.has(key) || b.date < input.start || b.date > input.end || !isBilled(b, input.basisOf(b.activityId))) continue;
    out.set(key, { childId: b.childId, activityId: b.activityId, date: b.date, kind: 'reservation', reservationId: b.reservationId });
  }
  return [...out.entries()].filter(([key]) => !input.billed.has(key)).map(([, day]) => day)
    .sort((a, b) => a.date.localeCompare(b.date) || a.childId.localeCompare(b.childId) || a.activityId.localeCompare(b.activityId));
}

/** The identity of a billed day: a child is billed an activity at most once a day. */
export function dayKey(d: { childId: string; activityId: string; date: string }): string {
  return `${d.childId}|${d.activityId}|${d.date}`;
}

export interface PricedDay extends BillableDay {
  unitPriceCents: number;
}

export interface InvoiceDraft {
  collectionMethod: CollectionMethod;
  mandateId: string | null;
  lines: PricedDay[];
  totalCents: number;
}

/**
 * Splits a family's priced days into one invoice per collection method: activities a
 * mandate covers are debited (prélèvement), the rest paid online. Empty invoices are not made.
 */
export function draftInvoices(days: PricedDay[], mandateFor: (activityId: string) => string | null): InvoiceDraft[] {
  const groups = new Map<string, InvoiceDraft>();
  for (const day of days) {
    const mandateId = mandateFor(day.activityId);
    const key = mandateId ?? 'online';
    let draft = groups.get(key);
    if (!draft) {
      draft = { collectionMethod: mandateId ? 'direct_debit' : 'online', mandateId, lines: [], totalCents: 0 };
      groups.set(key, draft);
    }
    draft.lines.push(day);
    draft.totalCents += day.unitPriceCents;
  }
  return [...groups.values()].filter((d) => d.lines.length > 0);
}

/** "F2026-000123": prefix, year, at least six digits, never truncated. */
export function invoiceNumber(prefix: string, year: number, n: number): string {
  const digits = String(n);
  return `${prefix}${year}-${digits.padStart(Math.max(6, digits.length), '0')}`;
}

/** Due date and the last day of online payment, counted from the issue day. */
export function invoiceDates(issueDay: string, method: CollectionMethod, dueDays: number): { dueDate: string; onlinePaymentUntil: string | null } {
  const dueDate = shiftDay(issueDay, dueDays);
  return { dueDate, onlinePaymentUntil: method === 'online' ? dueDate : null };
}
