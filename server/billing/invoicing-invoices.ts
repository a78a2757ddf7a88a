// Reading invoices (Mes factures, the agents' list and detail) and cancelling one with a
// credit note (avoir). Parents read only their family's: every query takes the family id.
import type { Db } from '../db.js';
import { AppError, notFound } from '../http/errors.js';
import { parisDate } from '../../engine/dates.js';
import { monthLabel } from '../../engine/billing/invoicing.js';
import { nextNumber } from './invoicing-run.js';

export type InvoiceStatus = 'open' | 'paid' | 'cancelled' | 'issued';

export interface InvoiceSummary {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  familyId: string;
  familyName: string;
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
  status: InvoiceStatus;
  statusLabel: string;
  /** PAYER is offered: an open invoice paid online, with something left, before its deadline. */
  payable: boolean;
  creditNote: { id: string; number: string } | null;
  creditFor: { id: string; number: string } | null;
}

export interface InvoiceLine {
  date: string | null;
  childId: string | null;
  childName: string;
  activityId: string | null;
  activityName: string;
  label: string;
  kind: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

const frDate = (day: string | null) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '');

function statusLabel(r: Record<string, any>): string {
  if (r.kind === 'credit_note') return 'Avoir';
  if (r.status === 'paid') return 'Payée';
  if (r.status === 'cancelled') return 'Annulée';
  if (r.collection_method === 'direct_debit') return `Prélèvement automatique le ${frDate(r.due_day)}`;
  return Number(r.paid_cents) > 0 ? 'Partiellement payée' : 'À payer';
}

const SELECT = `i.id, i.number, i.kind, i.family_id, f.name AS family_name, i.period_start::text AS period_start_day, i.period_end::text AS period_end_day,
  i.issued_at, i.total_cents, i.paid_cents, i.due_date::text AS due_day, i.online_payment_until::text AS online_until_day, i.collection_method,
  i.status, i.credit_for_invoice_id, o.number AS credit_for_number,
  c.id AS credit_note_id, c.number AS credit_note_number`;

function baseQuery(db: Db) {
  return db('invoices as i').join('families as f', 'f.id', 'i.family_id')
    .leftJoin('invoices as o', 'o.id', 'i.credit_for_invoice_id')
    .leftJoin('invoices as c', function () {
      this.on('c.credit_for_invoice_id', '=', 'i.id').andOn('c.kind', '=', db.raw("'credit_note'"));
    })
    .select(db.raw(SELECT));
}

function toSummary(r: Record<string, any>, today: string): InvoiceSummary {
  const total = Number(r.total_cents);
  const paid = Number(r.paid_cents);
  const remaining = r.kind === 'invoice' && r.status === 'open' ? Math.max(0, total - paid) : 0;
  return {
    id: r.id, number: r.number, kind: r.kind, familyId: r.family_id, familyName: r.family_name,
    month: r.period_start_day.slice(0, 7), periodLabel: monthLabel(r.period_start_day.slice(0, 7)),
    periodStart: r.period_start_day, periodEnd: r.period_end_day,
    issuedAt: new Date(r.issued_at).toISOString(), totalCents: total, paidCents: paid, remainingCents: remaining,
    dueDate: r.due_day, onlinePaymentUntil: r.online_until_day, collectionMethod: r.collection_method,
    status: r.status, statusLabel: statusLabel(r),
    payable: r.kind === 'invoice' && r.status === 'open' && r.collection_method === 'online' && remaining > 0 && (!r.online_until_day || today <= r.online_until_day),
    creditNote: r.credit_note_id ? { id: r.credit_note_id, number: r.credit_note_number } : null,
    creditFor: r.credit_for_invoice_id ? { id: r.credit_for_invoice_id, number: r.credit_for_number } : null,
  };
}

/** The family's invoices and credit notes, newest first. */
export async function familyInvoices(db: Db, familyId: string, now: Date): Promise<InvoiceSummary[]> {
  const rows = await baseQuery(db).where('i.family_id', familyId).orderBy([{ column: 'i.issued_at', order: 'desc' }, { column: 'i.number', order: 'desc' }]);
  const today = parisDate(now);
  return rows.map((r) => toSummary(r, today));
}

export interface InvoiceFilters {
  month?: string;
  status?: string;
  family?: string;
  limit: number;
  offset: number;
}

/** The agents' list: by month billed, status (open, paid, cancelled, credit_note) and family name or number. */
export async function listInvoices(db: Db, filters: InvoiceFilters, now: Date): Promise<{ items: InvoiceSummary[]; total: number }> {
  const q = baseQuery(db);
  if (filters.month) q.where('i.period_start', `${filters.month}-01`);
  if (filters.status === 'credit_note') q.where('i.kind', 'credit_note');
  else if (filters.status) q.where('i.kind', 'invoice').andWhere('i.status', filters.status);
  if (filters.family) {
    const term = filters.family.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    q.where((w) => w.whereRaw('lower(f.name) LIKE ?', [`${term}%`]).orWhereRaw('lower(i.number) = ?', [term]));
  }
  const [{ count }] = await q.clone().clearSelect().clearOrder().count({ count: '*' });
  const rows = await q.orderBy([{ column: 'i.issued_at', order: 'desc' }, { column: 'i.number', order: 'desc' }]).limit(filters.limit).offset(filters.offset);
  const today = parisDate(now);
  return { items: rows.map((r) => toSummary(r, today)), total: Number(count) };
}

