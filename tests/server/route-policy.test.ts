// Default deny, generated from the route table: every route declares who may call it;
// anonymous callers get 401 and the wrong role 403 on every non-public route; a parent of
// family A gets 404 — and changes nothing — for every family-owned id of family B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/http/route-table.js';
import type { RouteDef } from '../../server/http/routes.js';
import { DEMO, databaseDigest, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';

const routes = routeTable();
const ROLES = ['public', 'parent', 'agent', 'admin'];
const FAKE_ID = '00000000-0000-4000-8000-00000000dead';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** Fills path params with placeholder values (a well-formed id that exists nowhere). */
function pathOf(route: RouteDef, values: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? (/index|step/i.test(name) ? '0' : /key|code/i.test(name) ? '04' : FAKE_ID)));
}

describe('route table', () => {
  it('gives every route a policy with known roles', () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) {
      expect(r.roles?.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
      for (const role of r.roles) expect(ROLES, `${r.method} ${r.path}`).toContain(role);
      expect(r.roles.includes('public') && r.roles.length > 1, `${r.method} ${r.path} mixes public and roles`).toBe(false);
    }
  });

  it('has no /api route outside the table (where it would escape its policy)', () => {
    // The table is mounted as one dispatcher; any Express route under /api was added beside it.
    const stack = (t.express as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const mounted = stack.filter((l) => l.route && String(l.route.path).startsWith('/api'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    expect(mounted).toEqual([]);
  });

  it('has no GET route that takes a body (no GET changes state)', () => {
    for (const r of routes.filter((x) => x.method === 'GET')) expect(r.body, r.path).toBeUndefined();
  });

  it('refuses anonymous callers (401) and the wrong role (403) on every non-public route', async () => {
    const anonymous = t.client();
    const clients: Record<string, TestClient> = {
      parent: await t.login(DEMO.parentA.email),
      agent: await t.login(DEMO.agent.email),
      admin: await t.login(DEMO.admin.email),
    };
    for (const r of routes.filter((x) => !x.roles.includes('public'))) {
      const path = pathOf(r);
      const anon = await anonymous.request(r.method, path, { body: r.sampleBody });
      expect(anon.status, `${r.method} ${r.path} anonyme`).toBe(401);
      for (const role of ['parent', 'agent', 'admin'].filter((x) => !r.roles.includes(x as never))) {
        const res = await clients[role].request(r.method, path, { body: r.sampleBody });
        expect(res.status, `${r.method} ${r.path} en tant que ${role}`).toBe(403);
      }
    }
  });
});

describe('family isolation', () => {
  it('answers 404 and changes nothing when family A uses any id of family B', async () => {
    const parentA = await t.login(DEMO.parentA.email);
    const parentB = await t.login(DEMO.parentB.email);
    // Family B must have something behind each family-owned param (the demo data does).
    expect((await parentB.get('/api/inbox')).body.total).toBeGreaterThan(0);
    const owned = routes.filter((r) => r.familyOwned && r.roles.includes('parent'));
    expect(owned.length).toBeGreaterThan(0);
    let probed = 0;
    for (const r of owned) {
      const values: Record<string, string> = {};
      for (const [param, find] of Object.entries(r.familyOwned!)) {
        const id = await find(t.db, DEMO.parentB.familyId);
        if (id) values[param] = id;
      }
      if (!Object.keys(values).length) continue;
      const before = await databaseDigest(t.db);
      const res = await parentA.request(r.method, pathOf(r, values), { body: r.sampleBody });
      expect(res.status, `${r.method} ${r.path} avec les ids de la famille B`).toBe(404);
      expect(await databaseDigest(t.db), `${r.method} ${r.path} a modifié la base`).toBe(before);
      probed++;
    }
    expect(probed).toBeGreaterThan(0);
  });

  it('shows each family only its own record and inbox', async () => {
    const parentA = await t.login(DEMO.parentA.email);
    const family = await parentA.get('/api/family');
    expect(family.body.id).toBe(DEMO.parentA.familyId);
    const inbox = await parentA.get('/api/inbox');
    const foreign = await t.db('inbox').where({ family_id: DEMO.parentB.familyId }).pluck('id');
    for (const item of inbox.body.items) expect(foreign.map(String)).not.toContain(item.id);
  });
});
