// The agents' back office over HTTP: queues and filters, keyset pages, the review page,
// decisions (reject with a reason, targeted correction, accept), concurrent decisions,
// bulk acceptance, internal notes, and staff management by an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient, type TestResponse } from '../helpers/app.js';
import { submitAddressChange } from '../helpers/dossiers.js';
import { hashPassword } from '../../server/auth/passwords.js';

let t: TestApp;
let parent: TestClient;
let agent: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  parent = await t.login(DEMO.parentA.email);
  agent = await t.login(DEMO.agent.email);
  admin = await t.login(DEMO.admin.email);
});
afterAll(() => t?.close());

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`attendu : ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('files de traitement', () => {
  let dossier: { id: string; number: string };

  it('un parent n’atteint jamais le back office', async () => {
    expect((await parent.get('/api/agent/queues')).status).toBe(403);
    expect((await parent.get('/api/admin/staff')).status).toBe(403);
    expect((await agent.get('/api/admin/staff')).status).toBe(403);
  });

  it('compte les dossiers par démarche et statut, et filtre', async () => {
    dossier = await submitAddressChange(parent);
    const queues = await agent.get('/api/agent/queues');
    expect(queues.body.queues).toContainEqual(expect.objectContaining({ code: '04', status: 'submitted', statusLabel: "En cours d'instruction", count: 1 }));
    const byFamily = await agent.get('/api/agent/dossiers?family=mar');
    expect(byFamily.body.items.map((d: { id: string }) => d.id)).toEqual([dossier.id]);
    expect(byFamily.body.items[0]).toMatchObject({ number: dossier.number, familyName: 'MARTIN', ageDays: 0, assignedTo: null });
    expect((await agent.get('/api/agent/dossiers?family=zzz')).body.items).toEqual([]);
    expect((await agent.get(`/api/agent/dossiers?number=${dossier.number}`)).body.items).toHaveLength(1);
    expect((await agent.get('/api/agent/dossiers?code=02')).body.items).toEqual([]);
    expect((await agent.get('/api/agent/dossiers?olderThanDays=3')).body.items).toEqual([]);
    const bad = await agent.get('/api/agent/dossiers?olderThanDays=-1');
    expect(bad.status).toBe(400);
  });

  it('pagine par curseur, sans doublon ni trou, du plus ancien au plus récent', async () => {
    const template = await t.db('dossiers').where({ id: dossier.id }).first();
    const base = new Date('2026-09-01T08:00:00Z').getTime();
    const rows = Array.from({ length: 7 }, (_, i) => ({
      family_id: template.family_id, procedure_code: '04', version_id: template.version_id, status: 'submitted',
      answers: template.answers, notice_confirmed: true, submitted_at: new Date(base + (i % 3) * 3600_000),
    }));
    await t.db('dossiers').insert(rows);
    const seen: string[] = [];
    let after: string | null = '';
    let pages = 0;
    while (after !== null) {
      const res: TestResponse = await agent.get(`/api/agent/dossiers?code=04&limit=3${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      after = res.body.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);
    const ordered = await t.db('dossiers').where({ procedure_code: '04', status: 'submitted' }).orderBy([{ column: 'submitted_at' }, { column: 'id' }]).pluck('id');
    expect(seen).toEqual(ordered);
    expect((await agent.get('/api/agent/dossiers?olderThanDays=30')).body.items).toHaveLength(7);
    await t.db('dossiers').whereIn('id', ordered.filter((id: string) => id !== dossier.id)).delete();
  });

  it('la page du dossier montre les réponses, l’ancienne et la nouvelle adresse, les pièces et l’historique', async () => {
    const res = await agent.get(`/api/agent/dossiers/${dossier.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      number: dossier.number, status: 'submitted', family: { name: 'MARTIN' }, actions: ['ACCEPT', 'REJECT', 'REQUEST_CORRECTION'],
      answers: { nouvelleAdresse: { rue: '8 chemin des Vignes' } },
      attachments: [{ key: 'justificatifDomicile', files: [{ name: 'facture.pdf', type: 'application/pdf' }] }],
      definition: { code: '04', steps: [{ label: 'Nouvelle adresse' }, { label: 'Justificatif' }] },
    });
    expect(res.body.changes).toContainEqual({ record: 'family.address', kind: 'set', field: 'street', before: '12 rue des Lilas', after: '8 chemin des Vignes' });
    expect(res.body.history.map((h: { type: string }) => h.type)).toEqual(['START', 'ATTACH', 'SUBMIT']);
    const file = await agent.get(`/api/files/${res.body.attachments[0].files[0].id}?inline=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect((await admin.get(`/api/files/${res.body.attachments[0].files[0].id}`)).status).toBe(200);
  });

  it('prendre, relâcher ; une note interne reste interne', async () => {
    const taken = await agent.post(`/api/agent/dossiers/${dossier.id}/take`, {});
    expect(taken.body.assignedTo).toMatchObject({ id: DEMO.agent.userId });
    expect((await agent.get('/api/agent/dossiers?mine=true')).body.items.map((d: { id: string }) => d.id)).toEqual([dossier.id]);
    expect((await agent.post(`/api/agent/dossiers/${dossier.id}/notes`, { text: 'Appeler la famille pour la date.' })).status).toBe(204);
    const seenByParent = await parent.get(`/api/dossiers/${dossier.id}`);
    expect(seenByParent.text).not.toContain('Appeler la famille');
    expect((await agent.post(`/api/agent/dossiers/${dossier.id}/release`)).status).toBe(204);
  });

  it('rejet motivé → la famille voit le motif, corrige et renvoie ; correction ciblée ; acceptation', async () => {
    const noReason = await agent.post(`/api/agent/dossiers/${dossier.id}/decision`, { action: 'REJECT' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    const rejected = await agent.post(`/api/agent/dossiers/${dossier.id}/decision`, { action: 'REJECT', reason: 'Le justificatif date de plus de trois mois.' });
    expect(rejected.body.status).toBe('rejected');
    const mine = await parent.get('/api/dossiers');
    expect(mine.body.inProgress).toContainEqual(expect.objectContaining({ id: dossier.id, reason: 'Le justificatif date de plus de trois mois.' }));
    const view = await parent.get(`/api/dossiers/${dossier.id}`);
    const resend = await parent.post(`/api/dossiers/${dossier.id}/submit`);
    expect(resend.status).toBe(200);
    expect(view.body.editable).toBe(true);

    const correction = await agent.post(`/api/agent/dossiers/${dossier.id}/decision`, { action: 'REQUEST_CORRECTION', fields: ['/dateEmmenagement'], message: 'Précisez la date d’emménagement.' });
    expect(correction.body.status).toBe('correction_requested');
    const current = (await parent.get(`/api/dossiers/${dossier.id}`)).body;
    expect(current.correction).toMatchObject({ fields: ['/dateEmmenagement'] });
    const locked = await parent.put(`/api/dossiers/${dossier.id}/answers`, { answers: { ...current.answers, nouvelleAdresse: { ...current.answers.nouvelleAdresse, rue: 'ailleurs' } } });
    expect(locked.body.error.code).toBe('NOT_EDITABLE');
    expect((await parent.put(`/api/dossiers/${dossier.id}/answers`, { answers: { ...current.answers, dateEmmenagement: '2026-10-15' } })).status).toBe(200);
    expect((await parent.post(`/api/dossiers/${dossier.id}/submit`)).status).toBe(200);

    const accepted = await agent.post(`/api/agent/dossiers/${dossier.id}/decision`, { action: 'ACCEPT' });
    expect(accepted.body.status).toBe('accepted');
    expect((await parent.get('/api/family')).body.address.street).toBe('8 chemin des Vignes');
    const subjects = (await parent.get('/api/inbox')).body.items.map((m: { subject: string }) => m.subject);
    expect(subjects.filter((s: string) => s.startsWith('A/R'))).toHaveLength(3);
    expect(subjects).toEqual(expect.arrayContaining(["Votre demande de changement d'adresse a été rejetée", "Confirmation de votre changement d'adresse"]));
  });
});

describe('décisions concurrentes et en masse', () => {
  let second: TestClient;

  beforeAll(async () => {
    const created = await admin.post('/api/admin/staff', { email: 'agent2@villebourg.fr', displayName: 'Nadia ROUX', role: 'agent' });
    expect(created.status).toBe(200);
    await t.db('users').where({ id: created.body.id }).update({ password_hash: await hashPassword(DEMO.password) });
    second = await t.login('agent2@villebourg.fr');
  });

  it('50 décisions simultanées sur un dossier : une seule est enregistrée et envoyée', async () => {
    const { id, number } = await submitAddressChange(parent, '1 place de la Mairie');
    const revision = (await agent.get(`/api/agent/dossiers/${id}`)).body.revision;
    const calls = Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? second : agent).post(`/api/agent/dossiers/${id}/decision`, i % 3 ? { action: 'ACCEPT', revision } : { action: 'REJECT', reason: 'Pièce illisible.', revision }),
    );
    const results = await Promise.all(calls);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(49);
    expect(refused[0].body.error.code).toBe('ALREADY_DECIDED');
    expect(refused[0].body.error.message).toMatch(/déjà été traité par (Nadia ROUX|.+)/);
    const decisions = await t.db('dossier_events').where({ dossier_id: id }).whereIn('type', ['ACCEPT', 'REJECT']);
    expect(decisions).toHaveLength(1);
    const mails = await t.db('outbox').where({ family_id: DEMO.parentA.familyId }).whereIn('template', ['accepted', 'rejected']).where('body', 'like', `%${number}%`);
    expect(mails).toHaveLength(1);
  });

  it('acceptation en masse : chaque dossier à part, un échec ne défait pas les autres', async () => {
    const a = await submitAddressChange(parent, '2 rue A');
    const b = await submitAddressChange(parent, '3 rue B');
    const c = await submitAddressChange(parent, '4 rue C');
    await agent.post(`/api/agent/dossiers/${b.id}/decision`, { action: 'REJECT', reason: 'Pièce illisible.' });
    const bulk = await second.post('/api/agent/dossiers/bulk-accept', { ids: [a.id, b.id, c.id] });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ accepted: 2, failed: 1 });
    expect(bulk.body.results[1]).toMatchObject({ id: b.id, ok: false, error: { code: 'ALREADY_DECIDED' } });
    const statuses = await t.db('dossiers').whereIn('id', [a.id, b.id, c.id]).orderBy('submitted_at').pluck('status');
    expect(statuses).toEqual(['accepted', 'rejected', 'accepted']);
    expect((await parent.get('/api/family')).body.address.street).toBe('4 rue C');
  });
});

