// Invoices (issue 9): « Mes factures » for parents (their family's only: another family's id
// is a 404), the PDF, and for agents the list, detail, cancellation with a credit note, the
// monthly invoicing run with its progress, and the billing basis of each activity.
import type { RouteDef } from '../http/routes.js';
import { RAW, Reply } from '../http/routes.js';
import { AppError, notFound } from '../http/errors.js';
import { object, str, uuid } from '../http/validate.js';
import type { Db } from '../db.js';
import type { AppDeps } from '../deps.js';
import { BILLING_BASES, BILLING_BASIS_LABELS } from '../../engine/billing/invoicing.js';
import { cancelInvoice, familyInvoices, invoicePayments, listInvoices, readInvoice } from './invoicing-invoices.js';
import { checkMonth, createRun, runInvoicing } from './invoicing-run.js';
import { invoicePdf } from './invoicing-pdf.js';

const STAFF = ['agent', 'admin'] as const;
const idParams = object({ id: uuid() });
const month = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' };

async function anInvoiceOf(db: Db, familyId: string): Promise<string | undefined> {
  const row = await db('invoices').where({ family_id: familyId }).first('id');
  return row?.id;
}

/**
 * A run whose process stopped (restart, crash) stays "running" in the table: with no progress
 * for 5 minutes (database clock, the one that wrote updated_at) it is shown as interrupted.
 */
const runs = (db: Db) => db('invoicing_runs').select('*', db.raw("(status = 'running' AND updated_at < now() - interval '5 minutes') AS stale"));

