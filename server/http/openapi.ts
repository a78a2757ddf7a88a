// The OpenAPI 3.1 description of the HTTP API, generated from the route table: every route
// with its method, path, parameters, French summary, who may call it (x-roles), and the
// very JSON Schemas the route validates its inputs with (server/http/validate.ts), so the
// description cannot drift from what the server accepts. Served at GET /api/openapi.json;
// tests/server/openapi.test.ts checks it against the routes and the OpenAPI 3.1 meta-schema.
import type { RouteDef } from './routes.js';
import type { Schema } from './validate.js';

/**
 * Summaries of routes whose module does not give one yet (RouteDef.summary wins). New
 * routes should carry their own `summary`; this map only covers modules owned elsewhere.
 */
export const FALLBACK_SUMMARIES: Record<string, string> = {
  'GET /api/agent/activities/:id': 'Une activité avec ses règles (capacité, âges, écoles, délais, calendrier, tarifs)',
  'GET /api/agent/schools': 'Les écoles de la commune (choix des écoles d’une activité)',
  'GET /api/invoices/:id': 'Détail d’une facture (ou d’un avoir) de la famille : lignes, montants, échéance, paiements',
  'GET /api/agent/invoices': 'Factures de toutes les familles (filtres : mois, statut, famille), pour les agents',
  'GET /api/agent/invoices/:id': 'Détail d’une facture pour les agents, avec ses paiements',
  'POST /api/agent/invoices/:id/cancel': 'Annule une facture par un avoir (motif obligatoire)',
  'GET /api/agent/invoicing/runs': 'Les 20 dernières facturations mensuelles lancées',
  'GET /api/agent/invoicing/runs/:id': 'Progression et résultat d’une facturation mensuelle',
  'PUT /api/agent/billing/activities/:id': 'Change la base de facturation d’une activité (administrateurs)',
};

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function summaryOf(route: RouteDef): string | undefined {
  return route.summary ?? FALLBACK_SUMMARIES[routeKey(route)];
}

/** Express path → OpenAPI path and its parameter names ("/api/x/:id.ics" → "/api/x/{id}.ics"). */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_$][A-Za-z0-9_$]*)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

const ROLE_LABELS: Record<string, string> = { public: 'public (sans session)', parent: 'parent', agent: 'agent', admin: 'administrateur' };

function operationId(route: RouteDef): string {
  const words = route.path.replace(/^\/(api\/)?/, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('');
}

function propertiesOf(schema: Schema | undefined): { props: Record<string, Schema>; required: string[] } {
  if (!schema) return { props: {}, required: [] };
  return { props: (schema.properties ?? {}) as Record<string, Schema>, required: (schema.required ?? []) as string[] };
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operation(route: RouteDef, tag: string) {
  const { params: pathParams } = openApiPath(route.path);
  const pathSchemas = propertiesOf(route.params);
  const query = propertiesOf(route.query);
  const isPublic = route.roles.includes('public');
  const unsafe = route.method !== 'GET';
  const parameters = [
    ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: pathSchemas.props[name] ?? { type: 'string' } })),
    ...Object.entries(query.props).map(([name, schema]) => ({ name, in: 'query', required: query.required.includes(name), schema })),
  ];
  const security: Record<string, string[]>[] = [];
  const needsCsrf = unsafe && route.csrf !== false;
  if (!isPublic) security.push(needsCsrf ? { session: [], csrf: [] } : { session: [] });
  else if (needsCsrf) security.push({ csrf: [] });
  const responses: Record<string, unknown> = {
    '200': route.response
      ? { description: 'Réponse', content: { 'application/json': { schema: route.response } } }
      : { description: 'Réponse (204 sans contenu quand il n’y a rien à renvoyer)' },
  };
  if (route.body || route.query || route.rawBody) responses['400'] = errorResponse('Données invalides (chemin du champ dans `details`)');
  if (!isPublic) {
    responses['401'] = errorResponse('Pas de session');
    responses['403'] = errorResponse('Rôle insuffisant, ou jeton CSRF absent');
  }
  if (pathParams.length) responses['404'] = errorResponse('Introuvable (aussi pour l’identifiant d’une autre famille)');
  responses.default = errorResponse('Erreur `{ error: { code, message, details } }`');
  return {
    operationId: operationId(route),
    summary: summaryOf(route) ?? '',
    tags: [tag],
    'x-roles': route.roles,
    description: `Accès : ${route.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}.`,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: ((route.body.required as string[] | undefined) ?? []).length > 0, content: { 'application/json': { schema: route.body } } } } : {}),
    ...(route.rawBody && unsafe ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } } } } } } : {}),
    security,
    responses,
  };
}

export interface OpenApiInfo {
  version: string;
  serverUrl: string;
  municipality: string;
}

/** The document for the given modules (name → routes); the module name is the operation's tag. */
export function buildOpenApi(modules: Record<string, RouteDef[]>, info: OpenApiInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [tag, routes] of Object.entries(modules)) {
    for (const route of routes) {
      const { path } = openApiPath(route.path);
      paths[path] ??= {};
      paths[path][route.method.toLowerCase()] = operation(route, tag);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Portail Famille — ${info.municipality}`,
      version: info.version,
      description: 'API HTTP du portail famille (JSON). Contrat détaillé : server/API.md. Chaque requête qui modifie porte l’en-tête `x-csrf-token` (jeton lu sur `GET /api/session`) et une origine identique. Erreurs : `{ error: { code, message (français), details } }`.',
    },
    servers: [{ url: info.serverUrl }],
    tags: Object.keys(modules).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pf_session', description: 'Cookie de session (HttpOnly, SameSite=Lax), posé par POST /api/auth/login' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'Jeton CSRF lié à la session, lu sur GET /api/session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['INVALID_INPUT', 'NOT_FOUND'] },
                message: { type: 'string', description: 'Phrase en français, à montrer telle quelle' },
                details: { type: 'array', items: { type: 'object', properties: { instancePath: { type: 'string' }, keyword: { type: 'string' }, message: { type: 'string' }, params: { type: 'object' } } } },
              },
            },
          },
        },
      },
    },
  };
}
