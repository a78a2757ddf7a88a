// Sessions, CSRF and security headers, as a browser (or an attacker) sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEMO, TestClient, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const hashOf = (v: string) => createHash('sha256').update(v).digest('hex');

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax cookie and stores only its hash', async () => {
    const c = t.client();
    await c.refreshCsrf();
    const res = await c.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('pf_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in tests; Secure behind https (PUBLIC_URL)
    const value = c.cookies.get('pf_session')!;
    expect(await t.db('sessions').where({ id_hash: value }).first()).toBeUndefined();
    expect(await t.db('sessions').where({ id_hash: hashOf(value) }).first()).toBeDefined();
  });

  it('rotates the id at login and ends the session server-side at logout', async () => {
    const c = await t.login(DEMO.parentA.email);
    const first = c.cookies.get('pf_session')!;
    await c.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
    const second = c.cookies.get('pf_session')!;
    expect(second).not.toBe(first);
    const replay = new TestClient(t.url);
    replay.cookies.set('pf_session', first);
    expect((await replay.get('/api/me')).status).toBe(401);

    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const stolen = new TestClient(t.url);
    stolen.cookies.set('pf_session', second);
    expect((await stolen.get('/api/me')).status).toBe(401);
    expect(await t.db('sessions').where({ id_hash: hashOf(second) }).first()).toBeUndefined();
  });

  it('expires after 30 minutes idle and after 12 hours in any case', async () => {
    const idle = await t.login(DEMO.parentA.email);
    await t.db('sessions').where({ id_hash: hashOf(idle.cookies.get('pf_session')!) }).update({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    expect((await idle.get('/api/me')).status).toBe(401);

    const old = await t.login(DEMO.parentA.email);
    await t.db('sessions').where({ id_hash: hashOf(old.cookies.get('pf_session')!) }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await old.get('/api/me')).status).toBe(401);

    const active = await t.login(DEMO.parentA.email);
    await t.db('sessions').where({ id_hash: hashOf(active.cookies.get('pf_session')!) }).update({ last_seen_at: new Date(Date.now() - 29 * 60_000) });
    expect((await active.get('/api/me')).status).toBe(200);
  });

  it('purges expired sessions from the table', async () => {
    const { purgeExpired } = await import('../../server/housekeeping.js');
    const c = await t.login(DEMO.parentB.email);
    const hash = hashOf(c.cookies.get('pf_session')!);
    await t.db('sessions').where({ id_hash: hash }).update({ last_seen_at: new Date(Date.now() - 40 * 60_000) });
    await purgeExpired(t.db);
    expect(await t.db('sessions').where({ id_hash: hash }).first()).toBeUndefined();
  });

  it('takes the client address from the socket, not from X-Forwarded-For', async () => {
    const c = t.client();
    await c.refreshCsrf();
    await c.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password }, { 'X-Forwarded-For': '203.0.113.9' });
    const row = await t.db('sessions').where({ id_hash: hashOf(c.cookies.get('pf_session')!) }).first();
    expect(row.ip).toMatch(/127\.0\.0\.1/);
  });
});

describe('behind a configured proxy', () => {
  it('trusts exactly TRUST_PROXY hops of X-Forwarded-For, never what the client adds before them', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      const c = proxied.client();
      await c.refreshCsrf();
      // The client forged 1.1.1.1; the proxy appended the address it saw.
      await c.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password }, { 'X-Forwarded-For': '1.1.1.1, 203.0.113.9' });
      const row = await proxied.db('sessions').where({ id_hash: hashOf(c.cookies.get('pf_session')!) }).first();
      expect(row.ip).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
  });
});

describe('behind HTTPS', () => {
  it('marks the cookie Secure and sends HSTS when PUBLIC_URL is https', async () => {
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://portail.example' } });
    try {
      const c = new TestClient(secure.url, 'https://portail.example');
      await c.refreshCsrf();
      const res = await c.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().find((s) => s.startsWith('pf_session='))).toMatch(/;\s*Secure/i);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a state change without the token, with another session\'s token, or from another origin', async () => {
    const c = await t.login(DEMO.parentA.email);
    const noToken = await c.request('POST', '/api/auth/logout', { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('CSRF');

    const other = await t.login(DEMO.parentB.email);
    const wrong = await c.request('POST', '/api/auth/logout', { csrf: false, headers: { 'x-csrf-token': other.csrfToken! } });
    expect(wrong.status).toBe(403);

    const evil = new TestClient(t.url, 'https://evil.example');
    evil.cookies = c.cookies;
    evil.csrfToken = c.csrfToken;
    expect((await evil.post('/api/auth/logout')).status).toBe(403);

    expect((await c.get('/api/me')).status).toBe(200); // nothing above logged the parent out
  });

  it('protects the login form too (login CSRF)', async () => {
    const c = t.client();
    const res = await c.request('POST', '/api/auth/login', { body: { email: DEMO.parentA.email, password: DEMO.password }, csrf: false });
    expect(res.status).toBe(403);
  });
});

describe('headers', () => {
  it('sends a strict CSP, frame-ancestors none, nosniff, no-referrer and no-store on authenticated JSON', async () => {
    const c = await t.login(DEMO.parentA.email);
    const res = await c.get('/api/me');
    // A JSON answer loads nothing and is framed by nobody (OWASP REST Security Cheat Sheet).
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the page a reset link opens with Referrer-Policy: no-referrer', async () => {
    const res = await t.client().get('/reinitialiser?token=abc');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('gives refusals and unknown API paths the same headers, and other paths helmet\'s set', async () => {
    for (const path of ['/api/me', '/api/inconnu', '/api', '/api?x=1']) {
      const res = await t.client().get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    // Outside /api (no front end is mounted here: Express answers 404), helmet's set for documents.
    const page = await t.client().get('/apiculture');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('x-dns-prefetch-control')).toBe('off');
    expect(page.headers.get('cache-control')).not.toBe('no-store');
  });
});
