// Pure invoicing rules (engine/billing/invoicing.ts): numbers never truncated, months, the
// billable days of a family (basis, flat rate, closed days, already billed), one invoice per
// collection method.
import { describe, expect, it } from 'vitest';
import { billableDays, draftInvoices, invoiceDates, invoiceNumber, monthLabel, monthRange, type BookedDay } from '../../engine/billing/invoicing.js';

const booking = (date: string, extra: Partial<BookedDay> = {}): BookedDay => ({ reservationId: `r-${date}`, childId: 'c1', activityId: 'cantine', date, status: 'booked', attendance: null, ...extra });
const base = { start: '2026-11-01', end: '2026-11-30', flatRates: [], basisOf: () => 'booked' as const, isOpen: () => true, billed: new Set<string>() };

describe('numbers and months', () => {
  it('pads to six digits and never truncates', () => {
    expect(invoiceNumber('F', 2026, 123)).toBe('F2026-000123');
    expect(invoiceNumber('A', 2027, 1)).toBe('A2027-000001');
    expect(invoiceNumber('F', 2026, 1_234_567)).toBe('F2026-1234567');
  });
  it('knows month ends and says months in French', () => {
    expect(monthRange('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(monthLabel('2026-11')).toBe('novembre 2026');
  });
  it('puts the online deadline on the due date, none for direct debit', () => {
    expect(invoiceDates('2026-12-05', 'online', 30)).toEqual({ dueDate: '2027-01-04', onlinePaymentUntil: '2027-01-04' });
    expect(invoiceDates('2026-12-05', 'direct_debit', 30)).toEqual({ dueDate: '2027-01-04', onlinePaymentUntil: null });
  });
});

describe('billable days', () => {
  it('bills booked days only, within the month, minus justified absences when the basis says so', () => {
    const bookings = [booking('2026-11-02'), booking('2026-11-03', { attendance: 'absent_justified' }), booking('2026-11-04', { attendance: 'absent_unjustified' }),
      booking('2026-11-05', { status: 'cancelled' }), booking('2026-11-06', { status: 'requested' }), booking('2026-12-01')];
    expect(billableDays({ ...base, bookings }).map((d) => d.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(billableDays({ ...base, bookings, basisOf: () => 'booked_minus_justified' }).map((d) => d.date)).toEqual(['2026-11-02', '2026-11-04']);
  });
  it('bills flat-rate weekdays on open days of the school year, one line per day even when also booked', () => {
    const days = billableDays({
      ...base, start: '2026-08-31', end: '2026-09-06',
      bookings: [booking('2026-09-01'), booking('2026-09-03', { attendance: 'absent_justified' })],
      flatRates: [{ childId: 'c1', activityId: 'cantine', schoolYear: '2026-2027', weekdays: [1, 2, 4, 5] }],
      isOpen: (_a, d) => d !== '2026-09-04',
    });
    // 31 August is in 2025-2026; 3 September justified absent; 4 September closed.
    expect(days.map((d) => [d.date, d.kind, d.reservationId])).toEqual([['2026-09-01', 'flat_rate', 'r-2026-09-01']]);
  });
  it('leaves out what a standing invoice already bills', () => {
    const days = billableDays({ ...base, bookings: [booking('2026-11-02'), booking('2026-11-03')], billed: new Set(['c1|cantine|2026-11-02']) });
    expect(days.map((d) => d.date)).toEqual(['2026-11-03']);
  });
});

describe('invoices per collection method', () => {
  it('puts activities a mandate covers on a direct-debit invoice, the rest online', () => {
    const priced = [
      { childId: 'c1', activityId: 'cantine', date: '2026-11-02', kind: 'reservation' as const, reservationId: 'r1', unitPriceCents: 280 },
      { childId: 'c1', activityId: 'soir', date: '2026-11-02', kind: 'reservation' as const, reservationId: 'r2', unitPriceCents: 150 },
      { childId: 'c1', activityId: 'cantine', date: '2026-11-03', kind: 'reservation' as const, reservationId: 'r3', unitPriceCents: 280 },
    ];
    const drafts = draftInvoices(priced, (a) => (a === 'cantine' ? 'm1' : null));
    expect(drafts.map((d) => [d.collectionMethod, d.mandateId, d.lines.length, d.totalCents])).toEqual([['direct_debit', 'm1', 2, 560], ['online', null, 1, 150]]);
    expect(draftInvoices([], () => null)).toEqual([]);
  });
});
