// A parent's démarche in real Chromium, through the generic wizard of the parents' app:
// legal notice, per-step validation with a focused error summary, a justificatif refused by
// the server then accepted, the summary, submission and its N° de traitement; and a draft
// that survives a closed tab and reopens on the step where the parent stopped; a dossier sent
// back by an agent, where only what the agent named can change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { watchProblems } from '../helpers/e2e.js';
import { launchBrowser, seriousViolations, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { submitAddressChange } from '../helpers/dossiers.js';
import { mountFrontEnds } from '../../server/http/static.js';

let t: TestApp;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'pf-e2e-files-'));
const pdf = join(files, 'quittance.pdf');
const fakePdf = join(files, 'faux.pdf');

beforeAll(async () => {
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  writeFileSync(fakePdf, 'Ceci est un simple texte, pas un PDF.\n');
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app) });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, email: string) {
  page.setDefaultTimeout(15_000);
  await page.goto(`${t.url}/connexion`);
  await page.getByLabel(/adresse mail/i).fill(email);
  await page.locator('input[type=password]').fill(DEMO.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
}

/** Focus a button and press Enter: the keyboard path a parent without a mouse takes. */
async function press(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).first().focus();
  await page.keyboard.press('Enter');
}

const activeInside = (page: Page, selector: string) => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

async function startAddressChange(page: Page) {
  await press(page, /^DÉBUT : démarche 04 /);
  await page.getByRole('heading', { level: 2, name: 'Informations légales' }).waitFor();
}

