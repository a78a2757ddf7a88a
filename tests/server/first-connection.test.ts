// "PREMIERE CONNEXION AU PORTAIL" and the forgotten password, over HTTP with a real SMTP
// server: the link is read from the mail the parent receives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const GOOD = 'Lézard-Bleu-Marché-92';
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

async function linkFor(email: string, subject: RegExp): Promise<string> {
  const before = t.smtp.mails.length;
  const res = await t.client().post('/api/auth/password-link', { email });
  expect(res.status).toBe(202);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = t.smtp.mails.slice(before).find((m) => m.to.includes(email) && subject.test(m.subject));
    if (mail) return t.smtp.linkIn(mail);
    if (Date.now() > deadline) throw new Error(`pas de mail pour ${email}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('first connection', () => {
  it('sends a single-use link to a known address, then the parent chooses a password and logs in', async () => {
    const link = await linkFor(DEMO.newParent.email, /premier accès/);
    expect(link.startsWith(`${t.url}/reinitialiser?token=`)).toBe(true);
    const token = tokenOf(link);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 bits

    // Only a hash is stored, valid 24 h for a first connection.
    const row = await t.db('password_tokens').where({ user_id: DEMO.newParent.userId }).orderBy('created_at', 'desc').first();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(24 * 3600_000);

    const browser = t.client();
    const weak = await browser.post('/api/auth/reset', { token, password: 'motdepasse123', confirmation: 'motdepasse123' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    expect(weak.body.error.details[0].instancePath).toBe('/password');

    const mismatch = await browser.post('/api/auth/reset', { token, password: GOOD, confirmation: GOOD + 'x' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details[0].instancePath).toBe('/confirmation');

    const ok = await browser.post('/api/auth/reset', { token, password: GOOD, confirmation: GOOD });
    expect(ok.status).toBe(200);
    expect(ok.body.message).toMatch(/mot de passe a été modifié/);

    const again = await browser.post('/api/auth/reset', { token, password: 'Autre-Phrase-Secrète-77', confirmation: 'Autre-Phrase-Secrète-77' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_TOKEN');

    const login = await browser.post('/api/auth/login', { email: DEMO.newParent.email.toUpperCase(), password: GOOD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: DEMO.newParent.email, role: 'parent', familyId: DEMO.newParent.familyId });
    const session = await browser.get('/api/session');
    expect(session.body.user.id).toBe(DEMO.newParent.userId);

    const hash = (await t.db('users').where({ id: DEMO.newParent.userId }).first()).password_hash as string;
    expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
  });

  it('opens a login for an address known on a family account (a guardian without one yet)', async () => {
    const julien = 'Julien.Martin@example.fr'; // second guardian of family MARTIN, no login in the demo
    const token = tokenOf(await linkFor(julien.toLowerCase(), /premier accès/));
    expect((await t.client().post('/api/auth/reset', { token, password: GOOD, confirmation: GOOD })).status).toBe(200);
    const c = await t.login(julien, GOOD);
    const me = await c.get('/api/me');
    expect(me.body).toMatchObject({ role: 'parent', family: { name: 'MARTIN' }, personalData: { firstName: 'Julien' } });
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const before = t.smtp.mails.length;
    const known = await t.client().post('/api/auth/password-link', { email: DEMO.parentB.email });
    const unknown = await t.client().post('/api/auth/password-link', { email: 'personne@example.fr' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await t.smtp.waitFor({ to: DEMO.parentB.email, subject: /Réinitialisation/ });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.smtp.mails.slice(before).some((m) => m.to.includes('personne@example.fr'))).toBe(false);
  });

  it('builds the link from PUBLIC_URL whatever Host the request claims', async () => {
    const before = t.smtp.mails.length;
    await t.client().post('/api/auth/password-link', { email: DEMO.agent.email }, { 'X-Forwarded-Host': 'evil.example', Forwarded: 'host=evil.example' });
    await t.smtp.waitFor({ to: DEMO.agent.email });
    const mail = t.smtp.mails.slice(before).find((m) => m.to.includes(DEMO.agent.email))!;
    expect(t.smtp.linkIn(mail).startsWith(t.url + '/')).toBe(true);
    expect(mail.text).not.toContain('evil.example');
  });

  it('keeps only the newest link valid, and a reset link lasts one hour', async () => {
    const first = tokenOf(await linkFor(DEMO.admin.email, /Réinitialisation/));
    const second = tokenOf(await linkFor(DEMO.admin.email, /Réinitialisation/));
    const stale = await t.client().post('/api/auth/reset', { token: first, password: GOOD, confirmation: GOOD });
    expect(stale.body.error.code).toBe('INVALID_TOKEN');
    const row = await t.db('password_tokens').where({ token_hash: createHash('sha256').update(second).digest('hex') }).first();
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(3600_000);
    // An expired link is refused.
    await t.db('password_tokens').where({ id: row.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await t.client().post('/api/auth/reset', { token: second, password: GOOD, confirmation: GOOD });
    expect(expired.body.error.code).toBe('INVALID_TOKEN');
  });

  it('ends every other session after a reset and mails a notice', async () => {
    const elsewhere = await t.login(DEMO.parentA.email);
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    const token = tokenOf(await linkFor(DEMO.parentA.email, /Réinitialisation/));
    const res = await t.client().post('/api/auth/reset', { token, password: GOOD, confirmation: GOOD });
    expect(res.status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    await t.smtp.waitFor({ to: DEMO.parentA.email, subject: /a été modifié/ });
    expect((await t.login(DEMO.parentA.email, GOOD)).cookies.size).toBeGreaterThan(0);
  });

  it('keeps every character: a 100-character password with accents works, changing its last one fails', async () => {
    const long = ('Été-Noël-Çà-Où-' + 'àéèùâêîôûç'.repeat(9)).slice(0, 99) + 'ß';
    expect(Array.from(long)).toHaveLength(100);
    const token = tokenOf(await linkFor(DEMO.parentB.email, /Réinitialisation/));
    expect((await t.client().post('/api/auth/reset', { token, password: long, confirmation: long })).status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: DEMO.parentB.email, password: long })).status).toBe(200);
    const changed = long.slice(0, -1) + 's';
    const bad = await t.client().post('/api/auth/login', { email: DEMO.parentB.email, password: changed });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe('Adresse mail ou mot de passe incorrect.');
  });

  it('refuses passwords under 12 or over 256 characters, and the municipality as a password', async () => {
    const token = tokenOf(await linkFor(DEMO.parentB.email, /Réinitialisation/));
    for (const password of ['Zx9!kq#Lm2w', 'Zx9!kq#Lm2wP'.repeat(22), 'Villebourg-2026!']) {
      const res = await t.client().post('/api/auth/reset', { token, password, confirmation: password });
      expect(res.status, password).toBe(422);
      expect(res.body.error.code).toBe('WEAK_PASSWORD');
    }
    const meter = await t.client().post('/api/auth/password-strength', { password: 'Villebourg-2026!', token });
    expect(meter.body).toMatchObject({ acceptable: false });
    const strong = await t.client().post('/api/auth/password-strength', { password: GOOD });
    expect(strong.body).toMatchObject({ acceptable: true });
    expect(strong.body.score).toBeGreaterThanOrEqual(3);
  });
});
