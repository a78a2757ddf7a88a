// The invoice PDF on its own: a long invoice continues on further pages with the table
// header repeated, French amounts and dates, text that WinAnsi fonts cannot draw replaced.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { euros, invoicePdf, paymentInstructions } from '../../server/billing/invoicing-pdf.js';

const line = (i: number) => ({
  date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`, childId: 'c', childName: 'Zoé Ølander', activityId: 'a', activityName: 'Cantine', label: 'Restauration scolaire — forfait ✓',
  kind: 'flat_rate', quantity: 1, unitPriceCents: 123456, amountCents: 123456,
});
const invoice = {
  id: 'x', number: 'F2026-000042', kind: 'invoice' as const, familyId: 'f', familyName: 'MARTIN', month: '2026-11', periodLabel: 'novembre 2026',
  periodStart: '2026-11-01', periodEnd: '2026-11-30', issuedAt: '2026-12-05T09:00:00.000Z', totalCents: 80 * 123456, paidCents: 0, remainingCents: 80 * 123456,
  dueDate: '2027-01-04', onlinePaymentUntil: '2027-01-04', collectionMethod: 'online' as const, status: 'open' as const, statusLabel: 'À payer', payable: true,
  creditNote: null, creditFor: null, family: { name: 'MARTIN', street: '12 rue des Lilas', complement: null, postalCode: '77100', city: 'Villebourg' },
  lines: Array.from({ length: 80 }, (_, i) => line(i)),
};

describe('invoice PDF', () => {
  it('spreads a long invoice over pages and keeps French formats', async () => {
    const bytes = await invoicePdf(invoice, 'Villebourg');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(pdf.getTitle()).toBe('Facture F2026-000042');
    expect(euros(123456)).toBe('1 234,56 €');
    expect(euros(-99)).toBe('-0,99 €');
    // pdf-lib refuses what its standard fonts cannot draw: the generation above would have thrown.
    const { StandardFonts } = await import('pdf-lib');
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(() => font.encodeText('Restauration scolaire — l’été « forfait »')).not.toThrow();
  });
  it('tells how to pay: online before the deadline, or nothing to do with direct debit or a credit note', () => {
    expect(paymentInstructions(invoice).map((l) => l.text).join(' ')).toContain("Payer jusqu'au 04/01/2027 en ligne");
    expect(paymentInstructions({ ...invoice, collectionMethod: 'direct_debit' })[0].text).toBe('Prélèvement automatique le 04/01/2027');
    expect(paymentInstructions({ ...invoice, kind: 'credit_note', creditFor: { id: 'y', number: 'F2026-000001' } })[0].text).toBe('Cet avoir annule la facture F2026-000001.');
  });
});
