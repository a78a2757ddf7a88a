// The parents' démarches and dossiers API (server/API.md): thin handlers over the service.
import type { RouteDef } from '../http/routes.js';
import { Reply, RAW } from '../http/routes.js';
import { AppError } from '../http/errors.js';
import { object, uuid } from '../http/validate.js';
import type { Db } from '../db.js';
import { actorOf, applyEvent, saveAnswers, saveAnswersInStatement, checkStep, createDossier, dossierLists, dossierView, definitionView, procedureList } from './service.js';
import { currentProcedure } from './versions.js';
import { gatherFacts } from './facts.js';
import { lookupFields, schemaForFacts } from '../../engine/lookups.js';
import { deleteJustificatif, readJustificatif, uploadJustificatifs } from './attachments.js';

const dossierOf = async (db: Db, familyId: string) => (await db('dossiers').where({ family_id: familyId }).first('id'))?.id as string | undefined;
const attachmentOf = async (db: Db, familyId: string) =>
  (await db('attachments as a').join('dossiers as d', 'd.id', 'a.dossier_id').where({ 'd.family_id': familyId }).whereNull('a.deleted_at').first('a.id'))?.id as string | undefined;

const idParams = object({ id: uuid() });
const code = { type: 'string', pattern: '^[0-9]{2,3}$' };
const justificatifKey = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' };
/** Answers are checked by the engine against the démarche's own schema; here only their names. */
const answers = { type: 'object', patternProperties: { '^[a-zA-Z][a-zA-Z0-9_]{0,63}$': {} }, additionalProperties: false };

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'document';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const dossierRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/procedures', roles: ['parent'],
    summary: 'Démarches disponibles, verrouillées (avec le motif et la démarche à faire d’abord)',
    handler: ({ deps, user }) => procedureList(deps, actorOf(user!)),
  },
  {
    method: 'GET', path: '/api/procedures/:code', roles: ['parent', 'agent', 'admin'],
    summary: 'Une démarche dans sa version en vigueur : formulaire, étapes, justificatifs, mentions légales',
    params: object({ code }),
    handler: ({ deps, params }) => definitionView(currentProcedure(deps, params.code)),
  },
  {
    method: 'POST', path: '/api/dossiers', roles: ['parent'],
    summary: "Commencer une démarche (pour un enfant s'il y a lieu) : un nouveau brouillon",
    body: object({ code, childId: uuid() }, ['code']),
    handler: async ({ deps, user, body }) => {
      const id = await createDossier(deps, actorOf(user!), body);
      return new Reply(201, await dossierView(deps, actorOf(user!), id));
    },
  },
  {
    method: 'GET', path: '/api/dossiers', roles: ['parent'],
    summary: 'Mes démarches : en cours et traitées',
    handler: ({ deps, user }) => dossierLists(deps, actorOf(user!)),
  },
  {
    method: 'GET', path: '/api/dossiers/:id', roles: ['parent'],
    summary: 'Un dossier de la famille : réponses, justificatifs, statut, étape, demande de correction',
    params: idParams, familyOwned: { id: dossierOf },
    handler: ({ deps, user, params }) => dossierView(deps, actorOf(user!), params.id),
  },
  {
    method: 'POST', path: '/api/dossiers/:id/notice', roles: ['parent'],
    summary: 'Confirmer la lecture des mentions légales du dossier',
    params: idParams, familyOwned: { id: dossierOf },
    handler: async ({ deps, user, params }) => {
      await applyEvent(deps, actorOf(user!), params.id, { type: 'CONFIRM_NOTICE' });
      return dossierView(deps, actorOf(user!), params.id);
    },
  },
  {
    method: 'PUT', path: '/api/dossiers/:id/answers', roles: ['parent'],
    summary: 'Enregistrement automatique du brouillon (un brouillon peut être incomplet)',
    params: idParams, familyOwned: { id: dossierOf },
    body: object({ answers, step: { type: 'integer', minimum: 0, maximum: 50 }, revision: { type: 'integer', minimum: 0 } }, ['answers']),
    sampleBody: { answers: {} },
    inStatement: async ({ req, deps, sessionHash, params, body }) => {
      const saved = await saveAnswersInStatement(deps, sessionHash, params.id, { type: 'SAVE', answers: body.answers, step: body.step }, body.revision);
      if (!saved) return undefined;
      req.auth = { user: saved.user, sessionHash, anonId: null };
      return { revision: saved.revision, savedAt: saved.savedAt };
    },
    handler: async ({ deps, user, params, body }) => {
      const { row, procedure, state } = await saveAnswers(deps, actorOf(user!), params.id, { type: 'SAVE', answers: body.answers, step: body.step }, body.revision);
      // Choices that depend on other answers (the classes of the chosen school) come back recomputed.
      const schema = lookupFields(procedure.schema).length
        ? schemaForFacts(procedure, await gatherFacts(deps.db, deps, { familyId: row.family_id, childId: row.child_id, procedure }), state.answers)
        : undefined;
      return { revision: row.revision, savedAt: row.updated_at, ...(schema && { schema }) };
    },
  },
  {
    method: 'POST', path: '/api/dossiers/:id/steps/:index/check', roles: ['parent'],
    summary: 'Vérifier une étape avant de continuer : erreurs par champ et justificatifs manquants',
    params: object({ id: uuid(), index: { type: 'string', pattern: '^[0-9]{1,2}$' } }), familyOwned: { id: dossierOf },
    handler: ({ deps, user, params }) => checkStep(deps, actorOf(user!), params.id, Number(params.index)),
  },
  {
    method: 'POST', path: '/api/dossiers/:id/attachments/:key', roles: ['parent'], rawBody: true,
    summary: 'Déposer un ou plusieurs justificatifs (PDF ou JPEG, 3 Mo au plus chacun)',
    params: object({ id: uuid(), key: justificatifKey }), familyOwned: { id: dossierOf },
    handler: ({ deps, user, params, req, res }) => uploadJustificatifs(deps, actorOf(user!), req, res, params.id, params.key),
  },
  {
    method: 'DELETE', path: '/api/dossiers/:id/attachments/:key/:fileId', roles: ['parent'],
    summary: "Retirer un justificatif d'un dossier encore modifiable",
    params: object({ id: uuid(), key: justificatifKey, fileId: uuid() }), familyOwned: { id: dossierOf },
    handler: ({ deps, user, params }) => deleteJustificatif(deps, actorOf(user!), params.id, params.key, params.fileId),
  },
  {
    method: 'GET', path: '/api/files/:fileId', roles: ['parent', 'agent', 'admin'],
    summary: 'Télécharger ou prévisualiser un justificatif',
    params: object({ fileId: uuid() }), query: object({ inline: { type: 'string', enum: ['0', '1'] } }, []),
    familyOwned: { fileId: attachmentOf },
    handler: async ({ deps, user, params, query, res }) => {
      const file = await readJustificatif(deps, actorOf(user!), params.fileId);
      res.status(200).set({
        'Content-Type': file.mime,
        'Content-Length': String(file.data.length),
        'Content-Disposition': disposition(query.inline === '1' ? 'inline' : 'attachment', file.name),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        // A previewed document runs nothing and can be framed only by the portal itself.
        'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; plugin-types application/pdf; frame-ancestors 'self'",
      });
      res.end(file.data);
      return RAW;
    },
  },
  {
    method: 'POST', path: '/api/dossiers/:id/submit', roles: ['parent'],
    summary: "Envoyer le dossier (en-tête Idempotency-Key : un double clic ne crée qu'un envoi)",
    params: idParams, familyOwned: { id: dossierOf },
    handler: async ({ deps, user, params, req }) => {
      const key = req.get('Idempotency-Key');
      if (key !== undefined && !/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw new AppError('INVALID_INPUT', 'En-tête Idempotency-Key invalide.');
      const actor = actorOf(user!);
      // A repeated click carries the same key: once the first one committed, answer as it did.
      if (key) {
        const done = await deps.db('dossiers').where({ id: params.id, family_id: actor.familyId, idempotency_key: key }).first('status', 'number');
        if (done) return { status: done.status, number: done.number };
      }
      try {
        const { row } = await applyEvent(deps, actor, params.id, { type: 'SUBMIT' }, { extra: () => (key ? { idempotency_key: key } : {}) });
        return { status: row.status, number: row.number };
      } catch (error) {
        const done = key && (await deps.db('dossiers').where({ id: params.id, family_id: actor.familyId, idempotency_key: key }).first('status', 'number'));
        if (done) return { status: done.status, number: done.number };
        throw error;
      }
    },
  },
  {
    method: 'POST', path: '/api/dossiers/:id/abandon', roles: ['parent'],
    summary: 'Abandonner un brouillon',
    params: idParams, familyOwned: { id: dossierOf },
    handler: async ({ deps, user, params }) => {
      await applyEvent(deps, actorOf(user!), params.id, { type: 'ABANDON' });
      return undefined;
    },
  },
];

