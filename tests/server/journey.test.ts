// A family from an empty account to an accepted enrolment (09) and direct debit (07), over
// HTTP with a real database: 02 then 06 (prerequisites), 08 (the school opens its
// activities), 09, 07 — checking the household after each acceptance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { PDF, upload } from '../helpers/dossiers.js';
import { hashPassword } from '../../server/auth/passwords.js';

let t: TestApp;
let parent: TestClient;
let agent: TestClient;
let familyId: string;
let childId: string;

beforeAll(async () => {
  t = await startTestApp();
  const [family] = await t.db('families').insert({ name: 'NOUVEL', email: 'jeanne.nouvel@example.fr' }).returning('id');
  familyId = family.id;
  await t.db('users').insert({ role: 'parent', family_id: familyId, email: 'jeanne.nouvel@example.fr', display_name: 'Jeanne NOUVEL', password_hash: await hashPassword(DEMO.password) });
  parent = await t.login('jeanne.nouvel@example.fr');
  agent = await t.login(DEMO.agent.email);
});
afterAll(() => t?.close());

function ok<T extends { status: number; text: string }>(res: T, what: string): T {
  if (res.status >= 300) throw new Error(`${what} : ${res.status} ${res.text}`);
  return res;
}

/** Starts a démarche, fills it, attaches proofs, submits it, and has the agent accept it. */
async function complete(code: string, answers: (dossier: any) => Promise<Record<string, unknown>> | Record<string, unknown>, proofs: string[] = [], childId?: string) {
  const created = ok(await parent.post('/api/dossiers', { code, ...(childId && { childId }) }), `démarrer ${code}`);
  const id = created.body.id as string;
  ok(await parent.post(`/api/dossiers/${id}/notice`), 'mentions légales');
  ok(await parent.put(`/api/dossiers/${id}/answers`, { answers: await answers(created.body) }), `réponses ${code}`);
  for (const key of proofs) ok(await upload(parent, `/api/dossiers/${id}/attachments/${key}`, [{ name: `${key}.pdf`, data: PDF }]), `pièce ${key}`);
  ok(await parent.post(`/api/dossiers/${id}/submit`), `envoi ${code}`);
  const review = ok(await agent.get(`/api/agent/dossiers/${id}`), 'revue');
  ok(await agent.post(`/api/agent/dossiers/${id}/decision`, { action: 'ACCEPT', revision: review.body.revision }), `acceptation ${code}`);
  return { id, review: review.body };
}

const options = (schema: any) => (schema.oneOf ?? schema.items?.oneOf ?? []) as { const: string; title: string }[];

