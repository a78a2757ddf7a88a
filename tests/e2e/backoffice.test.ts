// The agents' back office in real Chromium (dist/admin at /admin/): an agent signs in,
// filters the change-of-address queue, opens a dossier, previews the proof and rejects it
// with a reason; the family (over HTTP) sees the reason, corrects and resubmits; the agent
// accepts; the household has the new address and the family's inbox the three mails. Every
// admin page visited has no serious or critical accessibility violation. Also: a decision
// that comes after a colleague's shows who decided; a proof Chromium cannot read does not take
// the focus from the agent typing a reason; take, internal note, targeted correction,
// release; keyset pages of a long queue; bulk acceptance reports per dossier (at 360 px); a
// parent is turned away; an administrator manages agents.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, type TestApp, type TestClient } from '../helpers/app.js';
import { watchProblems, screenshotsOnFailure } from '../helpers/e2e.js';
import { seriousViolations, type Browser } from '../helpers/browser.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { PDF, submitAddressChange, upload } from '../helpers/dossiers.js';

let office: BackOffice | undefined;
let t: TestApp;
let browser: Browser;
let parent: TestClient;
beforeAll(async () => {
  office = await startBackOffice();
  ({ t, browser } = office);
  parent = await t.login(DEMO.parentA.email);
}, 300_000);
afterAll(() => office?.close());
// A failed test leaves a picture of each page still open, to see what the agent saw.
afterEach((ctx) => screenshotsOnFailure(ctx, browser, 'backoffice'));

