// The autosave checks the session inside its own UPDATE (one round trip): revocation must
// stay exact — a logged-out, idle, expired or disabled session saves nothing, and another
// family's session never writes into this family's dossier.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEMO, type TestApp, type TestClient, type TestResponse, startTestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const hashOf = (v: string) => createHash('sha256').update(v).digest('hex');
const sessionOf = (c: TestClient) => t.db('sessions').where({ id_hash: hashOf(c.cookies.get('pf_session')!) });
const answers = (n: number) => ({ foyer: { telephoneDomicile: `04 68 96 12 ${String(n).padStart(2, '0')}` } });

/** Statements the server sends while `run` executes (the outbox worker polls meanwhile: not counted). */
async function statements(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (q: { sql: string }) => {
    if (!/\boutbox\b/.test(q.sql)) seen.push(q.sql);
  };
  t.deps.db.on('query', listener);
  try {
    await run();
  } finally {
    t.deps.db.off('query', listener);
  }
  return seen;
}

let parent: TestClient;
let dossierId: string;
beforeEach(async () => {
  await t.db('users').update({ disabled_at: null });
  parent = await t.login(DEMO.parentA.email);
  await t.db('dossiers').where({ family_id: DEMO.parentA.familyId, procedure_code: '02' }).delete();
  const created = await parent.post('/api/dossiers', { code: '02' });
  expect(created.status).toBe(201);
  dossierId = created.body.id;
  await parent.post(`/api/dossiers/${dossierId}/notice`);
  expect((await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(1) })).status).toBe(200);
});

const stored = async () => (await t.db('dossiers').where({ id: dossierId }).first('answers', 'revision'));

describe('autosave with the session checked in the same statement', () => {
  it('saves in one database statement once the dossier is known', async () => {
    let res: TestResponse | undefined;
    const sql = await statements(async () => {
      res = await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(2), step: 1 });
    });
    expect(res!.status).toBe(200);
    expect(sql).toHaveLength(1);
    expect(res!.body.revision).toBe((await stored()).revision);
    expect((await stored()).answers).toEqual(answers(2));
  });

  it('takes one statement from the first autosave of a dossier just opened', async () => {
    const created = await parent.post('/api/dossiers', { code: '03' });
    expect(created.status).toBe(201);
    expect((await parent.get(`/api/dossiers/${created.body.id}`)).status).toBe(200);
    let res: TestResponse | undefined;
    const sql = await statements(async () => {
      res = await parent.put(`/api/dossiers/${created.body.id}/answers`, { answers: {} });
    });
    expect(res!.status).toBe(200);
    expect(sql).toHaveLength(1);
  });

  it('refuses after logout, idleness, expiry or a disabled account, and writes nothing', async () => {
    const before = await stored();
    const other = await t.login(DEMO.parentA.email); // a second browser of the same parent

    await sessionOf(parent).update({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    expect((await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(3) })).status).toBe(401);

    const expired = await t.login(DEMO.parentA.email);
    await sessionOf(expired).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await expired.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(4) })).status).toBe(401);

    await t.db('users').where({ id: DEMO.parentA.userId }).update({ disabled_at: new Date() });
    expect((await other.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(5) })).status).toBe(401);
    await t.db('users').where({ id: DEMO.parentA.userId }).update({ disabled_at: null });

    const third = await t.login(DEMO.parentA.email);
    const cookie = third.cookies.get('pf_session')!;
    expect((await third.post('/api/auth/logout')).status).toBe(204);
    third.cookies.set('pf_session', cookie); // a stolen copy of the cookie, replayed
    expect([401, 403]).toContain((await third.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(6) })).status);

    expect(await stored()).toEqual(before);
  });

  it("never writes another family's dossier, and answers 404 as for any of its ids", async () => {
    const before = await stored();
    const b = await t.login(DEMO.parentB.email);
    const res = await b.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(7) });
    expect(res.status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('keeps a live session alive (idle time counted from the last save)', async () => {
    await sessionOf(parent).update({ last_seen_at: new Date(Date.now() - 25 * 60_000) });
    expect((await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(8) })).status).toBe(200);
    const seen = new Date((await sessionOf(parent).first('last_seen_at')).last_seen_at).getTime();
    expect(Date.now() - seen).toBeLessThan(60_000);
  });

  it('refuses a forged CSRF token and a stale revision without writing', async () => {
    const before = await stored();
    const forged = await parent.request('PUT', `/api/dossiers/${dossierId}/answers`, { body: { answers: answers(9) }, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(64) } });
    expect(forged.status).toBe(403);
    const stale = await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: answers(10), revision: before.revision - 1 });
    expect(stale.status).toBe(409);
    expect(await stored()).toEqual(before);
  });
});
