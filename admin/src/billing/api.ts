// The back office's client for invoices and invoicing runs (server/API.md, « Factures (issue 9) »).
import { request } from '../api.js';
import type { InvoiceDetail, InvoiceSummary } from '../../../renderer/src/invoices/client.js';

export type { InvoiceDetail, InvoiceSummary };

export interface AgentInvoice extends InvoiceSummary {
  familyName: string;
  familyId: string;
}
export interface InvoicePayment {
  id: string;
  amountCents: number;
  method: string;
  status: string;
  reference: string;
  createdAt: string;
  completedAt: string | null;
}
export interface AgentInvoiceDetail extends InvoiceDetail {
  familyName: string;
  family: { name: string; street?: string | null; postalCode?: string | null; city?: string | null };
  payments: InvoicePayment[];
}
export interface InvoiceFilters {
  month?: string;
  status?: string;
  family?: string;
}
export interface InvoicingRun {
  id: string;
  month: string;
  status: 'running' | 'done' | 'failed';
  source: 'agent' | 'cli';
  familiesTotal: number;
  familiesDone: number;
  invoicesCreated: number;
  linesCreated: number;
  totalCents: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}
export interface BillingActivities {
  bases: { key: string; label: string }[];
  activities: { id: string; code: string; name: string; billingBasis: string }[];
}

const enc = encodeURIComponent;

function query(filters: InvoiceFilters & { limit?: number; offset?: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const billingApi = {
  invoices: (filters: InvoiceFilters, offset = 0, limit = 50) => request<{ items: AgentInvoice[]; total: number }>('GET', `/api/agent/invoices${query({ ...filters, offset, limit })}`),
  invoice: (id: string) => request<AgentInvoiceDetail>('GET', `/api/agent/invoices/${enc(id)}`),
  cancel: (id: string, reason: string) => request<{ creditNote: { id: string; number: string } }>('POST', `/api/agent/invoices/${enc(id)}/cancel`, { reason }),
  pdfUrl: (id: string) => `/api/invoices/${enc(id)}/pdf`,
  runs: () => request<InvoicingRun[]>('GET', '/api/agent/invoicing/runs'),
  run: (id: string) => request<InvoicingRun>('GET', `/api/agent/invoicing/runs/${enc(id)}`),
  startRun: (month: string) => request<InvoicingRun>('POST', '/api/agent/invoicing/runs', { month }),
  activities: () => request<BillingActivities>('GET', '/api/agent/billing/activities'),
  setBasis: (id: string, billingBasis: string) => request<void>('PUT', `/api/agent/billing/activities/${enc(id)}`, { billingBasis }),
};