/** Collects what the browser refused or failed to run: CSP violations, page errors. */
/** Axe on the page as it stands; `where` names it in the failure. */
async function expectAccessible(page: Page, where: string) {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
  // axe scrolls while it checks and puts the scroll back afterwards: let the page settle so the
  // next click lands where Playwright aimed.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function signIn(page: Page, email: string) {
  await page.context().clearCookies();
  await page.goto(`${t.url}/admin/connexion`);
  await page.getByRole('heading', { level: 1, name: /Connexion à l’espace agents/ }).waitFor();
  await page.getByLabel(/adresse mail/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(DEMO.password);
  await page.getByRole('button', { name: /se connecter/i }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).not.toMatch(/^Connexion/);
}

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notice = (page: Page) => page.getByTestId('resultat-action');

describe('l’espace agents dans Chromium', () => {
  it('un agent rejette avec un motif, la famille corrige et renvoie, l’agent accepte', async () => {
    const dossier = await submitAddressChange(parent, '8 chemin des Vignes');
    const page = await browser.newPage();
    const problems = watchProblems(page);

    await page.goto(`${t.url}/admin/connexion`);
    await heading1(page).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expectAccessible(page, 'connexion');
    await signIn(page, DEMO.agent.email);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');
    expect(await page.title()).toMatch(/^Files de traitement — Espace agents/);

    // The queue of démarche 04, filtered by the form.
    await page.getByLabel('Démarche', { exact: true }).selectOption('04');
    await page.getByLabel('Nom de famille (début)').fill('mar');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => new URL(page.url()).search).toContain('code=04');
    const table = page.getByRole('table', { name: /Dossiers — page 1/ });
    // The unfiltered rows stay until the filtered ones arrive.
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => table.textContent()).toContain(dossier.number);
    expect(await table.textContent()).toContain('MARTIN');
    expect(await table.textContent()).toContain('Aujourd’hui');
    await expectAccessible(page, 'file 04 filtrée');

    // The dossier: the answers by the definition, what acceptance changes, the proof previewed.
    await page.getByRole('link', { name: `Ouvrir le dossier N° ${dossier.number}` }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Dossier N° ${dossier.number}`);
    const answers = page.getByRole('region', { name: 'Réponses de la famille' });
    await expect.poll(() => answers.textContent()).toContain('8 chemin des Vignes');
    expect(await answers.textContent()).toContain('Numéro et voie');
    const changes = page.getByRole('table', { name: /Modifications du dossier de la famille/ });
    expect(await changes.textContent()).toMatch(/Adresse du foyer › Numéro et voie.*12 rue des Lilas.*8 chemin des Vignes/);
    const preview = page.locator('iframe[title="Aperçu du document facture.pdf"]');
    await preview.waitFor();
    const src = (await preview.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/files\/[0-9a-f-]{36}\?inline=1$/);
    const proof = await page.request.get(`${t.url}${src}`);
    expect(proof.status()).toBe(200);
    expect(proof.headers()['content-type']).toBe('application/pdf');
    expect(proof.headers()['content-disposition']).toMatch(/^inline;/);
    expect(await page.getByRole('link', { name: /Télécharger : facture\.pdf/ }).getAttribute('href')).toBe(src.replace('?inline=1', ''));
    await expectAccessible(page, 'dossier');

    // Reject: the reason is mandatory.
    await page.getByRole('button', { name: 'Rejeter' }).click();
    const rejectDialog = page.getByRole('dialog', { name: 'Rejeter le dossier' });
    await rejectDialog.waitFor();
    await rejectDialog.getByRole('button', { name: 'Rejeter le dossier' }).click();
    await expect.poll(() => rejectDialog.textContent()).toContain('Le motif est obligatoire');
    await expectAccessible(page, 'dialogue de rejet');
    await rejectDialog.getByLabel(/Motif du rejet/).fill('Le justificatif date de plus de trois mois.');
    await rejectDialog.getByRole('button', { name: 'Rejeter le dossier' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toContain('Dossier rejeté');
    await expect.poll(() => page.getByRole('region', { name: 'Résumé' }).textContent()).toContain('Le justificatif date de plus de trois mois.');
    expect(await page.getByRole('region', { name: 'Historique' }).textContent()).toContain('Motif : Le justificatif date de plus de trois mois.');
    await expectAccessible(page, 'dossier rejeté');

    // The family sees the reason, sends a recent proof and resubmits.
    const mine = await parent.get('/api/dossiers');
    expect(mine.body.inProgress).toContainEqual(expect.objectContaining({ id: dossier.id, reason: 'Le justificatif date de plus de trois mois.' }));
    const attached = await upload(parent, `/api/dossiers/${dossier.id}/attachments/justificatifDomicile`, [{ name: 'facture-recente.pdf', data: PDF }]);
    expect(attached.status).toBe(200);
    expect((await parent.post(`/api/dossiers/${dossier.id}/submit`)).status).toBe(200);

    // The agent accepts the resubmitted dossier.
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Résumé' }).textContent(), { timeout: 15_000 }).toContain('En cours d');
    expect(await page.locator('iframe[title="Aperçu du document facture-recente.pdf"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Accepter' }).click();
    const acceptDialog = page.getByRole('dialog', { name: /Accepter le dossier/ });
    await acceptDialog.waitFor();
    await acceptDialog.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toContain('Dossier accepté');
    await expect.poll(() => page.getByRole('region', { name: 'Résumé' }).textContent()).toContain('Acceptée');
    await expectAccessible(page, 'dossier accepté');

    expect((await parent.get('/api/family')).body.address.street).toBe('8 chemin des Vignes');
    await expect
      .poll(async () => ((await parent.get('/api/inbox')).body.items as { subject: string }[]).map((m) => m.subject), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          "A/R de votre demande de changement d'adresse",
          "Votre demande de changement d'adresse a été rejetée",
          "Confirmation de votre changement d'adresse",
        ]),
      );
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('une décision prise après celle d’un collègue affiche « déjà traité par » et recharge', async () => {
    const dossier = await submitAddressChange(parent, '5 allée des Tilleuls');
    const page = await browser.newPage();
    await signIn(page, DEMO.agent.email);
    await heading1(page).waitFor();
    await page.goto(`${t.url}/admin/dossiers/${dossier.id}`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Dossier N° ${dossier.number}`);
    const admin = await t.login(DEMO.admin.email);
    expect((await admin.post(`/api/agent/dossiers/${dossier.id}/decision`, { action: 'ACCEPT' })).status).toBe(200);
    await page.getByRole('button', { name: 'Rejeter' }).click();
    await page.getByRole('dialog').getByLabel(/Motif du rejet/).fill('Pièce illisible.');
    await page.getByRole('dialog').getByRole('button', { name: 'Rejeter le dossier' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toMatch(/déjà été traité par Administrateur/);
    await expect.poll(() => page.getByRole('region', { name: 'Résumé' }).textContent()).toContain('Acceptée');
    expect(await page.getByRole('button', { name: 'Rejeter' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('un justificatif illisible ne prend pas le focus : le motif tapé pendant son chargement reste dans le champ', async () => {
    // The proof is the fixture PDF, which Chromium's viewer cannot read: its error box takes the
    // focus when it appears. The file is held until the agent is typing, then let through.
    const dossier = await submitAddressChange(parent, '9 rue du Lavoir');
    const page = await browser.newPage();
    await signIn(page, DEMO.agent.email);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let served = false;
    await page.route('**/api/files/**', async (route) => {
      await held;
      await route.continue();
      served = true;
    });
    // Counts the times the frame took the focus.
    await page.addInitScript(() => {
      const w = window as unknown as { frameTook: number };
      w.frameTook = 0;
      window.addEventListener('blur', () => document.activeElement?.tagName === 'IFRAME' && w.frameTook++);
    });
    await page.goto(`${t.url}/admin/dossiers/${dossier.id}`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Dossier N° ${dossier.number}`);
    await page.getByRole('button', { name: 'Rejeter' }).click();
    const reason = page.getByRole('dialog').getByLabel(/Motif du rejet/);
    await reason.click();
    await page.keyboard.type('Pièce');
    release();
    await expect.poll(() => served).toBe(true);
    // The viewer's error box comes up shortly after the document, and takes the focus.
    await expect.poll(() => page.evaluate(() => (window as unknown as { frameTook: number }).frameTook), { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(300);
    await page.keyboard.type(' illisible.');
    expect(await reason.inputValue()).toBe('Pièce illisible.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reject-reason');
    // The frame still takes the focus the agent gives it: by Tab, or with the pointer on it.
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const preview = page.locator('iframe[title="Aperçu du document facture.pdf"]');
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('title') ?? document.activeElement?.textContent);
    await page.mouse.move(0, 0);
    await page.getByRole('link', { name: 'Ouvrir dans un onglet : facture.pdf (nouvel onglet)' }).focus();
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(await active()).toBe('Aperçu du document facture.pdf');
    await page.getByRole('button', { name: 'Rejeter' }).focus();
    await preview.hover();
    await page.waitForTimeout(200);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await active()).toBe('Aperçu du document facture.pdf');
    await page.close();
  }, 120_000);

  it('prendre en charge, note interne, demande de correction ciblée (champs nommés par la définition), relâcher', async () => {
    const dossier = await submitAddressChange(parent, '6 rue des Écoles');
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, DEMO.agent.email);
    await page.goto(`${t.url}/admin/dossiers/${dossier.id}`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Dossier N° ${dossier.number}`);

    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toContain('Dossier pris en charge');
    await expect.poll(() => page.getByRole('region', { name: 'Résumé' }).textContent()).toMatch(/Pris en charge parMoi/);

    await page.getByLabel(/Note interne/).fill('Appeler la famille pour la date.');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Historique' }).textContent(), { timeout: 15_000 }).toContain('Appeler la famille pour la date.');
    expect((await parent.get(`/api/dossiers/${dossier.id}`)).text).not.toContain('Appeler la famille');

    await page.getByRole('link', { name: 'Pris en charge par moi' }).first().click();
    await expect.poll(() => heading1(page).textContent()).toBe('Pris en charge par moi');
    await expect.poll(() => page.getByRole('table', { name: /Mes dossiers/ }).textContent(), { timeout: 15_000 }).toContain(dossier.number);
    await expectAccessible(page, 'pris en charge par moi (bureau)');
    await page.getByRole('link', { name: `Ouvrir le dossier N° ${dossier.number}` }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Dossier N° ${dossier.number}`);

    await page.getByRole('button', { name: 'Demander une correction' }).click();
    const dialog = page.getByRole('dialog', { name: 'Demander une correction' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Envoyer la demande de correction' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Cochez au moins un champ');
    await dialog.getByRole('checkbox', { name: "Date d'emménagement" }).check();
    await dialog.getByRole('checkbox', { name: /Justificatif de domicile/ }).check();
    await dialog.getByLabel(/Message pour la famille/).fill('Précisez la date d’emménagement et joignez une facture récente.');
    await expectAccessible(page, 'dialogue de correction');
    await dialog.getByRole('button', { name: 'Envoyer la demande de correction' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toContain('Demande de correction envoyée');
    const history = page.getByRole('region', { name: 'Historique' });
    await expect.poll(() => history.textContent()).toContain("Champs à corriger : Date d'emménagement");
    expect(await history.textContent()).toContain('Pièces à fournir à nouveau : Justificatif de domicile');
    const seen = (await parent.get(`/api/dossiers/${dossier.id}`)).body;
    expect(seen.correction).toMatchObject({ fields: ['/dateEmmenagement'], justificatifs: ['justificatifDomicile'] });

    // Released: no longer in "Pris en charge par moi".
    await page.getByRole('button', { name: 'Relâcher' }).click();
    await expect.poll(() => notice(page).textContent(), { timeout: 15_000 }).toContain('remis dans la file');
    expect((await (await t.login(DEMO.agent.email)).get('/api/agent/dossiers?mine=true')).body.items).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('une longue file se parcourt page par page (curseurs), triée et filtrée par ancienneté', async () => {
    const template = await t.db('dossiers').whereNotNull('submitted_at').first();
    const base = Date.now() - 40 * 86_400_000;
    await t.db('dossiers').insert(
      Array.from({ length: 55 }, (_, i) => ({
        family_id: template.family_id, procedure_code: '04', version_id: template.version_id, status: 'submitted',
        answers: template.answers, notice_confirmed: true, submitted_at: new Date(base + i * 3_600_000),
      })),
    );
    const page = await browser.newPage();
    await signIn(page, DEMO.agent.email);
    await page.goto(`${t.url}/admin/?code=04&olderThanDays=30`);
    const rows = () => page.getByRole('table', { name: /Dossiers — page/ }).getByRole('row');
    await expect.poll(() => page.getByRole('table', { name: /Dossiers — page 1/ }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('table', { name: /Dossiers — page 1/ }).textContent()).toContain('en attente depuis plus de 30 jours');
    expect(await rows().count()).toBe(51);
    expect(await rows().nth(1).textContent()).toContain('40 jours');
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await expect.poll(() => page.getByRole('table', { name: /Dossiers — page 2/ }).count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().count()).toBe(6);
    expect(await page.getByRole('button', { name: 'Page suivante' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Page précédente' }).click();
    await expect.poll(() => page.getByRole('table', { name: /Dossiers — page 1/ }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Ordre').selectOption('newest');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.getByRole('table', { name: /les plus récents d’abord/ }).count(), { timeout: 15_000 }).toBe(1);
    // The caption follows the filter at once; the rows, when the new page arrives.
    await expect.poll(() => rows().nth(1).textContent(), { timeout: 15_000 }).toMatch(/3[78] jours/);
    await t.db('dossiers').whereNull('number').where({ procedure_code: '04' }).delete();
    await page.close();
  }, 120_000);

  it('acceptation en masse depuis la file, avec le résultat de chaque dossier — sur un téléphone (360 px)', async () => {
    const a = await submitAddressChange(parent, '2 rue A');
    const b = await submitAddressChange(parent, '3 rue B');
    const page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    const problems = watchProblems(page);
    await signIn(page, DEMO.agent.email);
    await heading1(page).waitFor();
    await page.goto(`${t.url}/admin/?code=04&order=newest`);
    await page.getByRole('table', { name: /Dossiers — page 1/ }).waitFor();
    for (const d of [a, b]) await page.getByRole('checkbox', { name: new RegExp(`Sélectionner le dossier N° ${d.number}`) }).check();
    // Meanwhile a colleague rejects b.
    const colleague = await t.login(DEMO.admin.email);
    expect((await colleague.post(`/api/agent/dossiers/${b.id}/decision`, { action: 'REJECT', reason: 'Pièce illisible.' })).status).toBe(200);
    await page.getByRole('button', { name: /Accepter la sélection \(2\)/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accepter' }).click();
    const results = page.getByRole('list', { name: 'Résultat par dossier' });
    await expect.poll(() => results.textContent(), { timeout: 15_000 }).toContain(`N° ${a.number} : accepté`);
    expect(await results.textContent()).toMatch(new RegExp(`N° ${b.number} : échec — Ce dossier a déjà été traité par Administrateur`));
    expect(await page.getByRole('status').filter({ hasText: '1 accepté, 1 en échec' }).count()).toBe(1);
    expect((await t.db('dossiers').where({ id: a.id }).first('status')).status).toBe('accepted');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'file sur téléphone');
    // The menu is a drawer on a phone.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: /Menu de l'espace agents/ }).getByRole('link', { name: 'Pris en charge par moi' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('Pris en charge par moi');
    await expectAccessible(page, 'pris en charge par moi');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('un parent qui se connecte ici apprend que l’espace est réservé aux agents', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.parentA.email);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Espace réservé au personnel de la commune');
    expect(await page.getByRole('alert').textContent()).toContain('réservé aux agents de la commune');
    expect(await page.getByRole('link', { name: 'Files de traitement' }).count()).toBe(0);
    await expectAccessible(page, 'accès réservé');
    await page.close();
  }, 120_000);

  it('un administrateur crée un agent et le désactive ; un agent ne voit pas la page Agents', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin.email);
    await heading1(page).waitFor();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agents' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Agents');
    await page.getByLabel(/Prénom et nom/).fill('Nadia ROUX');
    await page.getByLabel(/Adresse mail/).fill('nadia.roux@villebourg.fr');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Compte créé' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Désactiver le compte de Nadia ROUX' }).click();
    await expect.poll(() => page.getByRole('table', { name: /Comptes des agents/ }).getByRole('row', { name: /Nadia ROUX/ }).textContent()).toContain('Désactivé');
    await expectAccessible(page, 'agents');
    await page.close();

    const agentPage = await browser.newPage();
    await signIn(agentPage, DEMO.agent.email);
    await heading1(agentPage).waitFor();
    expect(await agentPage.getByRole('link', { name: 'Agents', exact: true }).count()).toBe(0);
    await agentPage.goto(`${t.url}/admin/agents`);
    await expect.poll(() => heading1(agentPage).textContent(), { timeout: 15_000 }).toBe('Page réservée aux administrateurs');
    await agentPage.close();
  }, 120_000);
});
