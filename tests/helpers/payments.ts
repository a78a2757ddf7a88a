// Test helpers for payments: an invoice inserted directly (the invoicing run is tested on
// its own), the PayFiP simulator driven as a browser would (GET page, POST the form),
// and notifications signed (or forged) like the provider's.
import type { TestApp, TestClient } from './app.js';
import { paymentConfigOf } from '../../server/payments/config.js';
import { signNotification, SIGNATURE_HEADER } from '../../server/payments/provider.js';
import { notificationBody, SIMULATOR_PATH } from '../../server/payments/simulator.js';

let counter = 0;

export async function insertInvoice(t: TestApp, familyId: string, fields: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  counter++;
  const number = `FT-${Date.now().toString(36)}-${counter}`;
  const [row] = await t.db('invoices').insert({
    number, family_id: familyId, period_start: '2026-10-01', period_end: '2026-10-31', total_cents: 2260, paid_cents: 0,
    due_date: '2026-12-15', online_payment_until: '2026-12-31', status: 'open', ...fields,
  }).returning(['id', 'number']);
  return row;
}

/** PAYER, then the provider's page as the browser gets it. */
export async function startPayment(t: TestApp, parent: TestClient, invoiceId: string) {
  const res = await parent.post(`/api/invoices/${invoiceId}/payment`);
  if (res.status !== 201) throw new Error(`PAYER refusé : ${res.status} ${res.text}`);
  const idop = new URL(res.body.redirectUrl).searchParams.get('idop')!;
  return { paymentId: res.body.paymentId as string, redirectUrl: res.body.redirectUrl as string, idop };
}

/** The parent's click on the simulator's page: answers the status and where the browser goes. */
export async function chooseOnSimulator(t: TestApp, idop: string, choix: 'payer' | 'refuser' | 'abandonner') {
  const body = new URLSearchParams({ idop, choix, numero: '4970 1000 0000 0000', expiration: '12/30', cryptogramme: '123' }).toString();
  const res = await fetch(`${t.url}${SIMULATOR_PATH}`, {
    method: 'POST', redirect: 'manual', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: t.url },
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

export async function paymentRow(t: TestApp, paymentId: string) {
  return t.db('payments').where({ id: paymentId }).first();
}

/** A notification as the provider would send it (signed with `secret`, the portal's by default). */
export async function notify(t: TestApp, fields: { idop: string; refdet: string; montant: number; resultrans: string }, secret?: string, signature?: string) {
  const body = notificationBody({ ...fields, numauto: '123456', dattrans: new Date().toISOString() });
  const res = await fetch(`${t.url}/api/payments/notifications`, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signature ?? signNotification(secret ?? paymentConfigOf(t.deps).secret, body) },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
