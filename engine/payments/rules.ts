// Payment rules (no clock: "now" and "today" come in). Online payments follow PayFiP:
// an operation lives 15 minutes; its result is P (payé), R (refusé) or A (abandonné).

/** How long a parent has on the provider's page before the operation lapses. */
export const PAYMENT_VALIDITY_MS = 15 * 60 * 1000;
/** Pre-notification of a SEPA debit: at least 14 calendar days before the debit date. */
export const PRENOTIFICATION_DAYS = 14;
/** A mandate unused for 36 months lapses (caduc). */
export const MANDATE_LAPSE_MONTHS = 36;

export type ProviderResult = 'P' | 'R' | 'A';
export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'review';

export const STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: 'En cours',
  paid: 'Payé',
  refused: 'Refusé',
  abandoned: 'Abandonné',
  expired: 'Expiré',
  review: 'À régulariser',
};

/** The status a result gives a payment; undefined for a result we do not know. */
export function statusOfResult(result: string): 'paid' | 'refused' | 'abandoned' | undefined {
  return result === 'P' ? 'paid' : result === 'R' ? 'refused' : result === 'A' ? 'abandoned' : undefined;
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** The earliest debit date a run started today may carry. */
export function earliestDebitDate(today: string): string {
  return addDays(today, PRENOTIFICATION_DAYS);
}

/** FRST for a mandate never used, RCUR afterwards. */
export function sequenceTypeOf(lastUsedOn: string | null | undefined): 'FRST' | 'RCUR' {
  return lastUsedOn ? 'RCUR' : 'FRST';
}

/** A mandate lapses after 36 months without a debit (counted from its signature when never used). */
export function isMandateLapsed(signedOn: string, lastUsedOn: string | null | undefined, debitDate: string): boolean {
  return addMonths(lastUsedOn ?? signedOn, MANDATE_LAPSE_MONTHS) <= debitDate;
}

/** "2026-12-15" → "15/12/2026". */
export function frenchDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** 1234 → "12,34 €". */
export function euros(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}
