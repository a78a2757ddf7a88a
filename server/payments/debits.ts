// Direct-debit runs (prélèvements SEPA). An agent picks the debit date (≥ 14 days ahead, so
// every family is pre-notified in time); the run takes each open invoice collected by
// direct debit that no run took yet — a unique constraint on the invoice makes a second
// take impossible, even by two runs at once — writes one transaction per mandate into a
// pain.008.001.02 file, and mails each family its pre-notification through the outbox.
import { randomBytes } from 'node:crypto';
import type { AppDeps, SessionUser } from '../deps.js';
import type { Trx } from '../db.js';
import { AppError, notFound } from '../http/errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { auditLog } from '../audit.js';
import { parisDate } from '../../engine/dates.js';
import { earliestDebitDate, euros, frenchDate, isMandateLapsed, sequenceTypeOf } from '../../engine/payments/rules.js';
import { buildPain008, checkSepaFile, sepaIban, type SepaTransaction } from '../../engine/payments/sepa.js';
import { paymentConfigOf } from './config.js';

export interface DebitRunSummary {
  id: string;
  messageId: string;
  dueDate: string;
  txCount: number;
  invoiceCount: number;
  totalCents: number;
  createdAt: string;
  createdBy: string | null;
}

export interface Skipped {
  invoiceNumber: string;
  reason: string;
}

const dateField = (message: string) => new AppError('INVALID_INPUT', message, [{ instancePath: '/dueDate', message }]);

