// Production mode and operations, on the real process (server/main.ts spawned):
// development or missing secrets refuse the start; built assets are served with caching
// headers; health endpoints; SIGTERM lets a request in flight finish, then exits 0.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/pg.js';
import { startPortalProcess, TEST_SECRETS, type PortalProcess } from '../helpers/server-process.js';
import { DEMO, startTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { openPostgres, type Db } from '../../server/db.js';
import { readiness } from '../../server/health/routes.js';
import { readConfig } from '../../server/config.js';

const tmp = mkdtempSync(join(tmpdir(), 'pf-prod-'));
let database: { db: Db; url?: string };
/** Where a spawned process finds the test database (PGlite folder when no Postgres binaries). */
const dbEnv = (name: string): Record<string, string> => (database.url ? { DATABASE_URL: database.url } : { DATA_DIR: join(tmp, name) });

beforeAll(async () => {
  database = await createTestDatabase(inject('pg'));
});
afterAll(async () => {
  await database?.db.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

describe('production start refuses unsafe configuration', () => {
  const prod = (env: Record<string, string>) => ({ NODE_ENV: 'production', DIST_DIR: join(tmp, 'none'), ...env });

  it('missing secrets: exit code 1 and every problem named, in French and English', async () => {
    const p = await startPortalProcess(prod({ SESSION_SECRET: '', DATA_KEY: '' }), { wait: false });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/Configuration de production refusée \/ production configuration refused/);
    expect(p.output()).toMatch(/SESSION_SECRET manquant \/ missing/);
    expect(p.output()).toMatch(/DATA_KEY manquant \/ missing/);
  });

  it('the development defaults (or a trivial key) are refused like missing ones', async () => {
    const p = await startPortalProcess(prod({ SESSION_SECRET: 'dev-only-session-secret-change-me', DATA_KEY: '0'.repeat(64) }), { wait: false });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/SESSION_SECRET est la valeur de développement/);
    expect(p.output()).toMatch(/DATA_KEY est la clé de développement/);
    expect(() => readConfig({ NODE_ENV: 'production', ...TEST_SECRETS, DATA_KEY: 'ab'.repeat(32), PUBLIC_URL: 'https://x.fr' })).toThrow(/clé triviale/);
    expect(() => readConfig({ NODE_ENV: 'production', ...TEST_SECRETS })).toThrow(/PUBLIC_URL manquant/);
    expect(readConfig({ NODE_ENV: 'production', ...TEST_SECRETS, PUBLIC_URL: 'https://portail.villebourg.fr' }).demoData).toBe(false);
  });

  it('front ends not built: refused with the command to run', async () => {
    const p = await startPortalProcess(prod(TEST_SECRETS), { wait: false });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/npm run build/);
  });
});

describe('production start with proper secrets', () => {
  let p: PortalProcess;
  const dist = join(tmp, 'dist');
  beforeAll(async () => {
    // A built tree like Vite's: index.html (with the nonce placeholder) and hashed assets.
    for (const app of ['renderer', 'admin']) {
      mkdirSync(join(dist, app, 'assets'), { recursive: true });
      writeFileSync(join(dist, app, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js" nonce="__CSP_NONCE__"></script></head><body>${app}</body></html>`);
      writeFileSync(join(dist, app, 'assets', 'index-Ab12Cd34.js'), `console.log(${JSON.stringify(app)});`);
    }
    p = await startPortalProcess({ NODE_ENV: 'production', ...TEST_SECRETS, DIST_DIR: dist, ...dbEnv('prod') });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('hashed assets are immutable for a year, HTML pages are revalidated', async () => {
    const asset = await fetch(`${p.url}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const adminAsset = await fetch(`${p.url}/admin/assets/index-Ab12Cd34.js`);
    expect(await adminAsset.text()).toContain('admin');
    expect(adminAsset.headers.get('cache-control')).toContain('immutable');
    for (const page of ['/', '/mes-demarches', '/admin/', '/admin/files']) {
      const res = await fetch(p.url + page);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('cache-control'), page).toBe('no-cache');
      const html = await res.text();
      expect(html).not.toContain('__CSP_NONCE__');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    // A missing asset is a 404, never the HTML page under a script's name.
    expect((await fetch(`${p.url}/assets/index-missing.js`)).status).toBe(404);
  });

  it('no demo data in production, no demo mail page; health answers', async () => {
    const login = new TestClient(p.url);
    const res = await login.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
    expect(res.status).toBe(401);
    expect((await fetch(`${p.url}/api/demo/mails`)).status).toBe(404);
    const live = await fetch(`${p.url}/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${p.url}/health/ready`);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', process: 'ok' } });
  });
});

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t?.close());

  it('503 naming the migration while one is not applied, 200 again once it is', async () => {
    const last = await t.db('knex_migrations').orderBy('id', 'desc').first();
    await t.db('knex_migrations').where({ id: last.id }).delete();
    try {
      const res = await t.client().get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('not_ready');
      expect(res.body.checks.migrations).toContain(last.name);
    } finally {
      await t.db('knex_migrations').insert(last);
    }
    expect((await t.client().get('/health/ready')).status).toBe(200);
  });

  it('503 while the process is shutting down (the load balancer stops sending)', async () => {
    t.deps.lifecycle = { draining: true };
    try {
      const res = await t.client().get('/health/ready');
      expect([res.status, res.body.checks.process]).toEqual([503, 'arrêt en cours']);
      expect((await t.client().get('/health/live')).status).toBe(200);
    } finally {
      t.deps.lifecycle = undefined;
    }
  });

  it('database unreachable: not ready, within the check timeout', async () => {
    const gone = await openPostgres('postgres://app@127.0.0.1:9/nowhere', 1);
    try {
      const started = Date.now();
      const result = await readiness(gone);
      expect(result.ready).toBe(false);
      expect(result.checks.database).toMatch(/^injoignable/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await gone.destroy();
    }
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM: no new connections, the request in flight completes, exit code 0', async () => {
    const p = await startPortalProcess({ ...TEST_SECRETS, ...dbEnv('shutdown'), LOG_LEVEL: 'info' });
    try {
      const browser = new TestClient(p.url);
      await browser.refreshCsrf();
      const body = Buffer.from(JSON.stringify({ email: DEMO.agent.email, password: DEMO.password }));
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(`${p.url}/api/auth/login`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json', 'Content-Length': String(body.length), Origin: p.url,
            'x-csrf-token': browser.csrfToken!, Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        });
        req.on('error', reject);
        // Half the body now: the server holds the request open, waiting for the rest.
        req.write(body.subarray(0, 20));
        setTimeout(() => {
          p.child.kill('SIGTERM');
          setTimeout(async () => {
            // The listening socket is closed: a new client is refused.
            await fetch(`${p.url}/health/live`).then(
              (res) => reject(new Error(`nouvelle connexion acceptée pendant l'arrêt (${res.status})`)),
              () => req.end(body.subarray(20)),
            );
          }, 700);
        }, 300);
      });
      const res = await answer;
      expect(res.status, res.text).toBe(200);
      expect(JSON.parse(res.text).user.email).toBe(DEMO.agent.email);
      expect(await p.exited).toBe(0);
      expect(p.output()).toMatch(/portail arrêté/);
      // The jobs stopped before the pool closed: none of them failed on the way out.
      expect(p.output()).not.toMatch(/failed|acquire a connection|pool is probably full|Unable to/i);
    } finally {
      await p.stop();
    }
  });
});
