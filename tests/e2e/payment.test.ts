// Online payment in real Chromium: a parent opens Mes factures, clicks PAYER, pays on the
// simulated PayFiP page (a plain page, no script, under our CSP), comes back to the return
// page (« Paiement accepté ») and finds the invoice paid; a second invoice abandoned on the
// provider's page stays to pay. No CSP refusal or page error; no serious axe violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { signInParent, watchProblems } from '../helpers/e2e.js';
import { launchBrowser, seriousViolations, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { insertInvoice } from '../helpers/payments.js';
import { mountFrontEnds } from '../../server/http/static.js';

const NOW = new Date('2026-11-20T09:00:00Z');
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  browser = await launchBrowser({ width: 1280, height: 900 });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('paiement en ligne d’une facture', () => {
  it('PAYER → page PayFiP simulée → Payer → retour « Paiement accepté » → facture payée', async () => {
    const paid = await insertInvoice(t, DEMO.parentA.familyId, { total_cents: 2260 });
    const left = await insertInvoice(t, DEMO.parentA.familyId, { total_cents: 1480 });
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);

    await page.goto(`${t.url}/factures`);
    await page.getByRole('heading', { level: 1, name: 'Mes factures' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^PAYER la facture ${paid.number}`) }).click();

    await page.waitForURL(/\/payfip-simulateur\/paiement\?idop=/);
    await page.getByRole('heading', { level: 1, name: 'Paiement de votre facture' }).waitFor();
    expect(await page.locator('body').innerText()).toContain('22,60 €');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Numéro de carte').fill('4970 1000 0000 0000');
    await page.getByRole('button', { name: /^Payer 22,60/ }).click();

    await page.waitForURL(/\/paiement\/retour\?paiement=/);
    await page.getByText('Paiement accepté').waitFor();
    await page.getByRole('heading', { level: 2, name: `Facture ${paid.number}` }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Paiement accepté' }).innerText()).toContain('22,60');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await t.db('invoices').where({ id: paid.id }).first()).toMatchObject({ paid_cents: 2260, status: 'paid' });

    await page.getByRole('link', { name: 'Retour à Mes factures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes factures' }).waitFor();
    const history = page.getByRole('region', { name: 'Historique des factures' });
    await history.getByRole('article', { name: `Facture ${paid.number}` }).waitFor();
    expect(await history.getByRole('article', { name: `Facture ${paid.number}` }).innerText()).toMatch(/Payée/);
    await expect.poll(() => page.getByRole('button', { name: new RegExp(`^PAYER la facture ${paid.number}`) }).count()).toBe(0);

    // The second one: abandoned on the provider's page → told so, still to pay.
    await page.getByRole('button', { name: new RegExp(`^PAYER la facture ${left.number}`) }).click();
    await page.waitForURL(/\/payfip-simulateur\/paiement/);
    await page.getByRole('button', { name: 'Abandonner' }).click();
    await page.waitForURL(/\/paiement\/retour/);
    await page.getByText('Paiement abandonné').waitFor();
    expect(await t.db('invoices').where({ id: left.id }).first()).toMatchObject({ paid_cents: 0, status: 'open' });
    await page.getByRole('link', { name: 'Retour à Mes factures' }).click();
    await page.getByRole('button', { name: new RegExp(`^PAYER la facture ${left.number}`) }).waitFor();

    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
