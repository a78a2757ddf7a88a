// The N° de traitement: readable, unique, and still unique past the millionth dossier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, DEMO, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('numéro de traitement', () => {
  it('garde six chiffres au moins et ne tronque jamais au-delà du millionième', async () => {
    const version = await t.db('procedure_versions').where({ code: '04' }).first('version_id');
    const insert = async () => {
      const [row] = await t.db('dossiers').insert({ family_id: DEMO.parentA.familyId, procedure_code: '04', version_id: version.version_id, status: 'draft' }).returning('number');
      return row.number as string;
    };
    expect(await insert()).toMatch(/^\d{4}-\d{6}$/);
    await t.db.raw("SELECT setval('dossier_number_seq', 999999)");
    const millionth = await insert();
    const next = await insert();
    expect(millionth).toMatch(/^\d{4}-1000000$/);
    expect(next).toMatch(/^\d{4}-1000001$/);
  });
});
