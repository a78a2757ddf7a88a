// Payments API (server/API.md « Paiements (issue 9) »): the parent's PAYER and return,
// the provider's notification (server to server, signed), the PayFiP simulator's page,
// and the agents' payments list and direct-debit runs.
import type { Request } from 'express';
import type { RouteDef } from '../http/routes.js';
import { RAW, Reply } from '../http/routes.js';
import { AppError } from '../http/errors.js';
import { object, str, uuid } from '../http/validate.js';
import type { Db } from '../db.js';
import { applyResult, paymentForFamily, startPayment } from './service.js';
import { completeOperation, providerOf, simulatorEnabled, simulatorPage, SIMULATOR_PATH, type SimulatorChoice } from './simulator.js';
import { SIGNATURE_HEADER } from './provider.js';
import { listPayments } from './listing.js';
import { createDebitRun, debitRunFile, listDebitRuns } from './debits.js';

const STAFF = ['agent', 'admin'] as const;
const idParams = object({ id: uuid() });
const day = { type: 'string', format: 'date' };

const invoiceOf = async (db: Db, familyId: string) => (await db('invoices').where({ family_id: familyId }).first('id'))?.id as string | undefined;
const paymentOf = async (db: Db, familyId: string) => (await db('payments').where({ family_id: familyId }).first('id'))?.id as string | undefined;

/** Reads a small request body as text (the signature covers the exact bytes). */
async function readText(req: Request, limit = 16 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function html(res: import('express').Response, status: number, body: string): typeof RAW {
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  return RAW;
}

// `csrf: false` (public routes only): the provider's notification and form come from
// another server or site and authenticate themselves (signature, operation id).
export const paymentRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/invoices/:id/payment', roles: ['parent'],
    params: idParams, familyOwned: { id: invoiceOf },
    summary: 'PAYER : crée le paiement en ligne (15 minutes) et renvoie l’adresse de la page du prestataire',
    handler: async ({ deps, user, params }) => {
      const { paymentId, redirectUrl } = await startPayment(deps, user!.familyId!, params.id);
      return new Reply(201, { paymentId, redirectUrl });
    },
  },
  {
    method: 'GET', path: '/api/payments/:id', roles: ['parent'],
    params: idParams, familyOwned: { id: paymentOf },
    summary: 'État d’un paiement de la famille (page de retour)',
    handler: ({ deps, user, params }) => paymentForFamily(deps, user!.familyId!, params.id),
  },
  {
    method: 'POST', path: '/api/payments/notifications', roles: ['public'], rawBody: true, csrf: false,
    summary: 'Notification du prestataire (serveur à serveur), signée HMAC-SHA256',
    handler: async ({ deps, req }) => {
      if (!req.is('application/json')) throw new AppError('UNSUPPORTED_TYPE', 'La notification doit être du JSON.');
      const raw = await readText(req);
      const notification = providerOf(deps).verifyNotification(raw, req.get(SIGNATURE_HEADER));
      if (!notification) throw new AppError('INVALID_SIGNATURE', 'Notification refusée : signature absente ou invalide.');
      return { outcome: await applyResult(deps, notification) };
    },
  },
  {
    method: 'GET', path: SIMULATOR_PATH, roles: ['public'],
    query: object({ idop: str(100, { pattern: '^[A-Za-z0-9_-]+$' }) }),
    summary: 'Simulateur PayFiP : page de paiement (HTML)',
    handler: async ({ deps, query, res }) => {
      if (!simulatorEnabled(deps)) throw new AppError('NOT_FOUND', 'Page introuvable.');
      const page = await simulatorPage(deps, query.idop);
      return html(res, page.status, page.html);
    },
  },
  {
    method: 'POST', path: SIMULATOR_PATH, roles: ['public'], rawBody: true, csrf: false,
    summary: 'Simulateur PayFiP : choix du parent (payer, refuser, abandonner), formulaire HTML',
    handler: async ({ deps, req, res }) => {
      if (!simulatorEnabled(deps)) throw new AppError('NOT_FOUND', 'Page introuvable.');
      if (!req.is('application/x-www-form-urlencoded')) throw new AppError('UNSUPPORTED_TYPE', 'Formulaire attendu.');
      const form = new URLSearchParams(await readText(req));
      const idop = form.get('idop') ?? '';
      const choice = form.get('choix') as SimulatorChoice;
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(idop) || !['payer', 'refuser', 'abandonner'].includes(choice)) {
        throw new AppError('INVALID_INPUT', 'Formulaire de paiement invalide.');
      }
      const done = await completeOperation(deps, idop, choice);
      if (done.missing) return html(res, 404, (await simulatorPage(deps, idop)).html);
      if (done.expired) return html(res, 200, (await simulatorPage(deps, idop)).html);
      res.redirect(303, done.redirect!);
      return RAW;
    },
  },
  {
    method: 'GET', path: '/api/agent/payments', roles: [...STAFF],
    query: object({
      status: { type: 'string', enum: ['pending', 'paid', 'refused', 'abandoned', 'expired', 'review'] },
      method: { type: 'string', enum: ['online', 'direct_debit', 'counter'] },
      from: day, to: day, q: str(100), limit: { type: 'integer', minimum: 1, maximum: 500 },
    }, []),
    summary: 'Paiements (filtres : statut, mode, période, recherche)',
    handler: ({ deps, query }) => listPayments(deps, query),
  },
  {
    method: 'GET', path: '/api/agent/debit-runs', roles: [...STAFF],
    summary: 'Prélèvements SEPA déjà préparés',
    handler: ({ deps }) => listDebitRuns(deps),
  },
  {
    method: 'POST', path: '/api/agent/debit-runs', roles: [...STAFF],
    body: object({ dueDate: day }),
    summary: 'Prépare un prélèvement : fichier SEPA pain.008 et pré-notification des familles (≥ 14 jours)',
    handler: async ({ deps, user, body }) => new Reply(201, await createDebitRun(deps, user!, body.dueDate)),
  },
  {
    method: 'GET', path: '/api/agent/debit-runs/:id/file', roles: [...STAFF], params: idParams,
    summary: 'Télécharge le fichier SEPA (XML pain.008.001.02) d’un prélèvement',
    handler: async ({ deps, user, params, res }) => {
      const file = await debitRunFile(deps, user!, params.id);
      res.status(200).set({
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file.name}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      }).end(file.xml);
      return RAW;
    },
  },
];
