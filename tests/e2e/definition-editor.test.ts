// The administrators' definition editor in real Chromium (dist/admin at /admin/): an
// administrator creates démarche 12 « Autorisation de sortie seul » (which child, from which
// time, a signed statement as a PDF proof, agent review) from the blank template, writes its
// files in the code editor (a wrong scope is shown at its line with the CLI's message, a label
// holding <img onerror> stays text), fills the live preview, plays it as a dry run, looks at the
// workflow, publishes; then a parent (over HTTP) starts and submits it and an agent accepts it —
// with no server restart and no code change. Every page visited has no serious or critical
// accessibility violation, and at 360 px the editor and the preview stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { watchProblems } from '../helpers/e2e.js';
import { launchBrowser, seriousViolations, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { PDF, upload } from '../helpers/dossiers.js';
import { mountFrontEnds } from '../../server/http/static.js';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer', 'admin']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app) });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const TITLE = 'Autorisation de sortie seul';

const procedure = {
  code: '12',
  title: TITLE,
  summary: 'Autorisez votre enfant à quitter seul une activité périscolaire à partir d’une heure donnée.',
  category: 'Périscolaire',
  legalNotice: {
    title: 'Informations légales',
    paragraphs: [
      'Cette démarche autorise votre enfant à quitter seul l’activité à partir de l’heure que vous indiquez.',
      'Une attestation sur l’honneur signée est obligatoire, au format PDF, 3 Mo au plus. Un agent vérifie votre demande.',
    ],
    confirmationLabel: "J'ai pris connaissance de ces informations et je certifie l'exactitude des renseignements fournis.",
  },
  subject: 'child',
  availability: { frequency: 'unlimited' },
  justificatifs: [
    { key: 'attestationSignee', label: 'Attestation sur l’honneur signée', required: true, accept: ['application/pdf'], maxSize: 3145728 },
  ],
  notifications: {
    submitted: { subject: 'A/R de votre autorisation de sortie seul', body: 'Bonjour,\n\nNous avons bien reçu l’autorisation de sortie seul de {{child.firstName}} à partir de {{answers.heureSortie}} (N° de traitement {{dossier.number}}).\n\nLe service Enfance' },
    accepted: { subject: 'Autorisation de sortie seul acceptée', body: 'Bonjour,\n\n{{child.firstName}} pourra quitter seul l’activité « {{answers.activite}} » à partir de {{answers.heureSortie}}.\n\nLe service Enfance' },
    rejected: { subject: 'Autorisation de sortie seul rejetée', body: 'Bonjour,\n\nVotre demande n’a pas pu être acceptée :\n\n{{reason}}\n\nLe service Enfance' },
    correction: { subject: 'Autorisation de sortie seul à compléter', body: 'Bonjour,\n\n{{reason}}\n\nLe service Enfance' },
  },
  review: 'agent',
};

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['activite', 'heureSortie', 'engagement'],
  properties: {
    activite: { type: 'string', title: 'Activité concernée', minLength: 2, maxLength: 120 },
    heureSortie: { type: 'string', title: 'Heure à partir de laquelle il peut partir seul (HH:MM)', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    engagement: { type: 'boolean', const: true, title: 'J’autorise mon enfant à quitter seul l’activité à partir de cette heure' },
  },
};

const uischema = (extra: object[] = [], scope = '#/properties/heureSortie') => ({
  type: 'Categorization',
  elements: [
    {
      type: 'Category',
      label: 'Sortie',
      elements: [
        ...extra,
        { type: 'Control', scope: '#/properties/activite' },
        { type: 'Control', scope },
        { type: 'Control', scope: '#/properties/engagement' },
      ],
    },
    { type: 'Category', label: 'Attestation signée', elements: [{ type: 'Justificatif', key: 'attestationSignee' }] },
  ],
});

/** Collects what the browser refused or failed to run: CSP violations, page errors. */
async function expectAccessible(page: Page, where: string) {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
}

// The preview holds the parents' wizard, whose own h1 (aria-level 3 there) comes after the page's.
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 }).first();
const checks = (page: Page) => page.getByRole('status').filter({ hasText: /problème|Vérification|syntaxe/ });

/** Replaces the whole text of one file in the code editor, as a paste would. */
async function setFile(page: Page, name: string, value: unknown) {
  await page.getByRole('tab', { name: new RegExp(`^${name}\\.json`) }).click();
  const box = page.getByRole('textbox', { name: `${name}.json` });
  await box.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(JSON.stringify(value, null, 2));
}