describe('une démarche dans le portail des parents', () => {
  it('04 de bout en bout : mentions légales, erreurs par étape, justificatif, récapitulatif, N° de traitement', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, DEMO.parentA.email);
    await startAddressChange(page);
    expect(await seriousViolations(page)).toEqual([]);

    // The notice must be confirmed: Suivant without it says so and focuses the checkbox.
    await press(page, 'Suivant');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('notice-confirmation');
    await expect.poll(() => page.getByText(/vous devez confirmer/i).count()).toBeGreaterThan(0);
    await page.keyboard.press('Space');
    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Nouvelle adresse' }).waitFor();

    // An empty step: the server's errors, in French, at the fields and in a focused summary.
    await press(page, 'Suivant');
    const summary = page.getByRole('alert').filter({ hasText: /obligatoire/ }).first();
    await summary.waitFor();
    await expect.poll(() => activeInside(page, '[role=alert]')).toBe(true);
    expect(await summary.textContent()).toMatch(/Date d'emménagement/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/Numéro et voie/).fill('3 place de la Mairie');
    await page.getByLabel(/Code postal/).fill('77100');
    await page.getByLabel(/^Commune/).fill('Villebourg');
    await page.getByRole('group', { name: /Date d'emménagement/ }).click();
    // At a person's pace: the date field re-renders between keystrokes typed in the same instant.
    await page.keyboard.type('01092026', { delay: 50 });
    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Justificatif' }).waitFor().catch(async (e) => {
      console.log('Page au moment de l’échec :', await page.locator('main').innerText());
      throw e;
    });

    // A required justificatif blocks the step, named in the message.
    await press(page, 'Suivant');
    await page.getByRole('alert').filter({ hasText: 'Justificatif de domicile de moins de 3 mois' }).waitFor();

    // The server checks the content: a text file named .pdf is refused with its French message.
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Parcourir/ }).click();
    await (await chooser).setFiles(fakePdf);
    const refusal = page.locator('[data-justificatif="justificatifDomicile"] [role=alert]');
    await refusal.waitFor();
    expect((await refusal.textContent())?.length).toBeGreaterThan(10);

    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Parcourir/ }).click();
    await (await chooser).setFiles(pdf);
    await page.getByRole('link', { name: 'Voir quittance.pdf' }).waitFor();
    expect(await page.getByRole('button', { name: 'Supprimer quittance.pdf' }).count()).toBe(1);

    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Récapitulatif' }).waitFor();
    await expect.poll(() => page.getByText('3 place de la Mairie').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await press(page, 'Envoyer ma démarche');
    const done = page.getByText(/N° de traitement/).first();
    await done.waitFor({ timeout: 15_000 });
    const number = (await page.locator('strong').filter({ hasText: /\d/ }).first().textContent())?.trim();
    expect(number).toMatch(/\d/);

    await press(page, 'Retour à Mon espace');
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Mes démarches traitées' }).getByText(number!, { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('un brouillon survit à un onglet fermé et reprend à l’étape quittée (téléphone, 360 px)', async () => {
    let page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, DEMO.parentB.email);
    await startAddressChange(page);
    await page.getByRole('checkbox').check();
    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Nouvelle adresse' }).waitFor();
    await page.getByLabel(/Numéro et voie/).fill('8 chemin des Écoliers');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Enregistré à \d\d:\d\d/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // Typed just before closing (the field hands its value over after 300 ms, the autosave
    // would wait longer): only the save sent while the page goes away can keep it.
    await page.getByLabel(/^Commune/).fill('Villebourg');
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close({ runBeforeUnload: true });

    page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    // CONTINUER is a link to the dossier.
    await page.getByRole('link', { name: /^CONTINUER : démarche 04 / }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Nouvelle adresse' }).waitFor();
    expect(await page.getByLabel(/Numéro et voie/).inputValue()).toBe('8 chemin des Écoliers');
    // The last-chance save may land just after the new page asked: look again until it shows.
    await expect
      .poll(async () => {
        const value = await page.getByLabel(/^Commune/).inputValue();
        if (value !== 'Villebourg') {
          await page.reload();
          await page.getByRole('heading', { level: 2, name: 'Nouvelle adresse' }).waitFor();
        }
        return value;
      }, { timeout: 10_000 })
      .toBe('Villebourg');
    await page.close();
  }, 120_000);

  it('un dossier renvoyé pour correction : message de l’agent, seul le champ demandé est modifiable, renvoi', async () => {
    const { id, number } = await submitAddressChange(await t.login(DEMO.parentA.email), '5 rue du Marché');
    const agent = await t.login(DEMO.agent.email);
    const message = 'Le code postal ne correspond pas à la commune.';
    expect((await agent.post(`/api/agent/dossiers/${id}/take`, {})).status).toBe(200);
    const decided = await agent.post(`/api/agent/dossiers/${id}/decision`, { action: 'REQUEST_CORRECTION', reason: message, message, fields: ['/nouvelleAdresse/codePostal'], justificatifs: [] });
    expect(decided.status, decided.text).toBe(200);

    const page = await browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, DEMO.parentA.email);
    const inProgress = page.getByRole('region', { name: /Mes démarches en cours/ });
    await expect.poll(() => inProgress.getByText(message).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.goto(`${t.url}/dossiers/${id}`);
    await page.getByRole('heading', { level: 2, name: 'Nouvelle adresse' }).waitFor();
    expect(await page.getByText(message).count()).toBeGreaterThan(0);
    expect(await page.getByLabel(/Numéro et voie/).isDisabled()).toBe(true);
    expect(await page.getByLabel(/Code postal/).isEnabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/Code postal/).fill('77110');
    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Justificatif' }).waitFor();
    // The justificatif was not named by the agent: it can be seen, not changed.
    expect(await page.getByRole('button', { name: /^Parcourir/ }).count()).toBe(0);
    await press(page, 'Suivant');
    await page.getByRole('heading', { level: 2, name: 'Récapitulatif' }).waitFor();
    await expect.poll(() => page.getByText('77110').count()).toBeGreaterThan(0);
    await press(page, 'Envoyer ma démarche');
    await page.getByText(/Votre démarche a bien été envoyée/).waitFor();
    expect(await page.locator('strong').filter({ hasText: number }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
