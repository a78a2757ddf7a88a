// Online payment from the parents' app (server/API.md « Paiements »): PAYER asks the server
// for the provider's page and leaves for it; the return page reads the payment's status.
import { request } from './api.js';

export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'review';
export interface Payment {
  id: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  amountCents: number;
  status: PaymentStatus;
  statusLabel: string;
  reference: string;
  createdAt: string;
  expiresAt: string | null;
  completedAt: string | null;
}

export const paymentsApi = {
  start: (invoiceId: string) => request<{ paymentId: string; redirectUrl: string }>('POST', `/api/invoices/${encodeURIComponent(invoiceId)}/payment`),
  get: (paymentId: string) => request<Payment>('GET', `/api/payments/${encodeURIComponent(paymentId)}`),
};

/** PAYER: creates the payment and sends the browser to the provider's page (PayFiP). */
export async function payInvoice(invoiceId: string): Promise<void> {
  const { redirectUrl } = await paymentsApi.start(invoiceId);
  window.location.assign(redirectUrl);
}
