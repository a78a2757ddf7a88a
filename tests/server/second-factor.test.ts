// Second factor for agents and administrators (issue 10): RFC 6238 vectors, enrolment
// (QR code, first code, recovery codes), login asking for the code after the password,
// replayed and wrong codes refused and throttled, recovery codes usable once, and in
// production an agent without it is sent to enrolment before reaching the back office.
// Codes are computed here from the secret the server showed, at the clock the server uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient, type TestResponse } from '../helpers/app.js';
import { TEST_SECRETS } from '../helpers/server-process.js';
import { base32Decode, base32Encode, hotp, totp } from '../../server/auth/totp.js';

describe('RFC 6238 / RFC 4648 vectors', () => {
  const keys = {
    sha1: Buffer.from('12345678901234567890'),
    sha256: Buffer.from('12345678901234567890123456789012'),
    sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  // RFC 6238 appendix B: time (s) → 8-digit codes for SHA1, SHA256, SHA512.
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)('T = %i s', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totp(keys.sha1, at, 8, 'sha1')).toBe(sha1);
    expect(totp(keys.sha256, at, 8, 'sha256')).toBe(sha256);
    expect(totp(keys.sha512, at, 8, 'sha512')).toBe(sha512);
  });
  it('RFC 4226 HOTP and RFC 4648 base32', () => {
    expect([0, 1, 9].map((c) => hotp(keys.sha1, c))).toEqual(['755224', '287082', '520489']);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });
});

/** A clock the test moves (codes change every 30 s). */
const clock = { at: new Date(Math.floor(Date.now() / 30_000) * 30_000 + 1000) };
const later = (seconds: number) => (clock.at = new Date(clock.at.getTime() + seconds * 1000));
const codeOf = (secret: string, at = clock.at) => totp(base32Decode(secret), at);

async function enrol(client: TestClient): Promise<{ secret: string; recoveryCodes: string[]; confirm: TestResponse }> {
  const setup = await client.post('/api/me/second-factor/setup');
  expect(setup.status, setup.text).toBe(200);
  const confirm = await client.post('/api/me/second-factor/confirm', { code: codeOf(setup.body.secret) });
  expect(confirm.status, confirm.text).toBe(200);
  return { secret: setup.body.secret, recoveryCodes: confirm.body.recoveryCodes, confirm };
}

async function passwordStep(t: TestApp, email: string): Promise<TestClient> {
  const c = t.client();
  const res = await c.post('/api/auth/login', { email, password: DEMO.password });
  expect(res.status, res.text).toBe(200);
  return c;
}

