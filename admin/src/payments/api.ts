// The back office's client for server/payments/routes.ts (payments list, debit runs).
import { request } from '../api.js';

export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'review';
export type PaymentMethod = 'online' | 'direct_debit' | 'counter';

export interface AgentPayment {
  id: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  familyId: string;
  familyName: string;
  amountCents: number;
  method: PaymentMethod;
  methodLabel: string;
  status: PaymentStatus;
  statusLabel: string;
  reference: string;
  anomaly: string | null;
  authorisation: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface PaymentFilters {
  status?: PaymentStatus | '';
  method?: PaymentMethod | '';
  from?: string;
  to?: string;
  q?: string;
}

export interface DebitRun {
  id: string;
  messageId: string;
  dueDate: string;
  txCount: number;
  invoiceCount: number;
  totalCents: number;
  createdAt: string;
  createdByName?: string | null;
  skipped?: { invoiceNumber: string; reason: string }[];
}

export const STATUS_OPTIONS: [PaymentStatus, string][] = [
  ['pending', 'En cours'], ['paid', 'Payé'], ['refused', 'Refusé'], ['abandoned', 'Abandonné'], ['expired', 'Expiré'], ['review', 'À régulariser'],
];
export const METHOD_OPTIONS: [PaymentMethod, string][] = [['online', 'En ligne'], ['direct_debit', 'Prélèvement'], ['counter', 'Régie']];

function query(filters: PaymentFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const paymentsApi = {
  list: (filters: PaymentFilters) => request<{ items: AgentPayment[] }>('GET', `/api/agent/payments${query(filters)}`),
  debitRuns: () => request<{ items: DebitRun[] }>('GET', '/api/agent/debit-runs'),
  createDebitRun: (dueDate: string) => request<DebitRun>('POST', '/api/agent/debit-runs', { dueDate }),
  fileUrl: (id: string) => `/api/agent/debit-runs/${encodeURIComponent(id)}/file`,
};

export const euros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
export const frenchDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
export const frenchDateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
