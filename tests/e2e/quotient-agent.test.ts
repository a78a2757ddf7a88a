// The agent's quotient panel on a dossier's review page (dist/admin at /admin/), in Chromium:
// the family's quotient in force, then a correction from the tax notice's income (the server
// applies the CAF formula), a refused entry named at its field, no serious axe violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type TestApp, type TestClient } from '../helpers/app.js';
import { watchProblems } from '../helpers/e2e.js';
import { seriousViolations, type Browser } from '../helpers/browser.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { submitAddressChange } from '../helpers/dossiers.js';

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

describe('quotient familial dans l’espace agents', () => {
  it('l’agent voit le quotient de la famille et le corrige depuis les revenus', async () => {
    const dossier = await submitAddressChange(parent, '3 rue du Quotient');
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchProblems(page);
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel(/adresse mail/i).fill(DEMO.agent.email);
    await page.getByLabel(/mot de passe/i).fill(DEMO.password);
    await page.getByRole('button', { name: /se connecter/i }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).not.toMatch(/^Connexion/);
    await page.goto(`${t.url}/admin/dossiers/${dossier.id}`);
    const panel = page.getByRole('region', { name: 'Quotient familial de la famille' });
    await panel.getByText(/650,00/).first().waitFor();

    // Income without the number of children: refused, said at the field, nothing recorded.
    await panel.getByLabel(/revenu fiscal de référence/i).fill('24000');
    await panel.getByLabel(/Motif/).fill('Avis d’imposition 2026 vu au guichet');
    await panel.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await panel.getByRole('alert').or(panel.getByRole('status')).getByText(/nombre d’enfants/i).first().waitFor();
    await expect.poll(() => panel.getByLabel(/Nombre d’enfants/).getAttribute('aria-invalid')).toBe('true');

    await panel.getByLabel(/Nombre d’enfants/).fill('2');
    await panel.getByRole('button', { name: 'Enregistrer le quotient' }).click();
    await panel.getByText('Quotient enregistré.').waitFor();
    await panel.getByText(/666,67/).first().waitFor();
    const violations = await seriousViolations(page);
    expect(violations).toEqual([]);
    const row = await t.db('family_quotients').where({ family_id: DEMO.parentA.familyId, source: 'agent' }).first('value', 'parts', 'recorded_by');
    expect(row).toMatchObject({ value: '666.67', recorded_by: DEMO.agent.userId });
    expect(Number(row.parts)).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
