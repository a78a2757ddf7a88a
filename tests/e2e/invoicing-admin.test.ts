// The agents' billing pages in real Chromium at 360 px: Facturation (launch a month, the
// progress ends with the invoices issued, the run listed), Factures (filter by month and
// family), an invoice's detail (lines), its cancellation with a reason and a confirmation
// (the credit note is announced and linked). Axe on every page; no sideways scroll.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type TestApp } from '../helpers/app.js';
import { watchProblems, expectUsablePage, screenshotsOnFailure } from '../helpers/e2e.js';
import { type Browser } from '../helpers/browser.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { id } from '../../server/demo/data.js';

const NOW = new Date('2026-12-05T09:00:00Z');
let office: BackOffice | undefined;
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  office = await startBackOffice({ clock: { now: () => NOW } }, { width: 360, height: 800 });
  ({ t, browser } = office);
  for (const date of ['2026-11-02', '2026-11-03']) {
    await t.db('reservations').insert({ family_id: DEMO.parentA.familyId, child_id: id('e1'), activity_id: id('a1'), date, status: 'booked', price_cents: 280 })
      .onConflict(['child_id', 'activity_id', 'date']).merge({ status: 'booked', price_cents: 280 });
  }
}, 300_000);
afterEach((ctx) => screenshotsOnFailure(ctx, browser, 'invoicing-admin'));
afterAll(() => office?.close());

describe('facturation (espace agents)', () => {
  it('launches November, follows it to the end, finds the invoice and cancels it with a credit note', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel(/adresse mail/i).fill(DEMO.agent.email);
    await page.getByLabel(/mot de passe/i).fill(DEMO.password);
    await page.getByRole('button', { name: /se connecter/i }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).not.toMatch(/^Connexion/);

    await page.goto(`${t.url}/admin/facturation`);
    await page.getByRole('heading', { level: 1, name: 'Facturation mensuelle' }).waitFor();
    await expectUsablePage(page, 'Facturation');
    const month = page.getByLabel('Mois à facturer');
    await month.fill('2027-01');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    await expect.poll(() => month.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByText('Ce mois n’est pas encore commencé').count()).toBeGreaterThan(0);
    await month.fill('2026-11');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Facturation de novembre 2026 terminée' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/1 facture\(s\) émise\(s\) pour 5,60\s€/);
    const runs = page.getByRole('region', { name: 'Dernières facturations' });
    await expect.poll(() => runs.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await expectUsablePage(page, 'Facturation terminée');

    await page.goto(`${t.url}/admin/factures`);
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await page.getByLabel('Mois facturé').fill('2026-11');
    await page.getByLabel('Famille ou numéro').fill('mart');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('1 facture(s) trouvée(s).').waitFor();
    await expectUsablePage(page, 'Factures');
    const row = page.getByRole('row').filter({ hasText: 'MARTIN' });
    const number = (await row.getByRole('link').textContent())!;
    expect(number).toMatch(/^F2026-\d{6}$/);
    await row.getByRole('link').click();

    await page.getByRole('heading', { level: 1, name: `Facture ${number}` }).waitFor();
    const lines = page.getByRole('region', { name: 'Lignes de la facture ' + number });
    await expect.poll(() => lines.getByRole('row').count(), { timeout: 10_000 }).toBe(3);
    await expectUsablePage(page, 'Détail de la facture');
    await page.getByRole('button', { name: 'Annuler la facture (avoir)' }).click();
    expect(await page.getByLabel(/Motif de l’annulation/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/Motif de l’annulation/).fill('Repas facturés par erreur');
    await page.getByRole('button', { name: 'Annuler la facture (avoir)' }).click();
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    const done = page.getByRole('status').filter({ hasText: `Facture ${number} annulée par l’avoir` });
    await done.waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^A2026-\d{6}$/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Annuler la facture (avoir)' }).count()).toBe(0);
    await expectUsablePage(page, 'Facture annulée');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
