// Malformed, oversized, unknown or mistyped input: a 4xx JSON error in French with the
// field path, never a 500 or a stack trace, and the database unchanged. Logs keep no secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { request as httpRequest } from 'node:http';
import { DEMO, databaseDigest, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function expectCleanError(res: { status: number; body: any; text: string }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(Array.isArray(res.body.error.details)).toBe(true);
  expect(res.text).not.toMatch(/at .*\.(ts|js):\d+|stack/i);
}

describe('bad input', () => {
  it('answers 4xx with a French JSON error and leaves the database unchanged', async () => {
    const c = await t.login(DEMO.parentA.email);
    const before = await databaseDigest(t.db);

    const malformed = await c.request('POST', '/api/me/email', { raw: '{"email": ', headers: { 'Content-Type': 'application/json' } });
    expectCleanError(malformed, 400, 'INVALID_INPUT');
    expect(malformed.body.error.message).toMatch(/JSON valide/);

    const huge = await c.request('POST', '/api/me/email', { raw: JSON.stringify({ email: 'a'.repeat(1_100_000) }), headers: { 'Content-Type': 'application/json' } });
    expectCleanError(huge, 413, 'PAYLOAD_TOO_LARGE');

    const unknown = await c.post('/api/me/email', { email: 'nouvelle@example.fr', role: 'admin' });
    expectCleanError(unknown, 400, 'INVALID_INPUT');
    expect(unknown.body.error.details).toContainEqual(expect.objectContaining({ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'role' } }));

    const wrongType = await c.post('/api/me/email', { email: 42 });
    expectCleanError(wrongType, 400, 'INVALID_INPUT');
    expect(wrongType.body.error.details[0]).toMatchObject({ instancePath: '/email', keyword: 'type' });

    const missing = await c.post('/api/auth/reset', { token: 'x' });
    expectCleanError(missing, 400, 'INVALID_INPUT');
    expect(missing.body.error.details.map((d: any) => d.params.missingProperty)).toEqual(expect.arrayContaining(['password', 'confirmation']));

    const notJson = await c.request('POST', '/api/me/email', { raw: 'email=a@b.fr', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectCleanError(notJson, 415, 'UNSUPPORTED_TYPE');

    const array = await c.request('POST', '/api/me/email', { raw: '[1,2]', headers: { 'Content-Type': 'application/json' } });
    expectCleanError(array, 400, 'INVALID_INPUT');

    const badQuery = await c.get('/api/inbox?limit=abc');
    expectCleanError(badQuery, 400, 'INVALID_INPUT');
    const extraQuery = await c.get('/api/inbox?admin=1');
    expectCleanError(extraQuery, 400, 'INVALID_INPUT');

    const badId = await c.post('/api/inbox/not-a-number/read');
    expectCleanError(badId, 404, 'NOT_FOUND');

    const nowhere = await c.get('/api/nowhere');
    expectCleanError(nowhere, 404, 'NOT_FOUND');

    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('refuses a body in an unsupported charset, and an oversized body sent without a length', async () => {
    const c = await t.login(DEMO.parentA.email);
    await c.refreshCsrf();
    const before = await databaseDigest(t.db);
    const headers = (extra: Record<string, string>) => ({ Origin: c.origin, 'x-csrf-token': c.csrfToken!, Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...extra });
    const body = JSON.stringify({ email: 'nouvelle@example.fr' });

    const latin1 = await c.request('POST', '/api/me/email', { raw: body, headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } });
    expectCleanError(latin1, 415, 'UNSUPPORTED_TYPE');

    // Chunked: no Content-Length to refuse it up front, so the parser must count.
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks = [Buffer.from('{"email": "'), ...Array.from({ length: 18 }, () => chunk), Buffer.from('"}')];
    const chunked = await rawPost(t.url + '/api/me/email', headers({ 'Content-Type': 'application/json' }), chunks);
    expectCleanError(chunked, 413, 'PAYLOAD_TOO_LARGE');
    expect(chunked.body.error.message).toMatch(/1 Mo/);

    expect(await databaseDigest(t.db)).toBe(before);
    // Refused, not cut off: the same client goes on.
    expect((await c.get('/api/session')).status).toBe(200);
  });
});

/** A POST written chunk by chunk (Transfer-Encoding: chunked), as a client streaming its body would. */
function rawPost(url: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: any; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('floods', () => {
  it('limits the public strength meter per client', async () => {
    const c = t.client();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await c.post('/api/auth/password-strength', { password: `essai-${i}` })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('logs', () => {
  it('are JSON lines with request ids and never contain passwords or tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const { createLogger } = await import('../../server/logger.js');
    const app = await startTestApp({ env: {}, seed: true });
    // Re-point the app's logger at our sink for this test.
    const logger = createLogger('debug', sink);
    Object.assign(app.deps.logger, {});
    (app.deps as { logger: unknown }).logger = logger;
    try {
      const secret = 'Pétale-Orage-Violon-7781';
      const c = app.client();
      await c.post('/api/auth/login', { email: DEMO.parentA.email, password: secret });
      logger.info({ body: { password: secret, token: 'tok-123456', iban: 'FR7630006000011234567890189' } }, 'test line');
      const res = await c.get('/api/auth/reset?token=tok-abcdef');
      expect(res.status).toBe(404);
      await new Promise((r) => setTimeout(r, 50)); // the request line is written once the answer is done
      const text = lines.join('');
      expect(text).toContain('test line');
      expect(text).not.toContain(secret);
      expect(text).not.toContain('tok-123456');
      expect(text).not.toContain('tok-abcdef');
      expect(text).not.toContain('FR7630006000011234567890189');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      // One line per request, tied to the id the answer carried, without query values.
      const requestId = res.headers.get('x-request-id');
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === requestId);
      expect(entry).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/api/auth/reset?token=…' }, res: { statusCode: 404 } });
      expect(entry.responseTime).toEqual(expect.any(Number));
      const login = lines.map((l) => JSON.parse(l)).find((l) => l.req?.url === '/api/auth/login');
      expect(login).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 401 } });
    } finally {
      await app.close();
    }
  });
});
