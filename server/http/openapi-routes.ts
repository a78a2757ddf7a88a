// GET /api/openapi.json: the API description, built once from the route table (server/http/openapi.ts).
import { readFileSync } from 'node:fs';
import type { RouteDef } from './routes.js';
import { routeModules } from './route-table.js';
import { buildOpenApi } from './openapi.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let cached: { publicUrl: string; document: Record<string, unknown> } | undefined;

export const openApiRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/openapi.json', roles: ['public'],
    summary: 'Description OpenAPI 3.1 de cette API, générée à partir de la table des routes',
    response: { type: 'object', properties: { openapi: { const: '3.1.0' } }, required: ['openapi'] },
    handler: ({ deps }) => {
      if (cached?.publicUrl !== deps.config.publicUrl) {
        cached = { publicUrl: deps.config.publicUrl, document: buildOpenApi(routeModules, { version: VERSION, serverUrl: deps.config.publicUrl, municipality: deps.config.municipality }) };
      }
      return cached.document;
    },
  },
];
