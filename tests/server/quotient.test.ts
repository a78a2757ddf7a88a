// Family quotient over HTTP: the parent declares it through démarche 11 (computed parts and
// quotient, a forged value ignored), an agent accepts, Mon Quotient shows it with its validity
// and proof, Mes tarifs picks the band; agents record or correct it (audited); families only
// ever see their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { PDF, upload } from '../helpers/dossiers.js';

const now = { at: new Date('2026-10-01T08:00:00Z') };
let t: TestApp;
let parent: TestClient;
let parentB: TestClient;
let agent: TestClient;

function ok<T extends { status: number; text: string }>(res: T, what: string): T {
  if (res.status >= 300) throw new Error(`${what} : ${res.status} ${res.text}`);
  return res;
}

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now.at } });
  parent = await t.login(DEMO.parentA.email);
  parentB = await t.login(DEMO.parentB.email);
  agent = await t.login(DEMO.agent.email);
  // The family's information (02) is up to date this school year: the quotient démarche opens.
  const version = await t.db('procedure_versions').where({ code: '02' }).first('version_id');
  await t.db('dossiers').insert({
    family_id: DEMO.parentA.familyId, procedure_code: '02', version_id: version.version_id, school_year: '2026-2027', status: 'accepted',
    answers: '{}', notice_confirmed: true, submitted_at: new Date('2026-09-10T09:00:00Z'), decided_at: new Date('2026-09-11T09:00:00Z'),
  });
});
afterAll(() => t?.close());

let dossierId: string;

