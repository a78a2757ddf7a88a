// Administrators author démarches as JSON over HTTP: drafts checked in context, publication
// without restart (dossiers keep their version), history and restore, import/export, a dry
// run that touches nothing, and untrusted definitions refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, databaseDigest, type TestApp, type TestClient } from '../helpers/app.js';
import { readDefinitionsFolder } from '../../engine/fs-loader.js';
import { compileSet, syncPublished } from '../../server/catalog/published.js';
import { DEFINITIONS_DIR } from '../helpers/definitions.js';

let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let parent: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login(DEMO.admin.email);
  agent = await t.login(DEMO.agent.email);
  parent = await t.login(DEMO.parentA.email);
});
afterAll(() => t?.close());

type Files = { procedure: any; schema: any; uischema: any; workflow?: any };

describe('écrire et publier une démarche', () => {
  let files: Files;
  let v1: string;
  let v2: string;
  let firstDossier: string;

  it('réservé aux administrateurs', async () => {
    expect((await agent.get('/api/admin/definitions')).status).toBe(403);
    expect((await parent.post('/api/admin/definitions/check', { files: {} })).status).toBe(403);
  });

  it('liste les démarches publiées depuis le dossier definitions/', async () => {
    const list = await admin.get('/api/admin/definitions');
    expect(list.status).toBe(200);
    expect(list.body.map((d: { code: string }) => d.code)).toEqual(['02', '03', '04', '05', '06', '07', '08', '09', '10', '11']);
    expect(list.body[2]).toMatchObject({ code: '04', current: { source: 'folder', publishedBy: null }, draft: null });
  });

  it('crée la démarche 12 depuis le modèle vierge : valide telle quelle', async () => {
    const created = await admin.post('/api/admin/definitions', { code: '12', title: 'Autorisation de sortie seul' });
    expect(created.status).toBe(201);
    expect((await admin.post('/api/admin/definitions', { code: '04', title: 'Doublon' })).status).toBe(409);
    const got = await admin.get('/api/admin/definitions/12');
    files = got.body.draft.files;
    expect(got.body.current).toBeNull();
    expect((await admin.post('/api/admin/definitions/check', { files })).body.issues).toEqual([]);
  });

  it('signale chaque problème à son fichier et son pointeur, et refuse de publier', async () => {
    const broken = structuredClone(files);
    broken.uischema.elements[0].elements[0].scope = '#/properties/enfant';
    broken.schema.properties.precisions.pattern = '^(a+)+$';
    const saved = await admin.put('/api/admin/definitions/12/draft', { files: broken });
    expect(saved.status).toBe(200);
    const where = saved.body.issues.map((i: { file: string; pointer: string; code: string }) => `${i.file}${i.pointer} ${i.code}`);
    expect(where).toEqual(expect.arrayContaining([
      '12-autorisation-de-sortie-seul/uischema.json#/elements/0/elements/0/scope UNKNOWN_SCOPE',
      '12-autorisation-de-sortie-seul/schema.json#/properties/precisions/pattern UNSAFE_PATTERN',
    ]));
    const refused = await admin.post('/api/admin/definitions/12/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DEFINITION_INVALID');
    expect(refused.body.error.details.length).toBe(where.length);
    expect((await parent.get('/api/procedures')).body.map((p: { code: string }) => p.code)).not.toContain('12');
  });

  it('un essai à blanc rejoue le workflow sans rien écrire', async () => {
    const before = await databaseDigest(t.db);
    const dry = await admin.post('/api/admin/definitions/dry-run', { files, answers: { precisions: 'Sortie seule à 16h30 le mardi.' } });
    expect(dry.status).toBe(200);
    expect(dry.body.steps).toEqual([
      expect.objectContaining({ event: 'SUBMIT', ok: true, status: 'submitted', mails: [expect.objectContaining({ template: 'submitted', subject: 'A/R de votre demande « Autorisation de sortie seul »' })] }),
      expect.objectContaining({ event: 'ACCEPT', ok: true, status: 'accepted', statusLabel: 'Acceptée', mails: [expect.objectContaining({ template: 'accepted' })] }),
    ]);
    const refused = await admin.post('/api/admin/definitions/dry-run', { files, answers: {} });
    expect(refused.body.steps[0]).toMatchObject({ event: 'SUBMIT', ok: false, refusal: { code: 'INVALID_DATA' } });
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('publie sans redémarrage : les parents la voient et la commencent aussitôt', async () => {
    await admin.put('/api/admin/definitions/12/draft', { files });
    const published = await admin.post('/api/admin/definitions/12/publish');
    expect(published.status).toBe(200);
    v1 = published.body.versionId;
    const offered = (await parent.get('/api/procedures')).body.find((p: { code: string }) => p.code === '12');
    expect(offered).toMatchObject({ title: 'Autorisation de sortie seul', available: true });
    const dossier = await parent.post('/api/dossiers', { code: '12' });
    expect(dossier.status).toBe(201);
    expect(dossier.body.definition.versionId).toBe(v1);
    firstDossier = dossier.body.id;
  });

  it('une nouvelle version sert les nouveaux dossiers ; les dossiers commencés gardent la leur', async () => {
    const next = structuredClone(files);
    next.schema.properties.heure = { type: 'string', title: 'Heure de sortie', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };
    next.uischema.elements[0].elements.push({ type: 'Control', scope: '#/properties/heure' });
    await admin.put('/api/admin/definitions/12/draft', { files: next });
    v2 = (await admin.post('/api/admin/definitions/12/publish')).body.versionId;
    expect(v2).not.toBe(v1);
    expect((await parent.get(`/api/dossiers/${firstDossier}`)).body.definition.versionId).toBe(v1);
    const saved = await parent.put(`/api/dossiers/${firstDossier}/answers`, { answers: { precisions: 'Le mardi' } });
    expect(saved.status).toBe(200);
    await parent.post(`/api/dossiers/${firstDossier}/abandon`);
    const fresh = await parent.post('/api/dossiers', { code: '12' });
    expect(fresh.body.definition.versionId).toBe(v2);
    const history = await admin.get('/api/admin/definitions/12/versions');
    expect(history.body.map((h: { versionId: string; current: boolean }) => [h.versionId, h.current])).toEqual([[v2, true], [v1, false]]);
    expect(history.body[0].publishedBy).toBe('Administrateur');
  });

  it('revient à une version publiée en la republiant', async () => {
    const restored = await admin.post(`/api/admin/definitions/12/versions/${v1}/restore`);
    expect(restored.body.versionId).toBe(v1);
    const history = (await admin.get('/api/admin/definitions/12/versions')).body;
    expect(history.map((h: { versionId: string; source: string }) => `${h.versionId}:${h.source}`)).toEqual([`${v1}:restore`, `${v2}:admin`, `${v1}:admin`]);
    expect((await parent.post('/api/dossiers', { code: '12' })).body.definition.versionId).toBe(v1);
  });

  it('exporte en un fichier ; importe en refusant précisément ce qui ne va pas', async () => {
    const exported = await admin.get('/api/admin/definitions/12/export');
    expect(exported.headers.get('content-disposition')).toContain('demarche-12.json');
    expect(exported.body).toMatchObject({ format: 'portail-famille/demarche', formatVersion: 1, code: '12', versionId: v1 });
    const wrongFormat = await admin.post('/api/admin/definitions/import', { document: { format: 'autre', files: {} } });
    expect(wrongFormat.status).toBe(400);
    const document = structuredClone(exported.body);
    document.code = '12';
    document.files.procedure.code = '12';
    document.files.procedure.title = 'Démarche importée';
    document.files.uischema.elements[0].elements.push({ type: 'Justificatif', key: 'attestation' });
    const broken = await admin.post('/api/admin/definitions/import', { document });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_JUSTIFICATIF', pointer: '#/elements/0/elements/1/key' }));
    document.files.uischema.elements[0].elements.pop();
    const imported = await admin.post('/api/admin/definitions/import', { document });
    expect(imported.body).toEqual({ code: '12', issues: [] });
    expect((await admin.get('/api/admin/definitions/12')).body.draft.files.procedure.title).toBe('Démarche importée');
  });

  it('refuse une définition trop grosse ou trop profonde', async () => {
    const deep = structuredClone(files);
    let node: Record<string, unknown> = {};
    deep.uischema.options = node;
    for (let i = 0; i < 45; i++) node = (node.a = {}) as Record<string, unknown>;
    expect((await admin.post('/api/admin/definitions/check', { files: deep })).body.issues[0]).toMatchObject({ code: 'TOO_DEEP' });
    const large = structuredClone(files);
    large.procedure.summary = 'x'.repeat(600 * 1024);
    expect((await admin.post('/api/admin/definitions/check', { files: large })).body.issues[0]).toMatchObject({ code: 'TOO_LARGE' });
    expect((await admin.post('/api/admin/definitions/check', { files: { ...files, procedure: 'x'.repeat(1100 * 1024) } })).status).toBe(413);
  });

  it('au redémarrage, les publications des administrateurs restent en vigueur', async () => {
    const folderSet = await readDefinitionsFolder(DEFINITIONS_DIR);
    const catalog = await syncPublished(t.db, folderSet, compileSet(folderSet));
    expect(catalog.byCode.get('12')?.versionId).toBe(v1);
    expect(catalog.procedures).toHaveLength(11);
  });
});