/** One invoice with its lines; `familyId` restricts to a family (parents): another family's id is not found. */
export async function readInvoice(db: Db, id: string, now: Date, familyId?: string): Promise<InvoiceSummary & { lines: InvoiceLine[]; family: Record<string, string | null> }> {
  const q = baseQuery(db).where('i.id', id);
  if (familyId) q.andWhere('i.family_id', familyId);
  const row = await q.first();
  if (!row) throw notFound('Facture');
  const lines = await db('invoice_lines as l').leftJoin('children as c', 'c.id', 'l.child_id').leftJoin('activities as a', 'a.id', 'l.activity_id')
    .where('l.invoice_id', id).orderBy([{ column: 'l.position' }, { column: 'l.date' }])
    .select('l.date', db.raw('l.date::text AS day'), 'l.child_id', 'c.first_name', 'c.last_name', 'l.activity_id', 'a.name AS activity_name', 'l.label', 'l.kind', 'l.quantity', 'l.unit_price_cents', 'l.amount_cents');
  const family = await db('families').where({ id: row.family_id }).first('name', 'address_street', 'address_complement', 'address_postal_code', 'address_city', 'billing_street', 'billing_complement', 'billing_postal_code', 'billing_city');
  const billing = family.billing_street ? 'billing' : 'address';
  return {
    ...toSummary(row, parisDate(now)),
    family: {
      name: family.name, street: family[`${billing}_street`], complement: family[`${billing}_complement`],
      postalCode: family[`${billing}_postal_code`], city: family[`${billing}_city`],
    },
    lines: lines.map((l) => ({
      date: l.day, childId: l.child_id, childName: [l.first_name, l.last_name].filter(Boolean).join(' '), activityId: l.activity_id,
      activityName: l.activity_name ?? l.label, label: l.label, kind: l.kind, quantity: Number(l.quantity), unitPriceCents: l.unit_price_cents, amountCents: l.amount_cents,
    })),
  };
}

/** Payments recorded against an invoice (agents' detail). */
export async function invoicePayments(db: Db, id: string) {
  const rows = await db('payments').where({ invoice_id: id }).orderBy('created_at', 'desc')
    .select('id', 'amount_cents', 'method', 'status', 'reference', 'created_at', 'completed_at');
  return rows.map((p) => ({
    id: p.id, amountCents: p.amount_cents, method: p.method, status: p.status, reference: p.reference,
    createdAt: new Date(p.created_at).toISOString(), completedAt: p.completed_at ? new Date(p.completed_at).toISOString() : null,
  }));
}

/**
 * Cancels an open invoice with a credit note (avoir): a numbered negative invoice referencing it,
 * whose lines mirror the original's. The original's lines stop counting as billed, so a later run
 * bills again the days still booked. Paid (even partly) or being paid → refused.
 */
export async function cancelInvoice(db: Db, id: string, by: string, reason: string, now: Date): Promise<{ id: string; number: string }> {
  return db.transaction(async (trx) => {
    const invoice = await trx('invoices').where({ id }).forUpdate().first();
    if (!invoice) throw notFound('Facture');
    if (invoice.kind !== 'invoice') throw new AppError('CONFLICT', 'Un avoir ne peut pas être annulé.');
    if (invoice.status === 'cancelled') throw new AppError('ALREADY_DECIDED', `La facture ${invoice.number} est déjà annulée.`);
    if (invoice.status === 'paid' || Number(invoice.paid_cents) > 0) {
      throw new AppError('CONFLICT', `La facture ${invoice.number} a déjà été réglée (en tout ou partie) : elle ne peut pas être annulée.`);
    }
    const busy = await trx('payments').where({ invoice_id: id }).whereIn('status', ['pending', 'paid', 'review']).first('id');
    const debited = await trx.schema.hasTable('debit_run_items') && (await trx('debit_run_items').where({ invoice_id: id }).first('id'));
    if (busy || debited) throw new AppError('CONFLICT', `Un paiement ou un prélèvement de la facture ${invoice.number} est en cours : elle ne peut pas être annulée.`);
    const issueDay = parisDate(now);
    const number = await nextNumber(trx, 'A', Number(issueDay.slice(0, 4)));
    const [credit] = await trx('invoices').insert({
      number, family_id: invoice.family_id, period_start: invoice.period_start, period_end: invoice.period_end,
      total_cents: -Number(invoice.total_cents), paid_cents: 0, due_date: null, online_payment_until: null, status: 'issued',
      kind: 'credit_note', credit_for_invoice_id: id, collection_method: invoice.collection_method, cancel_reason: reason,
    }).returning(['id', 'number']);
    const lines = await trx('invoice_lines').where({ invoice_id: id }).orderBy('position')
      .select('child_id', 'activity_id', 'reservation_id', 'label', 'quantity', 'unit_price_cents', 'amount_cents', 'position', trx.raw('date::text AS date'));
    if (lines.length) {
      await trx('invoice_lines').insert(lines.map((l) => ({
        ...l, invoice_id: credit.id, kind: 'credit', active: false, quantity: -Number(l.quantity), amount_cents: -Number(l.amount_cents),
      })));
    }
    await trx('invoice_lines').where({ invoice_id: id }).update({ active: false });
    await trx('invoices').where({ id }).update({ status: 'cancelled', cancelled_at: now, cancelled_by: by, cancel_reason: reason });
    return { id: credit.id, number: credit.number };
  });
}