describe('déclaration du quotient (démarche 11)', () => {
  it('avant toute déclaration, Mon Quotient montre le quotient de la CAF enregistré', async () => {
    const sheet = ok(await parent.get('/api/quotient'), 'Mon Quotient');
    expect(sheet.body.current).toMatchObject({ value: 650, source: 'caf' });
    expect(sheet.body.demarche).toEqual({ code: '11', title: 'Je calcule mon quotient familial en ligne' });
    expect(sheet.body.pending).toBeNull();
  });

  it('le dossier calcule les parts à partir des enfants du foyer et les montre en lecture seule', async () => {
    const created = ok(await parent.post('/api/dossiers', { code: '11' }), 'démarrer 11');
    dossierId = created.body.id;
    // Claire MARTIN has two children: 2 + 0.5 + 0.5 = 3 parts.
    expect(created.body.answers).toMatchObject({ foyer: { enfants: 2, parts: 3 }, prestations: 0 });
    const { definition } = created.body;
    expect(definition.schema.properties.quotient.readOnly).toBe(true);
    expect(definition.schema.properties.foyer.properties.parts.readOnly).toBe(true);
    expect(definition.schema.properties.revenus.readOnly).toBeUndefined();
    expect(definition.computed.fields.map((f: { answer: string }) => f.answer)).toEqual(['/foyer/enfants', '/foyer/parts', '/quotient']);
    expect(definition.computed.inputs.family.children).toHaveLength(2);
  });

  it('une valeur calculée falsifiée par le navigateur est recalculée par le serveur', async () => {
    ok(await parent.post(`/api/dossiers/${dossierId}/notice`), 'mentions légales');
    const forged = { revenus: 36_000, prestations: 132.35, foyer: { enfants: 7, parts: 9 }, quotient: 12, exactitude: true };
    ok(await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: forged, step: 2 }), 'réponses');
    const view = ok(await parent.get(`/api/dossiers/${dossierId}`), 'dossier');
    // (36000 ÷ 12 + 132.35) ÷ 3 = 1044.1166… → 1044.12
    expect(view.body.answers).toMatchObject({ foyer: { enfants: 2, parts: 3 }, quotient: 1044.12, revenus: 36_000 });
    // Again, once the server knows the dossier's version (the one-statement autosave path).
    ok(await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: { ...forged, revenus: 24_000 }, step: 2 }), 'réponses');
    const again = ok(await parent.get(`/api/dossiers/${dossierId}`), 'dossier');
    expect(again.body.answers).toMatchObject({ foyer: { enfants: 2, parts: 3 }, quotient: 710.78 });
    ok(await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: forged, step: 2, revision: again.body.revision }), 'réponses');
    expect(ok(await parent.get(`/api/dossiers/${dossierId}`), 'dossier').body.answers.quotient).toBe(1044.12);
  });

  it('sans justificatif la demande est refusée ; avec l’avis d’imposition elle part à l’agent', async () => {
    const missing = await parent.post(`/api/dossiers/${dossierId}/submit`);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('JUSTIFICATIF_MISSING');
    ok(await upload(parent, `/api/dossiers/${dossierId}/attachments/justificatif`, [{ name: 'avis-imposition-2026.pdf', data: PDF }]), 'justificatif');
    // A forged value sent just before submission changes nothing either.
    ok(await parent.put(`/api/dossiers/${dossierId}/answers`, { answers: { revenus: 36_000, prestations: 132.35, quotient: 3, exactitude: true } }), 'réponses');
    ok(await parent.post(`/api/dossiers/${dossierId}/submit`), 'envoi');
    const sheet = ok(await parent.get('/api/quotient'), 'Mon Quotient');
    expect(sheet.body.current.value).toBe(650); // not recorded before the agent's check
    expect(sheet.body.pending).toMatchObject({ id: dossierId, status: 'submitted' });
  });

  it('l’agent accepte : le quotient est enregistré avec sa validité, son calcul et son justificatif', async () => {
    const review = ok(await agent.get(`/api/agent/dossiers/${dossierId}`), 'revue');
    expect(review.body.answers ?? review.body.dossier?.answers).toMatchObject({ quotient: 1044.12 });
    ok(await agent.post(`/api/agent/dossiers/${dossierId}/decision`, { action: 'ACCEPT', revision: review.body.revision }), 'acceptation');
    const sheet = ok(await parent.get('/api/quotient'), 'Mon Quotient');
    expect(sheet.body.current).toMatchObject({
      value: 1044.12, source: 'declaration', annualIncome: 36_000, monthlyBenefits: 132.35, parts: 3, children: 2,
      validFrom: '2026-10-01', validTo: '2027-08-31', current: true,
      dossier: { id: dossierId, proofs: [{ name: 'avis-imposition-2026.pdf', type: 'application/pdf' }] },
    });
    expect(sheet.body.pending).toBeNull();
    expect(sheet.body.history[0].value).toBe(1044.12);
    expect(sheet.body.history.slice(1).every((q: { current: boolean; value: number }) => !q.current && q.value === 650)).toBe(true);
    // The proof opens for the parent.
    const proof = await parent.get(`/api/files/${sheet.body.current.dossier.proofs[0].id}`);
    expect(proof.status).toBe(200);
  });

  it('Mes tarifs : la tranche de la famille est celle de son quotient', async () => {
    const tariffs = ok(await parent.get('/api/tariffs'), 'Mes tarifs');
    expect(tariffs.body).toMatchObject({ schoolYear: '2026-2027', quotient: 1044.12 });
    const canteen = tariffs.body.activities.find((a: { code: string }) => a.code === 'CANTINE');
    // Canteen bands: 0–500, 500.01–900, 900.01–1400, 1400.01+ → the third band, 4,20 €.
    expect(canteen).toMatchObject({ enrolled: true, familyPrice: { unitPriceCents: 420, bandIndex: 2 } });
    expect(canteen.tariff.kind).toBe('bands');
    expect(canteen.tariff.bands).toHaveLength(4);
    expect(tariffs.body.activities[0].enrolled).toBe(true); // the children's activities first
  });
});

describe('sans quotient, la tranche la plus haute', () => {
  it('une famille sans quotient en vigueur paie le tarif le plus haut', async () => {
    await t.db('family_quotients').where({ family_id: DEMO.parentB.familyId }).update({ valid_to: '2026-09-30' });
    const sheet = ok(await parentB.get('/api/quotient'), 'Mon Quotient B');
    expect(sheet.body.current).toBeNull();
    expect(sheet.body.history).toHaveLength(1); // the expired one stays in the history
    const tariffs = ok(await parentB.get('/api/tariffs'), 'Mes tarifs B');
    expect(tariffs.body.quotient).toBeNull();
    const canteen = tariffs.body.activities.find((a: { code: string }) => a.code === 'CANTINE');
    expect(canteen.familyPrice).toEqual({ unitPriceCents: 560, bandIndex: 3 });
  });

  it('chaque famille ne voit que son propre quotient', async () => {
    const sheet = ok(await parentB.get('/api/quotient'), 'Mon Quotient B');
    expect(JSON.stringify(sheet.body)).not.toContain('1044.12');
    expect(JSON.stringify(sheet.body)).not.toContain(dossierId);
    expect((await parentB.get(`/api/agent/families/${DEMO.parentA.familyId}/quotient`)).status).toBe(403);
    expect((await parentB.post(`/api/agent/families/${DEMO.parentB.familyId}/quotient`, { value: 10, validFrom: '2026-10-01', note: 'moi-même' })).status).toBe(403);
  });
});

