// The embedded database of `npm start` (PGlite) takes the same one-statement autosave as a
// PostgreSQL server (where it is a named prepared statement): the session is checked in the
// statement, the answers land, and an ended session writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type TestApp, startTestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ database: 'pglite' });
}, 120_000);
afterAll(() => t?.close());

describe('autosave on the embedded database', () => {
  it('saves in one statement, then refuses once the parent has logged out', async () => {
    expect(t.deps.db.client.config.client).not.toBe('pg');
    const parent = await t.login(DEMO.parentA.email);
    const created = await parent.post('/api/dossiers', { code: '02' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await parent.post(`/api/dossiers/${id}/notice`)).status).toBe(200);

    const seen: string[] = [];
    const listener = (q: { sql: string }) => {
      if (!/\boutbox\b/.test(q.sql)) seen.push(q.sql); // the outbox worker polls meanwhile
    };
    t.deps.db.on('query', listener);
    const first = await parent.put(`/api/dossiers/${id}/answers`, { answers: { foyer: { telephoneDomicile: '04 68 96 12 01' } }, step: 1 });
    const second = await parent.put(`/api/dossiers/${id}/answers`, { answers: { foyer: { telephoneDomicile: '04 68 96 12 02' } }, step: 1, revision: first.body.revision });
    t.deps.db.off('query', listener);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(seen).toHaveLength(2);
    expect(second.body.revision).toBe(first.body.revision + 1);
    const row = await t.db('dossiers').where({ id }).first('answers', 'revision', 'step');
    expect(row).toMatchObject({ answers: { foyer: { telephoneDomicile: '04 68 96 12 02' } }, revision: second.body.revision, step: 1 });

    expect((await parent.post('/api/auth/logout')).status).toBe(204);
    const after = await parent.put(`/api/dossiers/${id}/answers`, { answers: { foyer: { telephoneDomicile: '04 68 96 12 03' } } });
    expect(after.status).toBe(401);
    expect(await t.db('dossiers').where({ id }).first('answers', 'revision')).toEqual({ answers: row.answers, revision: row.revision });
  });
});
