// Typed client for « Mes factures » (server/API.md, « Factures (issue 9) »); PAYER is renderer/src/payments.ts.
import { request } from '../api.js';

export interface InvoiceSummary {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  month: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  totalCents: number;
  paidCents: number;
  remainingCents: number;
  dueDate: string | null;
  onlinePaymentUntil: string | null;
  collectionMethod: 'online' | 'direct_debit';
  status: 'open' | 'paid' | 'cancelled' | 'issued';
  statusLabel: string;
  payable: boolean;
  creditNote: { id: string; number: string } | null;
  creditFor: { id: string; number: string } | null;
}
export interface InvoiceLine {
  date: string | null;
  childName: string;
  activityName: string;
  label: string;
  kind: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}
export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLine[];
}
export interface InvoiceList {
  items: InvoiceSummary[];
  toPayCount: number;
  toPayCents: number;
}

const enc = encodeURIComponent;

export const invoicesApi = {
  list: () => request<InvoiceList>('GET', '/api/invoices'),
  detail: (id: string) => request<InvoiceDetail>('GET', `/api/invoices/${enc(id)}`),
  pdfUrl: (id: string) => `/api/invoices/${enc(id)}/pdf`,
};

/** Whether the invoice is still to be settled by the family (or by the debit). */
export const isToPay = (i: InvoiceSummary) => i.kind === 'invoice' && i.status === 'open' && i.remainingCents > 0;