describe('l’éditeur de démarches dans Chromium', () => {
  it('un administrateur crée, prévisualise et publie la démarche 12 ; un parent l’envoie, un agent l’accepte', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);

    // Sign in; "Démarches" is in the menu of an administrator.
    await page.goto(`${t.url}/admin/connexion`);
    await heading1(page).waitFor();
    await page.getByLabel(/adresse mail/i).fill(DEMO.admin.email);
    await page.getByLabel(/mot de passe/i).fill(DEMO.password);
    await page.getByRole('button', { name: /se connecter/i }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Démarches' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Démarches');
    const list = page.getByRole('region', { name: 'Liste des démarches' });
    await expect.poll(() => list.textContent()).toContain('Je déclare mon changement d\'adresse');
    expect(await list.textContent()).not.toContain(TITLE);
    await expectAccessible(page, 'liste des démarches');

    // A new démarche from the blank template: a draft, valid as it is.
    await page.getByLabel(/^Numéro/).fill('12');
    await page.getByLabel(/^Titre/).fill(TITLE);
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Démarche 12 — ${TITLE}`);
    await expect.poll(() => checks(page).textContent(), { timeout: 15_000 }).toContain('Aucun problème détecté');
    expect(await page.getByRole('tab', { name: 'procedure.json' }).getAttribute('aria-selected')).toBe('true');
    await expectAccessible(page, 'éditeur, modèle vierge');

    // Its files, written in the editor. A scope naming no field is shown at its line with the
    // engine's message; a label holding markup stays text in the preview.
    await setFile(page, 'procedure', procedure);
    await setFile(page, 'schema', schema);
    const hostile = { type: 'Label', text: 'Attention <img src=x onerror="window.__pwned=1"> !' };
    await setFile(page, 'uischema', uischema([hostile], '#/properties/heure'));
    await expect.poll(() => checks(page).textContent(), { timeout: 15_000 }).toContain('1 problème détecté');
    const issues = page.getByRole('list', { name: 'Problèmes de la définition' });
    expect(await issues.textContent()).toMatch(/12-autorisation-de-sortie-seul\/uischema\.json#\/elements\/0\/elements\/2\/scope: .*heure.*\[UNKNOWN_SCOPE\]/);
    expect(await page.getByRole('tab', { name: 'uischema.json, 1 problème' }).count()).toBe(1);
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await issues.getByRole('button', { name: /Ligne \d+ de uischema\.json/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    const selected = await page.evaluate(() => window.getSelection()?.toString());
    expect(selected).toContain('#/properties/heure');
    const preview = page.getByRole('tabpanel', { name: 'Aperçu' });
    await expect.poll(() => preview.textContent()).toContain(TITLE);
    // The wizard's own h1 sits under the page's headings in the preview.
    await expect.poll(() => preview.locator('h1').getAttribute('aria-level')).toBe('3');
    await setFile(page, 'uischema', uischema([hostile]));
    await expect.poll(() => checks(page).textContent(), { timeout: 15_000 }).toContain('Aucun problème détecté');

    // The preview is the parents' wizard: notice, the step, the justificatif, the summary.
    await preview.getByLabel(/J'ai pris connaissance/).check();
    await preview.getByRole('button', { name: 'Suivant' }).click();
    await preview.getByRole('heading', { name: 'Sortie', exact: true }).waitFor();
    expect(await preview.textContent()).toContain('Attention <img src=x onerror="window.__pwned=1"> !');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await preview.locator('img[onerror]').count()).toBe(0);
    await preview.getByRole('button', { name: 'Suivant' }).click();
    await expect.poll(() => preview.getByRole('alert').first().textContent()).toMatch(/obligatoire/);
    await preview.getByLabel(/Activité concernée/).fill('Accueil du soir');
    await preview.getByLabel(/Heure à partir de laquelle/).fill('16:30');
    await preview.getByLabel(/J’autorise mon enfant/).check();
    await preview.getByRole('button', { name: 'Suivant' }).click();
    await preview.getByRole('heading', { name: 'Attestation signée', exact: true }).waitFor();
    await preview.locator('input[type=file]').setInputFiles({ name: 'attestation.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => preview.textContent()).toContain('attestation.pdf');
    await expectAccessible(page, 'aperçu, étape du justificatif');
    await preview.getByRole('button', { name: 'Suivant' }).click();
    await preview.getByRole('heading', { name: 'Récapitulatif', exact: true }).waitFor();
    await preview.getByRole('button', { name: 'Envoyer ma démarche' }).click();

    // "Envoyer" is a dry run: each event with its status, effects and mails, nothing stored.
    const dryRun = page.getByRole('tabpanel', { name: 'Essai à blanc' });
    await expect.poll(() => dryRun.textContent(), { timeout: 15_000 }).toContain('ACCEPT — accepté');
    const played = (await dryRun.textContent()) ?? '';
    expect(played).toContain('SUBMIT — accepté ; statut : En cours d\'instruction (submitted)');
    expect(played).toContain('Objet : A/R de votre autorisation de sortie seul');
    expect(played).toContain('à partir de 16:30');
    expect(played).toContain('Objet : Autorisation de sortie seul acceptée');
    expect(played).toContain('quitter seul l’activité « Accueil du soir »');
    await expectAccessible(page, 'essai à blanc');
    expect(((await t.client().get('/api/procedures')).status)).toBe(401);

    // The workflow (the shared "standard" one) as a picture and as a list of transitions.
    await page.getByRole('tab', { name: 'Schéma du workflow' }).click();
    const workflow = page.getByRole('tabpanel', { name: 'Schéma du workflow' });
    await workflow.getByRole('img', { name: /Schéma des états et transitions/ }).waitFor();
    expect(await workflow.textContent()).toContain('Workflow partagé « standard »');
    expect(await workflow.getByRole('listitem').allTextContents()).toContain('Brouillon (draft) — SUBMIT → En cours d\'instruction (submitted) ; condition : canSubmit ; actions : notify submitted');
    await expectAccessible(page, 'schéma du workflow');

    // Publish: announced, and the history shows who published it.
    await page.getByRole('button', { name: 'Publier' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Démarche publiée' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Versions' }).click();
    const versions = page.getByRole('list', { name: /Versions publiées/ });
    await expect.poll(() => versions.textContent(), { timeout: 15_000 }).toMatch(/Publiée le .* par Administrateur.*En ligne/);
    await expectAccessible(page, 'versions');

    // At 360 px the editor and the preview stack, with no horizontal scrolling of the page.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const editorBox = (await page.getByRole('region', { name: 'Fichiers de la démarche' }).boundingBox())!;
    const sideBox = (await page.getByRole('region', { name: 'Aperçu et essais' }).boundingBox())!;
    expect(sideBox.y).toBeGreaterThanOrEqual(editorBox.y + editorBox.height);
    await expectAccessible(page, 'éditeur à 360 px');
    expect(problems).toEqual([]);
    await page.close();

    // A parent sees démarche 12 at once (no restart), for one of the children, and submits it.
    const parent = await t.login(DEMO.parentA.email);
    const offered = ((await parent.get('/api/procedures')).body as { code: string; title: string; children?: { id: string; firstName: string; available: boolean }[] }[]).find((p) => p.code === '12');
    expect(offered).toMatchObject({ title: TITLE });
    const child = offered!.children!.find((c) => c.available)!;
    const created = await parent.post('/api/dossiers', { code: '12', childId: child.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await parent.post(`/api/dossiers/${id}/notice`)).status).toBe(200);
    expect((await parent.put(`/api/dossiers/${id}/answers`, { answers: { activite: 'Accueil du soir', heureSortie: '16:45', engagement: true }, step: 1 })).status).toBe(200);
    expect((await upload(parent, `/api/dossiers/${id}/attachments/attestationSignee`, [{ name: 'attestation.pdf', data: PDF }])).status).toBe(200);
    const sent = await parent.post(`/api/dossiers/${id}/submit`, undefined, { 'Idempotency-Key': crypto.randomUUID() });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('submitted');

    // An agent accepts it; the family is told.
    const agent = await t.login(DEMO.agent.email);
    const review = await agent.get(`/api/agent/dossiers/${id}`);
    expect(review.body).toMatchObject({ code: '12', title: TITLE, child: { id: child.id } });
    expect((await agent.post(`/api/agent/dossiers/${id}/take`)).status).toBe(200);
    const decided = await agent.post(`/api/agent/dossiers/${id}/decision`, { action: 'ACCEPT', revision: review.body.revision });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('accepted');
    await expect
      .poll(async () => ((await parent.get('/api/inbox')).body.items as { subject: string; body: string }[]).map((m) => m.subject), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['A/R de votre autorisation de sortie seul', 'Autorisation de sortie seul acceptée']));
    const inbox = (await parent.get('/api/inbox')).body.items as { subject: string; body: string }[];
    expect(inbox.find((m) => m.subject === 'Autorisation de sortie seul acceptée')?.body).toContain(`${child.firstName} pourra quitter seul l’activité « Accueil du soir » à partir de 16:45.`);
  }, 180_000);

  it('historique : différences par pointeur, restauration, export puis import refusé précisément ou accepté', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/admin/demarches/12`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Démarche 12 — ${TITLE}`);

    // Tab leaves the code editor (keyboard users are not trapped in it).
    await page.getByRole('textbox', { name: 'procedure.json' }).click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(false);

    // A second version: one title changed.
    await setFile(page, 'schema', { ...schema, properties: { ...schema.properties, activite: { ...schema.properties.activite, title: 'Activité périscolaire concernée' } } });
    await expect.poll(() => checks(page).textContent(), { timeout: 15_000 }).toContain('Aucun problème détecté');
    await page.getByRole('button', { name: 'Publier' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Démarche publiée' }).count(), { timeout: 15_000 }).toBe(1);
    const parent = await t.login(DEMO.parentA.email);
    expect((await parent.get('/api/procedures/12')).body.schema.properties.activite.title).toBe('Activité périscolaire concernée');

    await page.getByRole('tab', { name: 'Versions' }).click();
    const versions = page.getByRole('list', { name: /Versions publiées/ });
    await expect.poll(() => versions.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    await versions.getByRole('button', { name: /^Différences/ }).first().click();
    const diff = page.getByRole('table', { name: /comparée à celle du/ });
    await diff.waitFor();
    const rows = await diff.getByRole('row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^schema\.json#\/properties\/activite\/titleModification"Activité concernée""Activité périscolaire concernée"$/);
    await expectAccessible(page, 'différences entre versions');

    // Restore the first version: it is what parents start from again.
    page.once('dialog', (d) => void d.accept());
    await versions.getByRole('button', { name: /^Restaurer/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'de nouveau en ligne' }).count(), { timeout: 15_000 }).toBe(1);
    expect((await parent.get('/api/procedures/12')).body.schema.properties.activite.title).toBe('Activité concernée');
    await expect.poll(() => versions.textContent()).toContain('(restauration)');

    // Export: one JSON file, downloaded.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Exporter la version en ligne/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('demarche-12.json');
    const exported = JSON.parse(await new Response(await file.createReadStream() as unknown as ReadableStream).text());
    expect(exported).toMatchObject({ format: 'portail-famille/demarche', formatVersion: 1, code: '12' });
    expect(exported.files.schema.properties.activite.title).toBe('Activité concernée');

    // Import it as a new démarche 13: refused with the engine's issue while a scope points nowhere, then accepted.
    await page.getByRole('link', { name: /Toutes les démarches/ }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Démarches');
    const as13 = structuredClone(exported);
    as13.code = '13';
    as13.files.procedure.code = '13';
    as13.files.procedure.title = 'Autorisation de sortie seul (copie)';
    const broken = structuredClone(as13);
    broken.files.uischema.elements[0].elements[2].scope = '#/properties/heure';
    const input = page.getByLabel('Fichier de démarche à importer');
    await input.setInputFiles({ name: 'demarche-13.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    const outcome = page.getByRole('region', { name: 'Importer une démarche' }).getByRole('status');
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('Import refusé');
    expect(await outcome.textContent()).toMatch(/13-[a-z-]+\/uischema\.json#\/elements\/0\/elements\/2\/scope: .*heure.*\[UNKNOWN_SCOPE\]/);
    await input.setInputFiles({ name: 'pas-du-json.json', mimeType: 'application/json', buffer: Buffer.from('{ oups') });
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('n’est pas un fichier JSON valide');
    await input.setInputFiles({ name: 'demarche-13.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(as13)) });
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('Démarche 13 importée comme brouillon');
    await expect.poll(() => page.getByRole('region', { name: 'Liste des démarches' }).textContent()).toContain('Autorisation de sortie seul (copie)');
    await expectAccessible(page, 'import');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

