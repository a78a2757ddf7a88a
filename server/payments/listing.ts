// The agents' list of payments, with filters (status, method, dates, a search on the
// invoice number, the payment reference or the family's name), newest first.
import type { AppDeps } from '../deps.js';
import { STATUS_LABELS, type PaymentStatus } from '../../engine/payments/rules.js';

export interface PaymentFilters {
  status?: PaymentStatus;
  method?: 'online' | 'direct_debit' | 'counter';
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
}

const METHOD_LABELS: Record<string, string> = { online: 'En ligne', direct_debit: 'Prélèvement', counter: 'Régie' };
const ANOMALY_LABELS: Record<string, string> = {
  paid_after_expiry: 'Payé après expiration des 15 minutes : la facture n\'a pas été soldée, à régulariser (rembourser ou imputer).',
  invoice_already_settled: 'Payé alors que la facture était déjà soldée : à rembourser.',
  provider_unreachable: 'Le service de paiement n\'a pas répondu à la création.',
};

export async function listPayments(deps: AppDeps, f: PaymentFilters) {
  const now = deps.clock.now();
  const q = deps.db('payments as p').leftJoin('invoices as i', 'i.id', 'p.invoice_id').join('families as f', 'f.id', 'p.family_id')
    .select('p.*', 'i.number', 'f.name as family_name').orderBy('p.created_at', 'desc').limit(f.limit ?? 100);
  if (f.status === 'expired') q.where((w) => w.where('p.status', 'expired').orWhere((x) => x.where('p.status', 'pending').where('p.expires_at', '<=', now)));
  else if (f.status === 'pending') q.where('p.status', 'pending').where((w) => w.whereNull('p.expires_at').orWhere('p.expires_at', '>', now));
  else if (f.status) q.where('p.status', f.status);
  if (f.method) q.where('p.method', f.method);
  // Days are Paris days: [from 00:00, to + 1 day 00:00) in Europe/Paris.
  if (f.from) q.where('p.created_at', '>=', deps.db.raw("(?::date)::timestamp AT TIME ZONE 'Europe/Paris'", [f.from]));
  if (f.to) q.where('p.created_at', '<', deps.db.raw("(?::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'", [f.to]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.where((w) => w.whereILike('i.number', like).orWhereILike('p.reference', like).orWhereILike('f.name', like));
  }
  const rows = await q;
  return {
    items: rows.map((r) => {
      const status: PaymentStatus = r.status === 'pending' && r.expires_at && new Date(r.expires_at) <= now ? 'expired' : r.status;
      return {
        id: r.id, invoiceId: r.invoice_id, invoiceNumber: r.number ?? null, familyId: r.family_id, familyName: r.family_name,
        amountCents: r.amount_cents, method: r.method, methodLabel: METHOD_LABELS[r.method] ?? r.method, status, statusLabel: STATUS_LABELS[status] ?? r.status,
        reference: r.reference, anomaly: r.anomaly ? ANOMALY_LABELS[r.anomaly] ?? r.anomaly : null,
        authorisation: r.provider_data?.authorisation ?? null,
        createdAt: new Date(r.created_at).toISOString(), completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      };
    }),
  };
}
