// Login throttling per account and per client address, without a lasting lock-out.
// Its own file (and database): it deliberately exhausts the test client's address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WRONG = 'Mauvais-Mot-De-Passe-00';

async function attempt(email: string, password: string, forwardedFor?: string) {
  const c = t.client();
  return c.post('/api/auth/login', { email, password }, forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {});
}

describe('login answers', () => {
  it('are the same, in about the same time, for an unknown address and a wrong password', async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      const res = await attempt(email, WRONG);
      return { ms: performance.now() - start, res };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      const a = await timed(DEMO.agent.email);
      const b = await timed(`absent${i}@example.fr`);
      expect(b.res.status).toBe(a.res.status);
      expect(b.res.body).toEqual(a.res.body);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Both verify an argon2id hash: an unknown address is not answered noticeably faster.
    // The fastest of each is compared: the machine's noise only ever adds time.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.4);
  });
});

describe('login throttling', () => {
  it('delays an account after 5 failures, whatever X-Forwarded-For says, then lets the parent in', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(DEMO.parentA.email, WRONG, `198.51.100.${i}`)).status).toBe(401);
    const blocked = await attempt(DEMO.parentA.email, DEMO.password, '198.51.100.77');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.body.error.message).toMatch(/Réessayez dans/);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    // Other parents behind the same address are not affected.
    expect((await attempt(DEMO.parentB.email, DEMO.password)).status).toBe(200);
    await sleep(wait * 1000 + 100);
    expect((await attempt(DEMO.parentA.email, DEMO.password)).status).toBe(200);
  });

  it('bounds failures per day, and a password reset lifts the lock at once', async () => {
    await t.db('login_throttle').insert({ key: `account:${DEMO.admin.email}`, failures: 0, day: new Date().toISOString().slice(0, 10), day_failures: 49 })
      .onConflict('key').merge();
    expect((await attempt(DEMO.admin.email, WRONG)).status).toBe(401);
    const blocked = await attempt(DEMO.admin.email, DEMO.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60); // until tomorrow
    // The lock-out never lasts: the account owner resets the password and is back in.
    const before = t.smtp.mails.length;
    await t.client().post('/api/auth/password-link', { email: DEMO.admin.email });
    await t.smtp.waitFor({ to: DEMO.admin.email });
    const mail = t.smtp.mails.slice(before).find((m) => m.to.includes(DEMO.admin.email))!;
    const token = new URL(t.smtp.linkIn(mail)).searchParams.get('token');
    const fresh = 'Girafe-Tambour-Citron-58';
    expect((await t.client().post('/api/auth/reset', { token, password: fresh, confirmation: fresh })).status).toBe(200);
    expect((await attempt(DEMO.admin.email, fresh)).status).toBe(200);
  });

  it('delays a client address that fails on many accounts', async () => {
    // Earlier tests already failed a few times from this address; 20 in all trigger the delay.
    let tries = 0;
    while ((await attempt(`inconnu${tries}@example.fr`, WRONG, `192.0.2.${tries}`)).status === 401) tries++;
    expect(tries).toBeLessThanOrEqual(20);
    const blocked = await attempt(DEMO.parentB.email, DEMO.password);
    expect(blocked.status).toBe(429);
  });
});
