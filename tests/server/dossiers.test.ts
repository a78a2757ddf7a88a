// A parent's démarche over HTTP with a real database and real SMTP: start (prefilled),
// autosave, per-step check, justificatifs (typed from content, size-limited), submission
// (idempotent), and the household changed only once an agent accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, databaseDigest, type TestApp, type TestClient } from '../helpers/app.js';
import { applyEvent } from '../../server/dossiers/service.js';
import { PDF, upload } from '../helpers/dossiers.js';

let t: TestApp;
let parent: TestClient;
let other: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  parent = await t.login(DEMO.parentA.email);
  other = await t.login(DEMO.parentB.email);
});
afterAll(() => t?.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(200, 1), Buffer.from([0xff, 0xd9])]);
const ADDRESS = { rue: '8 chemin des Vignes', codePostal: '77100', commune: 'Villebourg' };

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`attendu : ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('une démarche de bout en bout (04, changement d’adresse)', () => {
  let id: string;
  let fileId: string;

  it('liste les démarches ; démarre 04 avec l’adresse actuelle pré-remplie', async () => {
    const list = await parent.get('/api/procedures');
    expect(list.status).toBe(200);
    expect(list.body.find((p: { code: string }) => p.code === '04')).toMatchObject({ title: "Je déclare mon changement d'adresse", available: true, lock: null });
    const res = await parent.post('/api/dossiers', { code: '04' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft', editable: true, noticeConfirmed: false, resumeStep: 0,
      answers: { ancienneAdresse: { rue: '12 rue des Lilas', codePostal: '77100', commune: 'Villebourg' } },
      definition: { code: '04', steps: [{ label: 'Nouvelle adresse' }, { label: 'Justificatif' }] },
    });
    expect(res.body.number).toMatch(/^\d{4}-\d{6}$/);
    id = res.body.id;
  });

  it('refuse un champ inconnu ou d’un mauvais type sans rien changer', async () => {
    const before = await databaseDigest(t.db);
    const res = await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: { rue: 12 }, piege: true } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_DATA');
    expect(res.body.error.details.map((d: { instancePath: string }) => d.instancePath)).toEqual(expect.arrayContaining(['/nouvelleAdresse/rue', '']));
    const massAssign = await parent.put(`/api/dossiers/${id}/answers`, { answers: {}, status: 'accepted' });
    expect(massAssign.status).toBe(400);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('enregistre un brouillon incomplet, et Suivant ne vérifie que l’étape', async () => {
    const save = await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: { rue: '8 ch' } }, step: 0 });
    expect(save.status).toBe(200);
    // With the revision it last saw, an autosave applies once; replayed, it is a conflict.
    const next = await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: { rue: '8 chemin' } }, step: 0, revision: save.body.revision });
    expect(next.body.revision).toBe(save.body.revision + 1);
    expect((await parent.put(`/api/dossiers/${id}/answers`, { answers: {}, revision: save.body.revision })).status).toBe(409);
    expect((await other.put(`/api/dossiers/${id}/answers`, { answers: {}, revision: next.body.revision })).status).toBe(404);
    expect((await parent.get(`/api/dossiers/${id}`)).body.answers.nouvelleAdresse.rue).toBe('8 chemin');
    const check = await parent.post(`/api/dossiers/${id}/steps/0/check`);
    expect(check.status).toBe(200);
    const paths = check.body.errors.map((e: { instancePath: string; params: { missingProperty?: string } }) => e.params.missingProperty ? `${e.instancePath}/${e.params.missingProperty}` : e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/nouvelleAdresse/codePostal', '/nouvelleAdresse/commune', '/dateEmmenagement']));
    expect(check.body.missingJustificatifs).toEqual([]);
    const second = await parent.post(`/api/dossiers/${id}/steps/1/check`);
    expect(second.body).toEqual({ errors: [], missingJustificatifs: [{ key: 'justificatifDomicile', label: 'Justificatif de domicile de moins de 3 mois' }] });
  });

  it('refuse d’envoyer sans les mentions légales, puis sans justificatif', async () => {
    const notice = await parent.post(`/api/dossiers/${id}/submit`);
    expect(notice.status).toBe(409);
    expect(notice.body.error.code).toBe('NOTICE_NOT_CONFIRMED');
    expect((await parent.post(`/api/dossiers/${id}/notice`)).body.noticeConfirmed).toBe(true);
    await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: ADDRESS, dateEmmenagement: '2026-11-02' }, step: 1 });
    const missing = await parent.post(`/api/dossiers/${id}/submit`);
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'JUSTIFICATIF_MISSING', message: expect.stringContaining('Justificatif de domicile') });
  });

  it('refuse un faux PDF, un fichier vide, un nom dangereux et un fichier de 3 Mo + 1 octet, sans rien stocker', async () => {
    const before = await databaseDigest(t.db);
    const path = `/api/dossiers/${id}/attachments/justificatifDomicile`;
    const html = await upload(parent, path, [{ name: 'facture.jpg', data: Buffer.from('<html><script>alert(1)</script></html>'), type: 'image/jpeg' }]);
    expect(html.status).toBe(415);
    expect(html.body.error.message).toMatch(/n'est pas un PDF ou un JPEG/);
    const empty = await upload(parent, path, [{ name: 'vide.pdf', data: Buffer.alloc(0) }]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/vide/);
    const traversal = await upload(parent, path, [{ name: '../../etc/passwd.pdf', data: PDF }]);
    expect(traversal.status).toBe(400);
    const control = await upload(parent, path, [{ name: 'fact\u0007ure.pdf', data: PDF }]);
    expect(control.status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const tooBig = await upload(parent, path, [{ name: 'gros.pdf', data: big }]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/3 Mo/);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('accepte un PDF et un JPEG, servis seulement à la famille, en téléchargement sûr', async () => {
    const path = `/api/dossiers/${id}/attachments/justificatifDomicile`;
    const exact = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024 - PDF.length, 0x20)]);
    const res = await upload(parent, path, [{ name: 'Facture électricité.pdf', data: exact }, { name: 'quittance.jpg', data: JPEG, type: 'image/jpeg' }]);
    expect(res.status).toBe(200);
    const files = res.body.attachments.justificatifDomicile;
    expect(files.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([['Facture électricité.pdf', 'application/pdf'], ['quittance.jpg', 'image/jpeg']]);
    fileId = files[0].id;
    const download = await parent.get(`/api/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Facture electricite.pdf"; filename\*=UTF-8''Facture%20%C3%A9lectricit%C3%A9.pdf$/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.text.length).toBe(exact.length);
    expect((await other.get(`/api/files/${fileId}`)).status).toBe(404);
    expect((await other.get(`/api/dossiers/${id}`)).status).toBe(404);
    const removed = await parent.delete(`/api/dossiers/${id}/attachments/justificatifDomicile/${files[1].id}`);
    expect(removed.body.attachments.justificatifDomicile).toHaveLength(1);
    expect(removed.body.revision).toBe(res.body.revision + 1);
    const stale = await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: ADDRESS, dateEmmenagement: '2026-11-02' }, revision: res.body.revision });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('un double clic sur Envoyer donne un seul envoi et un seul accusé de réception', async () => {
    const headers = { 'Idempotency-Key': 'clic-envoyer-0001' };
    const [a, b] = await Promise.all([parent.post(`/api/dossiers/${id}/submit`, undefined, headers), parent.post(`/api/dossiers/${id}/submit`, undefined, headers)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(a.body.status).toBe('submitted');
    const acks = await t.db('outbox').where({ family_id: DEMO.parentA.familyId, template: 'submitted' });
    expect(acks).toHaveLength(1);
    expect(acks[0].subject).toBe("A/R de votre demande de changement d'adresse");
    expect(acks[0].body).toContain(a.body.number);
    const mail = await waitFor(() => t.smtp.mails.find((m) => m.subject.startsWith('A/R de votre demande')), 'le mail A/R');
    expect(mail.to).toContain('claire.martin@example.fr');
  });

  it('un dossier envoyé ne se modifie plus ; la famille le suit dans ses listes', async () => {
    expect((await parent.put(`/api/dossiers/${id}/answers`, { answers: {} })).body.error.code).toBe('NOT_EDITABLE');
    expect((await parent.delete(`/api/dossiers/${id}/attachments/justificatifDomicile/${fileId}`)).body.error.code).toBe('NOT_EDITABLE');
    const lists = await parent.get('/api/dossiers');
    expect(lists.body.processed.find((d: { id: string }) => d.id === id)).toMatchObject({ code: '04', statusLabel: "En cours d'instruction" });
    const family = await parent.get('/api/family');
    expect(family.body.address.street).toBe('12 rue des Lilas');
  });

  it('l’acceptation par un agent met à jour le foyer et envoie la confirmation', async () => {
    await applyEvent(t.deps, { id: DEMO.agent.userId, role: 'agent', familyId: null }, id, { type: 'ACCEPT' });
    const family = await parent.get('/api/family');
    expect(family.body.address).toMatchObject({ street: '8 chemin des Vignes', postalCode: '77100', city: 'Villebourg' });
    const inbox = await parent.get('/api/inbox');
    expect(inbox.body.items.map((m: { subject: string }) => m.subject)).toEqual(expect.arrayContaining(["A/R de votre demande de changement d'adresse", "Confirmation de votre changement d'adresse"]));
    const history = await t.db('dossier_events').where({ dossier_id: id }).orderBy('id').pluck('type');
    expect(history).toEqual(expect.arrayContaining(['START', 'ATTACH', 'DETACH', 'SUBMIT', 'ACCEPT']));
    await waitFor(() => t.smtp.mails.find((m) => m.subject === "Confirmation de votre changement d'adresse"), 'le mail de confirmation');
  });
});
