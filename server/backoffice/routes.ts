// The back-office API: agents' queues and decisions, administrators' staff management.
import type { RouteDef } from '../http/routes.js';
import { object, str, uuid } from '../http/validate.js';
import { listQueue, queueCounts } from './queue.js';
import { addNote, bulkAccept, decide, release, reviewView, take } from './review.js';
import { createStaff, listStaff, setStaffDisabled } from './agents.js';

const STAFF = ['agent', 'admin'] as const;
const idParams = object({ id: uuid() });
const day = { type: 'string', format: 'date' };

export const backofficeRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/agent/queues', roles: [...STAFF],
    summary: 'Files de traitement par démarche et statut, avec leurs effectifs',
    handler: ({ deps, user }) => queueCounts(deps, user!.id),
  },
  {
    method: 'GET', path: '/api/agent/dossiers', roles: [...STAFF],
    summary: 'Liste des dossiers à traiter, filtrée et paginée (curseur)',
    query: object({
      code: { type: 'string', pattern: '^[0-9]{2,3}$' }, status: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,40}$' },
      submittedFrom: day, submittedTo: day, family: str(100), number: str(30),
      olderThanDays: { type: 'integer', minimum: 0, maximum: 3650 }, mine: { type: 'boolean' },
      order: { type: 'string', enum: ['oldest', 'newest'] }, after: str(200), limit: { type: 'integer', minimum: 1, maximum: 200 },
    }, []),
    handler: ({ deps, user, query }) => listQueue(deps, user!.id, query),
  },
  {
    method: 'GET', path: '/api/agent/dossiers/:id', roles: [...STAFF], params: idParams,
    summary: "Page d'instruction d'un dossier : réponses, justificatifs, changements proposés, historique",
    handler: ({ deps, user, params }) => reviewView(deps, user!, params.id),
  },
  {
    method: 'POST', path: '/api/agent/dossiers/:id/take', roles: [...STAFF], params: idParams,
    summary: 'Prendre en charge un dossier',
    body: object({ force: { type: 'boolean' } }, []),
    handler: async ({ deps, user, params, body }) => {
      await take(deps, user!, params.id, body?.force === true);
      return reviewView(deps, user!, params.id);
    },
  },
  {
    method: 'POST', path: '/api/agent/dossiers/:id/release', roles: [...STAFF], params: idParams,
    summary: 'Libérer un dossier pris en charge',
    handler: async ({ deps, user, params }) => {
      await release(deps, user!, params.id);
      return undefined;
    },
  },
  {
    method: 'POST', path: '/api/agent/dossiers/:id/decision', roles: [...STAFF], params: idParams,
    summary: 'Décider : accepter, refuser (motif) ou demander une correction (un seul agent gagne)',
    body: object({
      action: { type: 'string', enum: ['ACCEPT', 'REJECT', 'REQUEST_CORRECTION'] },
      revision: { type: 'integer', minimum: 0 },
      reason: str(2000), message: str(2000),
      fields: { type: 'array', maxItems: 100, items: str(300) },
      justificatifs: { type: 'array', maxItems: 50, items: str(64) },
    }, ['action']),
    handler: ({ deps, user, params, body }) => decide(deps, user!, params.id, body),
  },
  {
    method: 'POST', path: '/api/agent/dossiers/bulk-accept', roles: [...STAFF],
    summary: 'Accepter plusieurs dossiers à la fois',
    body: object({ ids: { type: 'array', minItems: 1, maxItems: 500, uniqueItems: true, items: uuid() } }),
    handler: ({ deps, user, body }) => bulkAccept(deps, user!, body.ids),
  },
  {
    method: 'POST', path: '/api/agent/dossiers/:id/notes', roles: [...STAFF], params: idParams,
    summary: 'Ajouter une note interne au dossier',
    body: object({ text: str(4000, { minLength: 1 }) }),
    handler: async ({ deps, user, params, body }) => {
      await addNote(deps, user!, params.id, body.text);
      return undefined;
    },
  },
  {
    method: 'GET', path: '/api/admin/staff', roles: ['admin'],
    summary: 'Agents et administrateurs de la commune',
    handler: ({ deps }) => listStaff(deps),
  },
  {
    method: 'POST', path: '/api/admin/staff', roles: ['admin'],
    summary: 'Créer un compte agent ou administrateur (un lien de première connexion est envoyé)',
    body: object({ email: { type: 'string', format: 'email', maxLength: 254 }, displayName: str(100, { minLength: 2 }), role: { type: 'string', enum: ['agent', 'admin'] } }),
    handler: async ({ deps, user, body }) => ({ ...(await createStaff(deps, user!, body)) }),
  },
  {
    method: 'POST', path: '/api/admin/staff/:id/disable', roles: ['admin'], params: idParams,
    summary: 'Désactiver un compte agent (ses sessions sont terminées)',
    handler: async ({ deps, user, params }) => setStaffDisabled(deps, user!, params.id, true),
  },
  {
    method: 'POST', path: '/api/admin/staff/:id/enable', roles: ['admin'], params: idParams,
    summary: 'Réactiver un compte agent',
    handler: async ({ deps, user, params }) => setStaffDisabled(deps, user!, params.id, false),
  },
];