describe('parcours d’une famille, du compte vide à l’inscription et au prélèvement', () => {
  it('au départ, les démarches 07 à 10 sont verrouillées : faire d’abord 02', async () => {
    const list = (await parent.get('/api/procedures')).body as { code: string; available: boolean; lock: { doFirst: string; message: string } | null }[];
    expect(list.find((p) => p.code === '02')).toMatchObject({ available: true });
    for (const code of ['07']) expect(list.find((p) => p.code === code)).toMatchObject({ available: false, lock: { doFirst: '02' } });
    // No child yet: a child démarche points to the one that declares children.
    expect(list.find((p) => p.code === '06')).toMatchObject({ available: false, lock: { message: expect.stringContaining('Aucun enfant'), doFirst: '02' } });
    const refused = await parent.post('/api/dossiers', { code: '07' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PREREQUISITE_NOT_MET');
  });

  it('02 : le parent déclare son foyer ; acceptée, la famille a son responsable et son enfant', async () => {
    await complete('02', (d) => {
      expect(d.answers).toMatchObject({ responsables: [], enfants: [] });
      return {
        responsables: [{ civilite: 'Madame', nom: 'NOUVEL', prenom: 'Jeanne', dateNaissance: '1987-02-11', lien: 'mere', courriel: 'jeanne.nouvel@example.fr', telephonePortable: '06 11 22 33 44', garde: 'conjointe' }],
        enfants: [{ nom: 'NOUVEL', prenom: 'Inès', dateNaissance: '2018-04-09', sexe: 'F' }],
        foyer: { telephoneDomicile: '01 23 45 67 00' },
      };
    });
    const family = (await parent.get('/api/family')).body;
    expect(family.guardians).toEqual([expect.objectContaining({ firstName: 'Jeanne', lastName: 'NOUVEL', relation: 'mere' })]);
    expect(family.children).toEqual([expect.objectContaining({ firstName: 'Inès', birthDate: '2018-04-09' })]);
    expect(family.homePhone).toBe('01 23 45 67 00');
    childId = family.children[0].id;
  });

  it('06 : la fiche sanitaire d’Inès, chiffrée en base, et chaque lecture d’agent tracée', async () => {
    const lockedBefore = (await parent.get('/api/procedures')).body.find((p: { code: string }) => p.code === '08');
    expect(lockedBefore.children[0]).toMatchObject({ available: false, lock: { doFirst: '06' } });
    const { id } = await complete('06', () => ({
      medecin: { nom: 'Dr Anne Puig', telephone: '04 68 05 11 22' },
      vaccination: { situation: 'aJour' },
      vaccins: [{ vaccin: 'dtp', date: '2018-07-03' }, { vaccin: 'ror', date: '2019-05-10' }],
      allergies: [{ type: 'alimentaire', precisions: 'Arachide : éviction stricte.' }],
      pai: { existe: false }, regime: 'sansPorc', traitement: { enCours: false },
    }), ['carnetVaccination'], childId);
    const row = await t.db('children').where({ id: childId }).first('health_encrypted');
    expect(row.health_encrypted).toBeTruthy();
    expect(row.health_encrypted).not.toContain('Arachide');
    const stored = await t.db('dossiers').where({ id }).first('answers', 'answers_encrypted');
    expect(JSON.stringify(stored.answers)).not.toContain('Arachide');
    expect(stored.answers_encrypted).not.toContain('Arachide');
    const audit = await t.db('audit_log').where({ action: 'health.read', subject_id: id });
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0].actor_id).toBe(DEMO.agent.userId);
  });

  it('08 : l’école et la classe choisies dans les listes de la commune', async () => {
    await complete('08', async (d) => {
      const schools = options(d.definition.schema.properties.ecole);
      expect(schools.length).toBeGreaterThan(0);
      const school = schools.find((s) => /Jules Ferry/.test(s.title))!;
      const saved = ok(await parent.put(`/api/dossiers/${d.id}/answers`, { answers: { ecole: school.const } }), 'école');
      const classes = options(saved.body.schema.properties.classe);
      expect(classes.map((c) => c.title)).toEqual(expect.arrayContaining(['CE2']));
      return { ecole: school.const, classe: classes.find((c) => c.title === 'CE2')!.const, horsSecteur: false };
    }, [], childId);
    const child = (await parent.get('/api/family')).body.children[0];
    expect(child.schooling).toMatchObject({ className: 'CE2', level: 'elementaire' });
  });

  it('09 : inscription à la restauration scolaire — une inscription, pas une réservation', async () => {
    await complete('09', (d) => {
      const activities = options(d.definition.schema.properties.activites);
      const canteen = activities.find((a) => /Restauration/.test(a.title));
      expect(canteen).toBeTruthy();
      return { activites: [canteen!.const], autorisations: { sorties: true, droitImage: false, departSeul: false } };
    }, [], childId);
    const enrolments = await t.db('enrolments').where({ family_id: familyId, child_id: childId });
    expect(enrolments).toHaveLength(1);
    expect(await t.db('reservations').where({ family_id: familyId })).toHaveLength(0);
    const family = (await parent.get('/api/family')).body;
    expect(family.enrolments).toEqual([expect.objectContaining({ childId, activityName: 'Restauration scolaire' })]);
    const confirmation = (await parent.get('/api/inbox')).body.items.find((m: { body: string }) => /planning/i.test(m.body));
    expect(confirmation).toBeTruthy();
  });

  it('07 : adhésion au prélèvement ; un mandat SEPA avec son RUM, l’IBAN chiffré et masqué', async () => {
    const { id } = await complete('07', () => ({
      titulaire: 'Jeanne Nouvel',
      adresseTitulaire: { rue: '5 rue du Lavoir', codePostal: '77100', commune: 'Villebourg' },
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      perimetre: 'toutes',
      autorisation: true,
    }), ['rib']);
    const mandate = await t.db('mandates').where({ family_id: familyId }).first();
    expect(mandate).toMatchObject({ iban_last4: '0189', status: 'active' });
    expect(mandate.rum).toMatch(/^RUM-/);
    expect(mandate.iban_encrypted).not.toContain('3000');
    expect((await t.db('families').where({ id: familyId }).first('direct_debit')).direct_debit).toBe(true);
    const seen = (await parent.get(`/api/dossiers/${id}`)).body;
    expect(JSON.stringify(seen.answers)).not.toContain('3000 6000');
    const dossierRow = await t.db('dossiers').where({ id }).first('answers', 'answers_encrypted');
    expect(JSON.stringify(dossierRow)).not.toContain('3000 6000');
  });
});