describe('enregistrement et correction par un agent', () => {
  const url = () => `/api/agent/families/${DEMO.parentA.familyId}/quotient`;

  it('l’agent voit la fiche de la famille, avec qui a enregistré quoi', async () => {
    const sheet = ok(await agent.get(url()), 'fiche agent');
    expect(sheet.body.current.value).toBe(1044.12);
    expect((await agent.get('/api/agent/families/00000000-0000-4000-8000-000000000000/quotient')).status).toBe(404);
    expect((await agent.get('/api/agent/families/pas-un-id/quotient')).status).toBe(404);
  });

  it('refuse une saisie incohérente sans rien enregistrer', async () => {
    const before = await t.db('family_quotients').count('* as n').first();
    const cases: [Record<string, unknown>, string][] = [
      [{ value: -5, validFrom: '2026-10-01', note: 'Attestation CAF' }, '/value'],
      [{ value: 500, validFrom: '2026-10-01' }, ''],
      [{ value: 500, validFrom: '01/10/2026', note: 'Attestation CAF' }, '/validFrom'],
      [{ value: 500, validFrom: '2026-10-01', validTo: '2026-09-01', note: 'Attestation CAF' }, '/validTo'],
      [{ annualIncome: 24_000, validFrom: '2026-10-01', note: 'Avis 2026' }, '/children'],
      [{ annualIncome: 24_000, children: 2, value: 900, validFrom: '2026-10-01', note: 'Avis 2026' }, '/value'],
      [{ validFrom: '2026-10-01', note: 'Rien' }, '/value'],
    ];
    for (const [body, path] of cases) {
      const res = await agent.post(url(), body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.error.message).toMatch(/[a-zé]/);
      if (path) expect(JSON.stringify(res.body.error.details), JSON.stringify(body)).toContain(path);
    }
    expect(await t.db('family_quotients').count('* as n').first()).toEqual(before);
  });

  it('une correction à venir ne change rien aujourd’hui ; une correction en vigueur remplace le quotient, auditée', async () => {
    const later = await agent.post(url(), { value: 480.5, validFrom: '2026-11-01', note: 'Attestation CAF de novembre' });
    expect(later.status).toBe(201);
    expect(later.body.current.value).toBe(1044.12);
    const fixed = await agent.post(url(), { annualIncome: 24_000, monthlyBenefits: 0, children: 2, validFrom: '2026-10-01', note: 'Erreur de saisie du revenu, avis vérifié au guichet' });
    expect(fixed.status).toBe(201);
    // 24000 ÷ 12 ÷ 3 = 666.666… → 666.67, computed by the formula, not typed.
    expect(fixed.body.current).toMatchObject({ value: 666.67, source: 'agent', parts: 3, children: 2, note: 'Erreur de saisie du revenu, avis vérifié au guichet', recordedBy: expect.any(String) });
    const audit = await t.db('audit_log').where({ action: 'quotient.record', family_id: DEMO.parentA.familyId }).select('actor_id', 'data');
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor_id === DEMO.agent.userId)).toBe(true);
    // The parent sees the correction, without the agent's name.
    const sheet = ok(await parent.get('/api/quotient'), 'Mon Quotient');
    expect(sheet.body.current).toMatchObject({ value: 666.67, recordedBy: null });
    const tariffs = ok(await parent.get('/api/tariffs'), 'Mes tarifs');
    expect(tariffs.body.activities.find((a: { code: string }) => a.code === 'CANTINE').familyPrice).toEqual({ unitPriceCents: 280, bandIndex: 1 });
    // In November both corrections cover the day: the latest recorded one wins.
    now.at = new Date('2026-11-02T08:00:00Z');
    const november = await t.login(DEMO.parentA.email);
    expect(ok(await november.get('/api/quotient'), 'Mon Quotient').body.current.value).toBe(666.67);
    now.at = new Date('2026-10-01T08:00:00Z');
  });
});
