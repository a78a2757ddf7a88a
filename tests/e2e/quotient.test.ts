// Mon Quotient and Mes tarifs in real Chromium at 360 px, with axe: the quotient computed live
// in démarche 11 (read-only), the quotient sheet with its formula, and the tariff grid with the
// family's band named in words (not by colour alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { signInParent, watchProblems, expectUsablePage } from '../helpers/e2e.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { mountFrontEnds } from '../../server/http/static.js';

const NOW = new Date('2026-10-01T08:00:00Z');
let t: TestApp;
let browser: Browser;
let api: TestClient;
let agent: TestClient;

beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  browser = await launchBrowser({ width: 360, height: 800, now: NOW });
  api = await t.login(DEMO.parentA.email);
  agent = await t.login(DEMO.agent.email);
  const version = await t.db('procedure_versions').where({ code: '02' }).first('version_id');
  await t.db('dossiers').insert({
    family_id: DEMO.parentA.familyId, procedure_code: '02', version_id: version.version_id, school_year: '2026-2027', status: 'accepted',
    answers: '{}', notice_confirmed: true, submitted_at: new Date('2026-09-10T09:00:00Z'), decided_at: new Date('2026-09-11T09:00:00Z'),
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const text = async (page: Page) => (await page.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');

describe('quotient familial et tarifs', () => {
  it('le quotient se calcule en direct dans la démarche, en lecture seule', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);
    const created = await api.post('/api/dossiers', { code: '11' });
    expect(created.status, created.text).toBe(201);
    await api.post(`/api/dossiers/${created.body.id}/notice`);
    await page.goto(`${t.url}/dossiers/${created.body.id}`);
    await page.getByRole('heading', { name: 'Revenus du foyer' }).first().waitFor();
    await page.getByLabel(/Revenu fiscal de référence/).fill('36000');
    await page.getByLabel(/Prestations familiales mensuelles/).fill('132.35');
    await page.getByRole('button', { name: 'Suivant' }).first().click();
    await page.getByRole('heading', { name: 'Calcul du quotient' }).first().waitFor();
    const parts = page.getByLabel(/Nombre de parts du foyer/);
    const quotient = page.getByLabel(/Quotient familial calculé/);
    await expect.poll(() => quotient.inputValue()).toMatch(/^1\s?044[.,]12$/);
    expect(await parts.inputValue()).toBe('3');
    expect(await quotient.isEditable()).toBe(false);
    await expectUsablePage(page, '11 — calcul du quotient');
    // The server recomputed the same value at autosave.
    await expect.poll(async () => (await api.get(`/api/dossiers/${created.body.id}`)).body.answers.quotient).toBe(1044.12);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('Mon Quotient montre le quotient, son calcul et sa validité ; Mes tarifs, la tranche de la famille', async () => {
    const recorded = await agent.post(`/api/agent/families/${DEMO.parentA.familyId}/quotient`, { annualIncome: 24_000, monthlyBenefits: 0, children: 2, validFrom: '2026-10-01', note: 'Avis d’imposition vérifié au guichet' });
    expect(recorded.status, recorded.text).toBe(201);
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);
    // Through the menu, as the manual tells it.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Mon Quotient' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon Quotient' }).waitFor();
    await page.getByText(/Quotient familial : 666,67/).waitFor();
    const sheet = await text(page);
    expect(sheet).toContain('(24 000,00 € ÷ 12 + 0,00 €) ÷ 3 = 666,67 €');
    expect(sheet).toContain('du 01/10/2026 au 31/08/2027');
    expect(sheet).toContain('Enregistré par le service Enfance');
    expect(await page.getByRole('link', { name: 'Je calcule mon quotient familial en ligne' }).count()).toBe(1);
    await expectUsablePage(page, 'Mon Quotient');

    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('link', { name: 'Mes tarifs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes tarifs' }).waitFor();
    const canteen = page.getByRole('table', { name: 'Restauration scolaire' });
    const mine = canteen.locator('tr[aria-current="true"]');
    await expect.poll(() => mine.count()).toBe(1);
    const row = (await mine.innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(row).toContain('de 500,01 € à 900,00 €');
    expect(row).toContain('Votre tranche');
    expect(row).toContain('2,80 €');
    await expectUsablePage(page, 'Mes tarifs');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