describe('second factor in the demo (optional)', () => {
  let t: TestApp;
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => clock.at } });
  });
  afterAll(() => t?.close());

  it('enrolment: QR code and secret, a wrong first code refused, then active with 10 recovery codes', async () => {
    const agent = await t.login(DEMO.agent.email);
    expect((await agent.get('/api/me/second-factor')).body).toMatchObject({ enabled: false, required: false });
    const setup = await agent.post('/api/me/second-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toBe(`otpauth://totp/Portail%20Famille%20Villebourg%3A${encodeURIComponent(DEMO.agent.email)}?secret=${setup.body.secret}&issuer=Portail%20Famille%20Villebourg&algorithm=SHA1&digits=6&period=30`);
    expect(Buffer.from(setup.body.qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg[^>]*>/);
    // Sealed at rest: the column does not hold the secret.
    const row = await t.db('user_totp').where({ user_id: DEMO.agent.userId }).first();
    expect(row.secret_sealed).not.toContain(setup.body.secret);
    expect(t.deps.sealer.open(row.secret_sealed)).toBe(setup.body.secret);
    const wrong = String((Number(codeOf(setup.body.secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await agent.post('/api/me/second-factor/confirm', { code: wrong });
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].instancePath]).toEqual([400, 'INVALID_SECOND_FACTOR', '/code']);
    expect((await agent.get('/api/me/second-factor')).body.enabled).toBe(false);
    const confirm = await agent.post('/api/me/second-factor/confirm', { code: codeOf(setup.body.secret) });
    expect(confirm.status, confirm.text).toBe(200);
    secret = setup.body.secret;
    recoveryCodes = confirm.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    // Only hashes are stored.
    const hashes = await t.db('totp_recovery_codes').where({ user_id: DEMO.agent.userId }).pluck('code_hash');
    expect(hashes).toHaveLength(10);
    for (const c of recoveryCodes) expect(hashes.join()).not.toContain(c.replace(/-/g, ''));
    expect((await agent.get('/api/me/second-factor')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await agent.post('/api/me/second-factor/setup')).status).toBe(409);
  });

  it('login asks for the code after the password; nothing else is reachable until then', async () => {
    later(30);
    const c = await passwordStep(t, DEMO.agent.email);
    const session = await c.get('/api/session');
    expect(session.body.user).toMatchObject({ email: DEMO.agent.email, pending: 'totp' });
    const blocked = await c.get('/api/agent/queues');
    expect([blocked.status, blocked.body.error.code]).toEqual([401, 'SECOND_FACTOR_REQUIRED']);
    expect((await c.get('/api/me/second-factor')).status).toBe(401);
    const before = c.cookies.get('pf_session');
    const ok = await c.post('/api/auth/totp', { code: codeOf(secret) });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.user.pending).toBeUndefined();
    expect(c.cookies.get('pf_session')).not.toBe(before); // rotated
    expect((await c.get('/api/agent/queues')).status).toBe(200);
    // The login is complete: the step cannot be done twice.
    expect((await c.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(409);
  });

  it('a code already used (same time step) is refused, even by another browser; the next step works', async () => {
    later(30);
    const first = await passwordStep(t, DEMO.agent.email);
    const second = await passwordStep(t, DEMO.agent.email);
    const code = codeOf(secret);
    expect((await first.post('/api/auth/totp', { code })).status).toBe(200);
    const replay = await second.post('/api/auth/totp', { code });
    expect([replay.status, replay.body.error.code]).toEqual([400, 'INVALID_SECOND_FACTOR']);
    // The previous step's code (drift allowance) is older than the one used: refused too.
    expect((await second.post('/api/auth/totp', { code: codeOf(secret, new Date(clock.at.getTime() - 30_000)) })).status).toBe(400);
    later(30);
    expect((await second.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(200);
  });

  it('concurrent requests with one code: exactly one succeeds', async () => {
    later(30);
    const browsers = await Promise.all(Array.from({ length: 4 }, () => passwordStep(t, DEMO.agent.email)));
    const code = codeOf(secret);
    const statuses = (await Promise.all(browsers.map((b) => b.post('/api/auth/totp', { code })))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400]);
  });

  it('wrong codes are throttled (even the right code waits), and a new password step does not reset the count', async () => {
    later(30);
    // A success first: the count starts from zero.
    expect((await (await passwordStep(t, DEMO.agent.email)).post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(200);
    const c = await passwordStep(t, DEMO.agent.email);
    const next = codeOf(secret, new Date(clock.at.getTime() + 30_000)); // valid (clock drift), not used yet
    const wrong = String((Number(next) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/totp', { code: wrong })).status).toBe(400);
    const locked = await c.post('/api/auth/totp', { code: next });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    const again = await passwordStep(t, DEMO.agent.email);
    expect((await again.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(429);
    later(Number(locked.headers.get('retry-after')) + 30);
    expect((await again.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(200);
  });

  it('a recovery code opens the session once; the same code is refused afterwards', async () => {
    later(30);
    const c = await passwordStep(t, DEMO.agent.email);
    const ok = await c.post('/api/auth/totp', { recoveryCode: recoveryCodes[0].toUpperCase() });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.recoveryCodesLeft).toBe(9);
    expect((await c.get('/api/agent/queues')).status).toBe(200);
    const d = await passwordStep(t, DEMO.agent.email);
    const reused = await d.post('/api/auth/totp', { recoveryCode: recoveryCodes[0] });
    expect([reused.status, reused.body.error.details[0].instancePath]).toEqual([400, '/recoveryCode']);
    expect((await d.post('/api/auth/totp', { recoveryCode: recoveryCodes[1] })).status).toBe(200);
  });

  it('the password step alone lasts 5 minutes; logout works while pending', async () => {
    later(30);
    const c = await passwordStep(t, DEMO.agent.email);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const d = await passwordStep(t, DEMO.agent.email);
    later(5 * 60 + 1);
    expect((await d.get('/api/session')).body.user).toBeNull();
    await d.refreshCsrf();
    expect((await d.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(401);
  });

  it('new recovery codes on a current code; the old ones stop working', async () => {
    later(30);
    const c = await passwordStep(t, DEMO.agent.email);
    expect((await c.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(200);
    later(30);
    const renewed = await c.post('/api/me/second-factor/recovery-codes', { code: codeOf(secret) });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const d = await passwordStep(t, DEMO.agent.email);
    expect((await d.post('/api/auth/totp', { recoveryCode: recoveryCodes[2] })).status).toBe(400);
    expect((await d.post('/api/auth/totp', { recoveryCode: renewed.body.recoveryCodes[0] })).status).toBe(200);
  });

  it('parents have no second factor; agents without one sign in with the password in the demo', async () => {
    const parent = await t.login(DEMO.parentA.email);
    expect((await parent.get('/api/session')).body.user.pending).toBeUndefined();
    expect((await parent.post('/api/me/second-factor/setup')).status).toBe(403);
    const admin = await t.login(DEMO.admin.email);
    expect((await admin.get('/api/session')).body.user.pending).toBeUndefined();
    expect((await admin.get('/api/agent/queues')).status).toBe(200);
  });
});

describe('second factor in production (required)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => clock.at }, env: { NODE_ENV: 'production', ...TEST_SECRETS } });
  });
  afterAll(() => t?.close());

  it('an agent without it is sent to enrolment before reaching the back office', async () => {
    const c = await passwordStep(t, DEMO.agent.email);
    expect((await c.get('/api/session')).body.user.pending).toBe('enrol');
    const blocked = await c.get('/api/agent/queues');
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'SECOND_FACTOR_ENROLMENT_REQUIRED']);
    expect(blocked.body.error.message).toMatch(/Activez la double authentification/);
    expect((await c.get('/api/me/second-factor')).body).toMatchObject({ enabled: false, required: true });
    const before = c.cookies.get('pf_session');
    const { secret, confirm } = await enrol(c);
    expect(confirm.body.user.pending).toBeUndefined();
    expect(c.cookies.get('pf_session')).not.toBe(before);
    expect((await c.get('/api/agent/queues')).status).toBe(200);
    // From now on the login asks for the code.
    later(30);
    const next = await passwordStep(t, DEMO.agent.email);
    expect((await next.get('/api/session')).body.user.pending).toBe('totp');
    expect((await next.post('/api/auth/totp', { code: codeOf(secret) })).status).toBe(200);
  });

  it('an administrator resets a lost second factor: sessions ended, audited, the agent enrols again', async () => {
    // The admin enrols first (required in production).
    const admin = await passwordStep(t, DEMO.admin.email);
    const { secret: adminSecret } = await enrol(admin);
    later(30);
    const agent = await passwordStep(t, DEMO.agent.email);
    expect((await agent.get('/api/session')).body.user.pending).toBe('totp');
    expect((await agent.post('/api/admin/staff/' + DEMO.agent.userId + '/second-factor/reset')).status).toBe(403);
    const own = await admin.post(`/api/admin/staff/${DEMO.admin.userId}/second-factor/reset`);
    expect(own.status).toBe(409);
    expect((await admin.post('/api/admin/staff/00000000-0000-4000-8000-000000000000/second-factor/reset')).status).toBe(404);
    const listed = async () => (await admin.get('/api/admin/staff')).body.find((m: { id: string }) => m.id === DEMO.agent.userId);
    expect((await listed()).secondFactor).toBe(true);
    const reset = await admin.post(`/api/admin/staff/${DEMO.agent.userId}/second-factor/reset`);
    expect(reset.status, reset.text).toBe(204);
    expect((await agent.get('/api/session')).body.user).toBeNull();
    expect((await listed()).secondFactor).toBe(false);
    expect(await t.db('user_totp').where({ user_id: DEMO.agent.userId }).first()).toBeUndefined();
    expect(await t.db('audit_log').where({ action: 'staff.second_factor_reset', subject_id: DEMO.agent.userId, actor_id: DEMO.admin.userId }).first()).toBeTruthy();
    const again = await passwordStep(t, DEMO.agent.email);
    expect((await again.get('/api/session')).body.user.pending).toBe('enrol');
    // A parent cannot.
    const parent = await passwordStep(t, DEMO.parentA.email);
    expect((await parent.post(`/api/admin/staff/${DEMO.agent.userId}/second-factor/reset`)).status).toBe(403);
    expect(adminSecret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('parents are not asked for a second factor', async () => {
    const parent = await passwordStep(t, DEMO.parentA.email);
    expect((await parent.get('/api/session')).body.user.pending).toBeUndefined();
    expect((await parent.get('/api/family')).status).toBe(200);
  });
});
