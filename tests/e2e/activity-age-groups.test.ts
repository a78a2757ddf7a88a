// Capacity per age group in the back office, in real Chromium (dist/admin at /admin/): an
// administrator adds two age groups to an activity; overlapping ranges are refused with the
// server's French message at the field (database unchanged), corrected ranges are saved;
// no serious accessibility violation, and the form still fits 360 px.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ACTIVITIES } from '../../server/demo/data.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { DEMO, type TestApp } from '../helpers/app.js';
import { seriousViolations, type Browser } from '../helpers/browser.js';
import { watchProblems, screenshotsOnFailure } from '../helpers/e2e.js';

let office: BackOffice | undefined;
let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  office = await startBackOffice();
  ({ t, browser } = office);
}, 300_000);
afterAll(() => office?.close());
afterEach((ctx) => screenshotsOnFailure(ctx, browser, 'age-groups'));

const mercredi = ACTIVITIES[3];
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

describe('tranches d’âge dans Chromium', () => {
  it('un administrateur ajoute deux tranches d’âge ; un chevauchement est refusé au champ, puis corrigé', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel(/adresse mail/i).fill(DEMO.admin.email);
    await page.getByLabel(/mot de passe/i).fill(DEMO.password);
    await page.getByRole('button', { name: /se connecter/i }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');
    await page.goto(`${t.url}/admin/activites/${mercredi.id}`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Activité : ${mercredi.name}`);

    const add = page.getByRole('button', { name: 'Ajouter une tranche d’âge' });
    await add.click();
    await page.locator('#age-group-0-label').fill('Maternelle (3-5 ans)');
    await page.locator('#age-group-0-key').fill('maternelle');
    await page.locator('#age-group-0-minAgeMonths').fill('30');
    await page.locator('#age-group-0-maxAgeMonths').fill('71');
    await page.locator('#age-group-0-capacity').fill('24');
    await add.click();
    expect(await page.locator('#age-group-1-minAgeMonths').inputValue()).toBe('72');
    await page.locator('#age-group-1-label').fill('Élémentaire (6-11 ans)');
    await page.locator('#age-group-1-key').fill('elementaire');
    await page.locator('#age-group-1-minAgeMonths').fill('60');
    await page.locator('#age-group-1-maxAgeMonths').fill('143');
    await page.locator('#age-group-1-capacity').fill('36');
    expect({ violations: await seriousViolations(page) }).toEqual({ violations: [] });

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#age-group-1-minAgeMonths-helper-text').textContent(), { timeout: 10_000 })
      .toBe('Cette tranche d’âge (60 à 143 mois) chevauche la tranche n° 1 (30 à 71 mois).');
    expect(await page.getByText(/L’activité n’est pas enregistrée/).isVisible()).toBe(true);
    expect((await t.db('activities').where({ id: mercredi.id }).first()).age_groups).toBeNull();

    await page.locator('#age-group-1-minAgeMonths').fill('72');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining(`Activité « ${mercredi.name} » enregistrée.`));
    expect((await t.db('activities').where({ id: mercredi.id }).first()).age_groups).toEqual([
      { key: 'maternelle', label: 'Maternelle (3-5 ans)', minAgeMonths: 30, maxAgeMonths: 71, capacity: 24 },
      { key: 'elementaire', label: 'Élémentaire (6-11 ans)', minAgeMonths: 72, maxAgeMonths: 143, capacity: 36 },
    ]);

    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await expect.poll(() => page.locator('#age-group-1-key').inputValue(), { timeout: 15_000 }).toBe('elementaire');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
    await page.close();
  });
});
