// A démarche open in June for the next school year (10, the canteen flat rate, once per
// school year) counts its dossiers in the year they are for: one in June blocks another in
// September of the same (next) school year, and the choices offered are next year's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { id } from '../../server/demo/data.js';

const now = { at: new Date('2027-06-15T08:00:00Z') };
let t: TestApp;
let parent: TestClient;
let agent: TestClient;
const LEA = id('e1');

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now.at } });
  parent = await t.login(DEMO.parentA.email);
  agent = await t.login(DEMO.agent.email);
  // The family did its yearly 02 and Léa's 06 in the current school year (2026-2027).
  const accepted = { status: 'accepted', answers: '{}', notice_confirmed: true, submitted_at: new Date('2026-12-01T09:00:00Z'), decided_at: new Date('2026-12-02T09:00:00Z') };
  for (const [code, child] of [['02', null], ['06', LEA]] as const) {
    const version = await t.db('procedure_versions').where({ code }).first('version_id');
    await t.db('dossiers').insert({ family_id: DEMO.parentA.familyId, child_id: child, procedure_code: code, version_id: version.version_id, school_year: '2026-2027', ...accepted });
  }
});
afterAll(() => t?.close());

describe('forfait de restauration pour l’année suivante', () => {
  it('en juin, propose le restaurant de l’année 2027-2028 et compte le dossier pour elle', async () => {
    const created = await parent.post('/api/dossiers', { code: '10', childId: LEA });
    expect(created.status).toBe(201);
    const options = created.body.definition.schema.properties.restaurant.oneOf as { const: string; title: string }[];
    expect(options).toHaveLength(1);
    const id10 = created.body.id;
    await parent.post(`/api/dossiers/${id10}/notice`);
    expect((await parent.put(`/api/dossiers/${id10}/answers`, { answers: { restaurant: options[0].const, formule: 'quatreJours', engagement: true } })).status).toBe(200);
    expect((await parent.post(`/api/dossiers/${id10}/submit`)).status).toBe(200);
    const review = (await agent.get(`/api/agent/dossiers/${id10}`)).body;
    expect((await agent.post(`/api/agent/dossiers/${id10}/decision`, { action: 'ACCEPT', revision: review.revision })).status).toBe(200);
    expect((await t.db('dossiers').where({ id: id10 }).first('school_year')).school_year).toBe('2027-2028');
    const rate = await t.db('flat_rates').where({ child_id: LEA }).first();
    expect(rate).toMatchObject({ school_year: '2027-2028' });
  });

  it('une deuxième demande est refusée en juin comme à la rentrée de septembre', async () => {
    const again = await parent.post('/api/dossiers', { code: '10', childId: LEA });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOT_AVAILABLE');
    // September: the new school year has begun, 02 and 06 redone for it.
    now.at = new Date('2027-09-10T08:00:00Z');
    for (const [code, child] of [['02', null], ['06', LEA]] as const) {
      const version = await t.db('procedure_versions').where({ code }).first('version_id');
      await t.db('dossiers').insert({ family_id: DEMO.parentA.familyId, child_id: child, procedure_code: code, version_id: version.version_id, school_year: '2027-2028', status: 'accepted', answers: '{}', submitted_at: now.at, decided_at: now.at });
    }
    await t.db('schoolings').insert({ child_id: LEA, school_year: '2027-2028', school_id: id('s2'), class_name: 'CE2', level: 'elementaire' });
    const fresh = await t.login(DEMO.parentA.email);
    const september = await fresh.post('/api/dossiers', { code: '10', childId: LEA });
    expect(september.status).toBe(409);
    expect(september.body.error).toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringContaining('déjà été acceptée') });
  });
});