describe('comptes des agents', () => {
  it('un administrateur crée un agent (lien de première connexion) et le désactive : ses sessions prennent fin', async () => {
    const created = await admin.post('/api/admin/staff', { email: 'agent3@villebourg.fr', displayName: 'Marc LEROY', role: 'agent' });
    expect(created.status).toBe(200);
    await waitFor(() => t.smtp.mails.find((m) => m.to.includes('agent3@villebourg.fr')), 'le lien de première connexion');
    await t.db('users').where({ id: created.body.id }).update({ password_hash: await hashPassword(DEMO.password) });
    const third = await t.login('agent3@villebourg.fr');
    expect((await third.get('/api/agent/queues')).status).toBe(200);
    expect((await admin.post(`/api/admin/staff/${created.body.id}/disable`)).status).toBe(204);
    expect((await third.get('/api/agent/queues')).status).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: 'agent3@villebourg.fr', password: DEMO.password })).status).toBe(401);
    const staff = await admin.get('/api/admin/staff');
    expect(staff.body.find((s: { email: string }) => s.email === 'agent3@villebourg.fr')).toMatchObject({ disabled: true });
    const dup = await admin.post('/api/admin/staff', { email: 'AGENT3@villebourg.fr', displayName: 'Autre', role: 'agent' });
    expect(dup.status).toBe(409);
  });
});