function runView(r: Record<string, any>) {
  const stale = r.stale === true;
  return {
    id: r.id, month: r.month, status: stale ? 'failed' : r.status, source: r.source,
    familiesTotal: r.families_total, familiesDone: r.families_done, invoicesCreated: r.invoices_created,
    linesCreated: r.lines_created, totalCents: Number(r.total_cents),
    error: stale ? 'Facturation interrompue : relancez ce mois (aucun jour ne sera facturé deux fois).' : r.error,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** Starts a run in this process and answers at once; the back office polls its progress. */
async function startRun(deps: AppDeps, monthValue: string, userId: string) {
  checkMonth(monthValue, deps.clock.now());
  const runId = await createRun(deps.db, monthValue, userId, 'agent');
  // The answer describes the run as it starts; its progress is read on GET …/runs/:id.
  const row = await runs(deps.db).where({ id: runId }).first();
  void runInvoicing(deps.db, { month: monthValue, now: deps.clock.now(), runId, startedBy: userId, source: 'agent' })
    .catch((error) => deps.logger.error({ err: error, runId }, 'facturation en échec'));
  return new Reply(202, runView(row));
}

async function sendPdf(deps: AppDeps, id: string, familyId: string | undefined, res: import('express').Response) {
  const invoice = await readInvoice(deps.db, id, deps.clock.now(), familyId);
  const data = await invoicePdf(invoice, deps.config.municipality);
  const name = `${invoice.kind === 'credit_note' ? 'avoir' : 'facture'}-${invoice.number}.pdf`;
  res.status(200).set({
    'Content-Type': 'application/pdf',
    'Content-Length': String(data.length),
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
  res.end(Buffer.from(data));
  return RAW;
}

export const invoicingRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/invoices', roles: ['parent'],
    summary: 'Mes factures : factures payées et à payer, avoirs',
    handler: async ({ deps, user }) => {
      const items = await familyInvoices(deps.db, user!.familyId!, deps.clock.now());
      const toPay = items.filter((i) => i.kind === 'invoice' && i.status === 'open' && i.remainingCents > 0);
      return { items, toPayCount: toPay.length, toPayCents: toPay.reduce((s, i) => s + i.remainingCents, 0) };
    },
  },
  {
    method: 'GET', path: '/api/invoices/:id', roles: ['parent'], summary: 'Une facture de la famille avec ses lignes', params: idParams, familyOwned: { id: anInvoiceOf },
    handler: ({ deps, user, params }) => readInvoice(deps.db, params.id, deps.clock.now(), user!.familyId!),
  },
  {
    method: 'GET', path: '/api/invoices/:id/pdf', roles: ['parent', 'agent', 'admin'], params: idParams, familyOwned: { id: anInvoiceOf },
    summary: 'La facture (ou l’avoir) en PDF',
    handler: ({ deps, user, params, res }) => sendPdf(deps, params.id, user!.role === 'parent' ? user!.familyId ?? '' : undefined, res),
  },
  {
    method: 'GET', path: '/api/agent/invoices', roles: [...STAFF], summary: 'Liste des factures et avoirs (filtres : mois, statut, famille)',
    query: object({
      month, status: { type: 'string', enum: ['open', 'paid', 'cancelled', 'credit_note'] }, family: str(100),
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    }, []),
    handler: ({ deps, query }) => listInvoices(deps.db, query, deps.clock.now()),
  },
  {
    method: 'GET', path: '/api/agent/invoices/:id', roles: [...STAFF], summary: 'Détail d’une facture : lignes et paiements', params: idParams,
    handler: async ({ deps, params }) => ({ ...(await readInvoice(deps.db, params.id, deps.clock.now())), payments: await invoicePayments(deps.db, params.id) }),
  },
  {
    method: 'POST', path: '/api/agent/invoices/:id/cancel', roles: [...STAFF], summary: 'Annule une facture par un avoir numéroté', params: idParams,
    body: object({ reason: str(500, { minLength: 3 }) }),
    sampleBody: { reason: 'Erreur de facturation' },
    handler: async ({ deps, user, params, body }) => {
      const reason = body.reason.trim();
      if (reason.length < 3) throw new AppError('INVALID_INPUT', 'Indiquez le motif de l’annulation.', [{ instancePath: '/reason', keyword: 'minLength', message: 'Motif obligatoire.', params: {} }]);
      return { creditNote: await cancelInvoice(deps.db, params.id, user!.id, reason, deps.clock.now()) };
    },
  },
  {
    method: 'POST', path: '/api/agent/invoicing/runs', roles: [...STAFF],
    body: object({ month }), sampleBody: { month: '2026-01' },
    summary: 'Lance la facturation d’un mois (réponse 202, progression sur GET …/runs/:id)',
    handler: ({ deps, user, body }) => startRun(deps, body.month, user!.id),
  },
  {
    method: 'GET', path: '/api/agent/invoicing/runs', roles: [...STAFF], summary: 'Les dernières facturations lancées',
    handler: async ({ deps }) => (await runs(deps.db).orderBy('started_at', 'desc').limit(20)).map(runView),
  },
  {
    method: 'GET', path: '/api/agent/invoicing/runs/:id', roles: [...STAFF], summary: 'Progression d’une facturation', params: idParams,
    handler: async ({ deps, params }) => {
      const row = await runs(deps.db).where({ id: params.id }).first();
      if (!row) throw notFound('Facturation');
      return runView(row);
    },
  },
  {
    method: 'GET', path: '/api/agent/billing/activities', roles: [...STAFF],
    summary: 'Base de facturation de chaque activité',
    handler: async ({ deps }) => ({
      bases: BILLING_BASES.map((key) => ({ key, label: BILLING_BASIS_LABELS[key] })),
      activities: (await deps.db('activities').orderBy('name').select('id', 'code', 'name', 'billing_basis'))
        .map((a) => ({ id: a.id, code: a.code, name: a.name, billingBasis: a.billing_basis })),
    }),
  },
  {
    method: 'PUT', path: '/api/agent/billing/activities/:id', roles: ['admin'], summary: 'Modifie la base de facturation d’une activité', params: idParams,
    body: object({ billingBasis: { type: 'string', enum: BILLING_BASES } }), sampleBody: { billingBasis: 'booked' },
    handler: async ({ deps, params, body }) => {
      const n = await deps.db('activities').where({ id: params.id }).update({ billing_basis: body.billingBasis });
      if (!n) throw notFound('Activité');
      return undefined;
    },
  },
];
