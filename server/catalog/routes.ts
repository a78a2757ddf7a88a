// Administrators' authoring API (server/API.md, "Définitions — administrators").
import type { RouteDef } from '../http/routes.js';
import { Reply } from '../http/routes.js';
import { object, str } from '../http/validate.js';
import {
  checkFiles, createDefinition, dryRun, exportDefinition, getDefinition, importDefinition, listDefinitions,
  publishDraft, restore, saveDraft, version, versions,
} from './authoring.js';

const code = { type: 'string', pattern: '^[0-9]{2,3}$' };
const versionId = { type: 'string', pattern: '^[0-9a-f]{20}$' };
/** A démarche's files are checked by the engine (meta-schemas, bounds, cross-checks); here only their presence. */
const files = {
  type: 'object', additionalProperties: false, required: ['procedure', 'schema', 'uischema'],
  properties: { procedure: {}, schema: {}, uischema: {}, workflow: {} },
};

export const authoringRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/admin/definitions', roles: ['admin'], summary: "Les démarches : version publiée et brouillon de chacune", handler: ({ deps }) => listDefinitions(deps) },
  {
    method: 'POST', path: '/api/admin/definitions', roles: ['admin'],
    summary: "Créer le brouillon d'une nouvelle démarche (modèle vide ou copie d'une autre)",
    body: object({ code, title: str(160, { minLength: 3 }), from: code }, ['code', 'title']),
    handler: async ({ deps, user, body }) => new Reply(201, await createDefinition(deps, user!, body)),
  },
  {
    method: 'POST', path: '/api/admin/definitions/check', roles: ['admin'],
    summary: 'Vérifier des fichiers de démarche dans le contexte des démarches publiées',
    body: object({ files }),
    handler: async ({ deps, body }) => ({ issues: (await checkFiles(deps, body.files)).issues }),
  },
  {
    method: 'POST', path: '/api/admin/definitions/dry-run', roles: ['admin'],
    summary: "Essai à blanc d'une démarche sur une famille fictive : statuts, effets et mails",
    body: object({
      files, answers: { type: 'object', patternProperties: { '^[a-zA-Z][a-zA-Z0-9_]{0,63}$': {} }, additionalProperties: false },
      attachments: { type: 'object', patternProperties: { '^[a-zA-Z][a-zA-Z0-9_]{0,63}$': { type: 'integer', minimum: 0, maximum: 5 } }, additionalProperties: false },
      events: { type: 'array', maxItems: 10, items: { type: 'string', pattern: '^[A-Z][A-Z_]{0,40}$' } },
    }, ['files', 'answers']),
    handler: ({ deps, body }) => dryRun(deps, body),
  },
  {
    method: 'POST', path: '/api/admin/definitions/import', roles: ['admin'],
    summary: 'Importer une démarche exportée : elle devient le brouillon de son code',
    body: object({ document: { type: 'object', properties: { format: {}, formatVersion: {}, code: {}, versionId: {}, files: {} }, additionalProperties: false } }),
    handler: ({ deps, user, body }) => importDefinition(deps, user!, body.document),
  },
  { method: 'GET', path: '/api/admin/definitions/:code', roles: ['admin'], summary: "Une démarche pour l'éditeur : version publiée, brouillon, méta-schémas", params: object({ code }), handler: ({ deps, params }) => getDefinition(deps, params.code) },
  {
    method: 'PUT', path: '/api/admin/definitions/:code/draft', roles: ['admin'], params: object({ code }),
    summary: "Enregistrer le brouillon (même s'il a des problèmes, qui sont renvoyés)",
    body: object({ files }),
    handler: ({ deps, user, params, body }) => saveDraft(deps, user!, params.code, body.files),
  },
  {
    method: 'POST', path: '/api/admin/definitions/:code/publish', roles: ['admin'], params: object({ code }),
    summary: "Publier le brouillon (refusé s'il a un problème) : les nouveaux dossiers partent de cette version",
    handler: ({ deps, user, params }) => publishDraft(deps, user!, params.code),
  },
  { method: 'GET', path: '/api/admin/definitions/:code/versions', roles: ['admin'], summary: "Historique des versions publiées d'une démarche", params: object({ code }), handler: ({ deps, params }) => versions(deps, params.code) },
  {
    method: 'GET', path: '/api/admin/definitions/:code/versions/:versionId', roles: ['admin'], params: object({ code, versionId }),
    summary: "Les fichiers d'une version publiée",
    handler: ({ deps, params }) => version(deps, params.code, params.versionId),
  },
  {
    method: 'POST', path: '/api/admin/definitions/:code/versions/:versionId/restore', roles: ['admin'], params: object({ code, versionId }),
    summary: 'Republier une ancienne version (comme nouvelle version)',
    handler: ({ deps, user, params }) => restore(deps, user!, params.code, params.versionId),
  },
  {
    method: 'GET', path: '/api/admin/definitions/:code/export', roles: ['admin'], params: object({ code }),
    summary: 'Exporter une démarche en un document JSON',
    handler: async ({ deps, params }) => {
      const document = await exportDefinition(deps, params.code);
      return new Reply(200, document, { 'Content-Disposition': `attachment; filename="demarche-${params.code}.json"` });
    },
  },
];