function dayOf(value: unknown): string {
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

interface Eligible {
  invoice_id: string;
  number: string;
  family_id: string;
  remaining: number;
  mandate_id: string | null;
}

async function eligibleInvoices(trx: Trx, dueDate: string): Promise<Eligible[]> {
  const { rows } = await trx.raw(
    `SELECT i.id AS invoice_id, i.number, i.family_id, i.total_cents - i.paid_cents AS remaining,
            coalesce(i.mandate_id, (SELECT m.id FROM mandates m WHERE m.family_id = i.family_id AND m.status = 'active' ORDER BY m.signed_on DESC LIMIT 1)) AS mandate_id
       FROM invoices i
      WHERE i.kind = 'invoice' AND i.collection_method = 'direct_debit' AND i.cancelled_at IS NULL AND i.status = 'open'
        AND i.total_cents > i.paid_cents AND (i.due_date IS NULL OR i.due_date <= ?::date)
        AND NOT EXISTS (SELECT 1 FROM debit_run_items d WHERE d.invoice_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.status = 'pending' AND p.method = 'online')
      ORDER BY i.number
      FOR UPDATE OF i`, [dueDate]);
  return rows.map((r: Eligible) => ({ ...r, remaining: Number(r.remaining) }));
}

function familyMail(to: string, familyId: string, rum: string, last4: string, dueDate: string, cents: number, numbers: string[], creditor: string, ics: string) {
  return {
    familyId, to, template: 'debit-prenotification',
    subject: `Prélèvement de ${euros(cents)} le ${frenchDate(dueDate)}`,
    body: `Bonjour,\n\nNous vous informons que la somme de ${euros(cents)} sera prélevée le ${frenchDate(dueDate)} sur votre compte se terminant par ${last4}, `
      + `au titre de ${numbers.length > 1 ? 'vos factures' : 'votre facture'} ${numbers.join(', ')}.\n\n`
      + `Référence unique du mandat (RUM) : ${rum}\nCréancier : ${creditor} — identifiant créancier SEPA (ICS) : ${ics}\n\n`
      + `Si ce montant vous semble inexact, contactez la régie avant cette date.\n\nLe service Enfance — Régie`,
  };
}

/** Creates a debit run for `dueDate`, or refuses with the reason in French. */
export async function createDebitRun(deps: AppDeps, user: SessionUser, dueDate: string): Promise<DebitRunSummary & { skipped: Skipped[] }> {
  const now = deps.clock.now();
  const earliest = earliestDebitDate(parisDate(now));
  if (dueDate < earliest) {
    throw dateField(`La date de prélèvement doit être au moins 14 jours après aujourd'hui, pour que chaque famille soit prévenue à temps : choisissez le ${frenchDate(earliest)} ou plus tard.`);
  }
  const pay = paymentConfigOf(deps);
  const creditor = { name: pay.creditorName, iban: pay.creditorIban, bic: pay.creditorBic, ics: deps.config.sepaCreditorId };
  try {
    return await deps.db.transaction(async (trx) => {
      const invoices = await eligibleInvoices(trx, dueDate);
      const skipped: Skipped[] = [];
      const byMandate = new Map<string, Eligible[]>();
      for (const inv of invoices) {
        if (!inv.mandate_id) skipped.push({ invoiceNumber: inv.number, reason: 'Aucun mandat actif pour cette famille.' });
        else byMandate.set(inv.mandate_id, [...(byMandate.get(inv.mandate_id) ?? []), inv]);
      }
      const mandates = byMandate.size ? await trx('mandates').whereIn('id', [...byMandate.keys()]).forUpdate().select('*') : [];
      const messageId = `PF${dueDate.replace(/-/g, '')}${randomBytes(8).toString('hex').toUpperCase()}`;
      const txs: (SepaTransaction & { mandate: Record<string, any>; invoices: Eligible[] })[] = [];
      for (const m of mandates) {
        const list = byMandate.get(m.id)!;
        const refuse = (reason: string) => list.forEach((inv) => skipped.push({ invoiceNumber: inv.number, reason }));
        if (m.status !== 'active') { refuse('Le mandat n\'est plus actif.'); continue; }
        if (isMandateLapsed(dayOf(m.signed_on), m.last_used_on ? dayOf(m.last_used_on) : null, dueDate)) { refuse('Le mandat est caduc (36 mois sans prélèvement).'); continue; }
        const iban = sepaIban(deps.sealer.open(m.iban_encrypted));
        if (!iban) { refuse(`L'IBAN du mandat ${m.rum} est invalide.`); continue; }
        txs.push({
          endToEndId: `${messageId.slice(2, 10)}-${m.rum}`.slice(0, 35), amountCents: list.reduce((s, i) => s + i.remaining, 0), rum: m.rum,
          mandateSignedOn: dayOf(m.signed_on), sequenceType: sequenceTypeOf(m.last_used_on), debtorName: m.debtor_name, debtorIban: iban,
          debtorBic: m.bic || null, remittance: `Factures ${list.map((i) => i.number).join(' ')}`, mandate: m, invoices: list,
        });
      }
      if (!txs.length) {
        throw new AppError('CONFLICT', 'Aucune facture à prélever pour cette date.', skipped.map((s) => ({ invoiceNumber: s.invoiceNumber, message: s.reason })));
      }
      const input = { messageId, createdAt: now.toISOString().slice(0, 19), collectionDate: dueDate, creditor, transactions: txs };
      const issues = checkSepaFile(input);
      if (issues.length) throw new AppError('INVALID_DATA', 'Le fichier de prélèvement ne peut pas être produit.', issues.map((i) => ({ instancePath: `/${i.path}`, message: i.message })));
      const xml = buildPain008(input);
      const totalCents = txs.reduce((s, t) => s + t.amountCents, 0);
      const [run] = await trx('debit_runs').insert({
        message_id: messageId, due_date: dueDate, tx_count: txs.length, total_cents: totalCents, xml_encrypted: deps.sealer.seal(xml), created_by: user.id, created_at: now,
      }).returning('*');
      for (const tx of txs) {
        await trx('debit_run_items').insert(tx.invoices.map((inv) => ({
          run_id: run.id, invoice_id: inv.invoice_id, family_id: inv.family_id, mandate_id: tx.mandate.id, amount_cents: inv.remaining, sequence_type: tx.sequenceType, end_to_end_id: tx.endToEndId,
        })));
        await trx('mandates').where({ id: tx.mandate.id }).update({ last_used_on: dueDate });
        const to = (await trx('families').where({ id: tx.mandate.family_id }).first('email'))?.email
          ?? (await trx('users').where({ family_id: tx.mandate.family_id }).whereNull('disabled_at').orderBy('created_at').first('email'))?.email;
        if (to) await enqueueMail(trx, familyMail(to, tx.mandate.family_id, tx.rum, tx.mandate.iban_last4, dueDate, tx.amountCents, tx.invoices.map((i) => i.number), creditor.name, creditor.ics));
      }
      await auditLog(trx, { actorId: user.id, actorRole: user.role, action: 'debit_run.create', subjectType: 'debit_run', subjectId: run.id, data: { dueDate, txCount: txs.length, totalCents } });
      return { ...summary(run, txs.reduce((s, t) => s + t.invoices.length, 0)), skipped };
    });
  } catch (error) {
    // Another run took one of these invoices first (unique invoice_id): nothing was written.
    if ((error as { code?: string }).code === '23505') throw new AppError('CONFLICT', 'Un autre prélèvement vient de prendre une partie de ces factures : relancez pour voir ce qui reste à prélever.');
    throw error;
  }
}

function summary(run: Record<string, any>, invoiceCount: number): DebitRunSummary {
  return {
    id: run.id, messageId: run.message_id, dueDate: dayOf(run.due_date), txCount: run.tx_count, invoiceCount,
    totalCents: Number(run.total_cents), createdAt: new Date(run.created_at).toISOString(), createdBy: run.created_by ?? null,
  };
}

export async function listDebitRuns(deps: AppDeps): Promise<{ items: (DebitRunSummary & { createdByName: string | null })[] }> {
  const rows = await deps.db('debit_runs as r').leftJoin('users as u', 'u.id', 'r.created_by')
    .select('r.id', 'r.message_id', 'r.due_date', 'r.tx_count', 'r.total_cents', 'r.created_at', 'r.created_by', 'u.display_name',
      deps.db.raw('(SELECT count(*) FROM debit_run_items i WHERE i.run_id = r.id) AS invoice_count'))
    .orderBy('r.created_at', 'desc').limit(200);
  return { items: rows.map((r) => ({ ...summary(r, Number(r.invoice_count)), createdByName: r.display_name ?? null })) };
}

/** The file for the billing office; each download is in the audit log (it holds IBANs). */
export async function debitRunFile(deps: AppDeps, user: SessionUser, id: string): Promise<{ name: string; xml: string }> {
  const run = await deps.db('debit_runs').where({ id }).first();
  if (!run) throw notFound('Prélèvement');
  await auditLog(deps.db, { actorId: user.id, actorRole: user.role, action: 'debit_run.download', subjectType: 'debit_run', subjectId: id });
  return { name: `prelevement-${dayOf(run.due_date)}-${run.message_id}.xml`, xml: deps.sealer.open(run.xml_encrypted) };
}
