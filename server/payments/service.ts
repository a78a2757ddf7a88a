// Online payment of an invoice (paiement en ligne). The invariants live in the database:
// one pending online payment per invoice (partial unique index); a result is applied by a
// conditional UPDATE of the payment row (pending → paid) and, in the same transaction, of
// the invoice (paid_cents += amount), so replayed or concurrent notifications pay once.
// A "paid" arriving after the 15 minutes (or for an invoice settled meanwhile) never
// touches the invoice: the payment goes to « À régulariser » for an agent — money received
// is recorded, never lost silently.
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { AppError, notFound } from '../http/errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { parisDate } from '../../engine/dates.js';
import { PAYMENT_VALIDITY_MS, STATUS_LABELS, euros, frenchDate, isExpired, statusOfResult, type PaymentStatus } from '../../engine/payments/rules.js';
import type { PaymentProvider, ProviderNotification } from './provider.js';
import { providerOf } from './simulator.js';

export interface PaymentView {
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

const conflict = (message: string) => new AppError('CONFLICT', message);

function newReference(invoiceNumber: string): string {
  // PayFiP « refdet »: letters and digits, at most 30.
  return `${invoiceNumber.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}P${randomBytes(4).toString('hex').toUpperCase()}`;
}

const returnUrl = (deps: AppDeps, paymentId: string) => `${deps.config.publicUrl}/paiement/retour?paiement=${paymentId}`;
export const notifyUrl = (deps: AppDeps) => `${deps.config.publicUrl}/api/payments/notifications`;

async function familyAddress(conn: Db | Trx, familyId: string): Promise<string | undefined> {
  const family = await conn('families').where({ id: familyId }).first('email');
  if (family?.email) return family.email;
  const user = await conn('users').where({ family_id: familyId }).whereNull('disabled_at').orderBy('created_at').first('email');
  return user?.email;
}

/** Why an invoice cannot be paid online now, or undefined. */
function refusal(invoice: Record<string, any>, today: string, debitDate?: string): string | undefined {
  const remaining = invoice.total_cents - invoice.paid_cents;
  if (invoice.kind && invoice.kind !== 'invoice') return "Un avoir ne se paie pas.";
  if (invoice.cancelled_at || invoice.status === 'cancelled') return 'Cette facture a été annulée.';
  if (invoice.status === 'paid' || remaining <= 0) return 'Cette facture est déjà réglée.';
  if (debitDate) return `Cette facture sera prélevée le ${frenchDate(debitDate)} : elle ne se paie pas en ligne.`;
  if (invoice.collection_method === 'direct_debit') return 'Cette facture est réglée par prélèvement automatique : elle ne se paie pas en ligne.';
  const until = invoice.online_payment_until && String(dayOf(invoice.online_payment_until));
  if (until && until < today) return `La date limite de paiement en ligne (${frenchDate(until)}) est dépassée : réglez cette facture auprès de la régie.`;
  return undefined;
}

function dayOf(value: unknown): string {
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

/**
 * PAYER: creates the payment (amount = what remains, 15 minutes) and the provider's
 * operation; a click while a live payment exists sends the parent back to that one.
 */
export async function startPayment(deps: AppDeps, familyId: string, invoiceId: string): Promise<{ paymentId: string; redirectUrl: string }> {
  if (providerOf(deps).name === 'aucun') {
    throw new AppError('PROVIDER_UNAVAILABLE', 'Le paiement en ligne n’est pas proposé pour le moment : réglez cette facture auprès de la régie.');
  }
  const now = deps.clock.now();
  const created = await deps.db.transaction(async (trx) => {
    const invoice = await trx('invoices').where({ id: invoiceId, family_id: familyId }).forUpdate().first();
    if (!invoice) throw notFound('Facture');
    const debit = await trx('debit_run_items as i').join('debit_runs as r', 'r.id', 'i.run_id').where({ 'i.invoice_id': invoiceId }).first('r.due_date');
    const why = refusal(invoice, parisDate(now), debit ? dayOf(debit.due_date) : undefined);
    if (why) throw conflict(why);
    const live = await trx('payments').where({ invoice_id: invoiceId, method: 'online', status: 'pending' }).first();
    if (live && !isExpired(new Date(live.expires_at), now)) {
      if (!live.provider_data?.redirectUrl) throw conflict('Un paiement de cette facture est en cours de création : réessayez dans un instant.');
      return { paymentId: live.id as string, redirectUrl: live.provider_data.redirectUrl as string, fresh: false };
    }
    if (live) await trx('payments').where({ id: live.id, status: 'pending' }).update({ status: 'expired' });
    const [row] = await trx('payments').insert({
      family_id: familyId, invoice_id: invoiceId, amount_cents: invoice.total_cents - invoice.paid_cents, method: 'online',
      reference: newReference(invoice.number), status: 'pending', created_at: now, expires_at: new Date(now.getTime() + PAYMENT_VALIDITY_MS),
    }).returning(['id', 'reference', 'amount_cents']);
    return { paymentId: row.id as string, reference: row.reference as string, amountCents: row.amount_cents as number, number: invoice.number as string, fresh: true };
  });
  if (!created.fresh) return { paymentId: created.paymentId, redirectUrl: created.redirectUrl! };
  const provider = providerOf(deps);
  try {
    const op = await provider.createOperation({
      amountCents: created.amountCents!, reference: created.reference!, year: parisDate(now).slice(0, 4),
      label: `Facture ${created.number}`, email: await familyAddress(deps.db, familyId),
      notifyUrl: notifyUrl(deps), returnUrl: returnUrl(deps, created.paymentId),
    });
    await deps.db('payments').where({ id: created.paymentId }).update({
      provider_operation_id: op.operationId,
      provider_data: JSON.stringify({ provider: provider.name, redirectUrl: op.redirectUrl }),
    });
    return { paymentId: created.paymentId, redirectUrl: op.redirectUrl };
  } catch (error) {
    await deps.db('payments').where({ id: created.paymentId, status: 'pending' }).update({ status: 'expired', anomaly: 'provider_unreachable' });
    deps.logger.error({ err: error, paymentId: created.paymentId }, 'payment provider unreachable');
    throw new AppError('PROVIDER_UNAVAILABLE', 'Le service de paiement en ligne ne répond pas. Réessayez dans quelques minutes.');
  }
}

export type NotificationOutcome = 'paid' | 'refused' | 'abandoned' | 'review' | 'unchanged';

/**
 * Applies a verified result. Idempotent: a replay, or five copies at once, find the row no
 * longer pending and change nothing.
 */
export async function applyResult(deps: AppDeps, n: ProviderNotification): Promise<NotificationOutcome> {
  const status = statusOfResult(n.result);
  if (!status) throw new AppError('INVALID_INPUT', `Résultat de paiement inconnu : ${n.result}.`, [{ instancePath: '/resultrans', message: 'valeur attendue : P, R ou A' }]);
  const payment = await deps.db('payments').where({ provider_operation_id: n.operationId }).first();
  if (!payment) throw notFound('Opération de paiement');
  if (payment.reference !== n.reference || payment.amount_cents !== n.amountCents) {
    throw new AppError('INVALID_INPUT', 'La notification ne correspond pas au paiement (référence ou montant).');
  }
  const now = deps.clock.now();
  const data = { result: n.result, authorisation: n.authorisation ?? null, providerAt: n.at ?? null, notifiedAt: now.toISOString() };
  const merge = (trx: Trx) => trx.raw('provider_data || ?::jsonb', [JSON.stringify(data)]);
  return deps.db.transaction(async (trx) => {
    if (status !== 'paid') {
      const n1 = await trx('payments').where({ id: payment.id }).whereIn('status', ['pending', 'expired'])
        .update({ status, completed_at: now, provider_data: merge(trx) });
      return n1 ? status : 'unchanged';
    }
    const [paid] = await trx('payments').where({ id: payment.id, status: 'pending' }).where('expires_at', '>', now)
      .update({ status: 'paid', completed_at: now, provider_data: merge(trx) }).returning(['id', 'invoice_id', 'amount_cents', 'family_id']);
    if (paid) {
      const settled = await trx('invoices').where({ id: paid.invoice_id }).whereRaw('paid_cents + ? <= total_cents', [paid.amount_cents])
        .update({ paid_cents: trx.raw('paid_cents + ?', [paid.amount_cents]), status: trx.raw("CASE WHEN paid_cents + ? >= total_cents THEN 'paid' ELSE status END", [paid.amount_cents]) })
        .returning(['number']);
      if (!settled.length) {
        await trx('payments').where({ id: paid.id }).update({ status: 'review', anomaly: 'invoice_already_settled' });
        return 'review';
      }
      const to = await familyAddress(trx, paid.family_id);
      if (to) {
        await enqueueMail(trx, {
          familyId: paid.family_id, to, template: 'payment-received',
          subject: `Paiement reçu : facture ${settled[0].number}`,
          body: `Bonjour,\n\nNous avons bien reçu votre paiement en ligne de ${euros(paid.amount_cents)} pour la facture ${settled[0].number} (référence ${payment.reference}).\n\nLe service Enfance — Régie`,
        });
      }
      return 'paid';
    }
    // Money the provider took outside the window (or after a refusal): kept for an agent.
    const late = await trx('payments').where({ id: payment.id }).whereIn('status', ['pending', 'expired', 'refused', 'abandoned'])
      .update({ status: 'review', anomaly: 'paid_after_expiry', completed_at: now, provider_data: merge(trx) });
    return late ? 'review' : 'unchanged';
  });
}

function view(row: Record<string, any>, now: Date): PaymentView {
  const status: PaymentStatus = row.status === 'pending' && row.expires_at && isExpired(new Date(row.expires_at), now) ? 'expired' : row.status;
  return {
    id: row.id, invoiceId: row.invoice_id, invoiceNumber: row.number ?? null, amountCents: row.amount_cents, status, statusLabel: STATUS_LABELS[status],
    reference: row.reference, createdAt: new Date(row.created_at).toISOString(),
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null, completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

/**
 * The return page's question: where is my payment? A pending one is checked with the
 * provider first (« recupererDetailPaiementSecurise »), in case its notification is late.
 */
export async function paymentForFamily(deps: AppDeps, familyId: string, paymentId: string): Promise<PaymentView> {
  const find = () => deps.db('payments as p').leftJoin('invoices as i', 'i.id', 'p.invoice_id').where({ 'p.id': paymentId, 'p.family_id': familyId }).first('p.*', 'i.number');
  let row = await find();
  if (!row) throw notFound('Paiement');
  if (row.status === 'pending' && row.provider_operation_id) {
    const answer = await providerOf(deps).lookup(row.provider_operation_id).catch(() => undefined);
    if (answer && answer.result) {
      await applyResult(deps, answer).catch((error) => deps.logger.warn({ err: error, paymentId }, 'payment lookup not applied'));
      row = await find();
    }
  }
  return view(row, deps.clock.now());
}

export { view as paymentView };
export type { PaymentProvider };
