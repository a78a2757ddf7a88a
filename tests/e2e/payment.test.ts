// Online payment in real Chromium (the parent on a 360 px phone): a parent opens Mes factures, clicks PAYER, pays on the
// simulated PayFiP page (a plain page, no script, under our CSP), comes back to the return
// page (« Paiement accepté ») and finds the invoice paid; a second invoice abandoned on the
// provider's page stays to pay. An agent then prepares a direct-debit run (refused at
// the field under 14 days), downloads its SEPA file, and finds the online payment in
// Paiements. No CSP refusal or page error; no serious axe violation.
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
  await ensureFrontEndsBuilt(['renderer', 'admin']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  browser = await launchBrowser({ width: 1280, height: 900, now: NOW });
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
    // On a phone: the provider's page and the return page must not scroll sideways.
    await page.setViewportSize({ width: 360, height: 780 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await signInParent(page, t.url, DEMO.parentA.email);

    await page.goto(`${t.url}/factures`);
    await page.getByRole('heading', { level: 1, name: 'Mes factures' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^PAYER la facture ${paid.number}`) }).click();

    await page.waitForURL(/\/payfip-simulateur\/paiement\?idop=/);
    await page.getByRole('heading', { level: 1, name: 'Paiement de votre facture' }).waitFor();
    expect(await page.locator('body').innerText()).toContain('22,60 €');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByLabel('Numéro de carte').fill('4970 1000 0000 0000');
    await page.getByRole('button', { name: /^Payer 22,60/ }).click();

    await page.waitForURL(/\/paiement\/retour\?paiement=/);
    await page.getByText('Paiement accepté').waitFor();
    await page.getByRole('heading', { level: 2, name: `Facture ${paid.number}` }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Paiement accepté' }).innerText()).toContain('22,60');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
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

  it('un agent prépare un prélèvement, télécharge le fichier SEPA et retrouve le paiement en ligne', async () => {
    const [mandate] = await t.db('mandates').insert({
      family_id: DEMO.parentB.familyId, rum: 'RUM-E2E-000001', ics: 'FR12ZZZ123456', debtor_name: 'Paul Bernard',
      iban_encrypted: t.deps.sealer.seal('FR1420041010050500013M02606'), iban_last4: '2606', signed_on: '2026-09-01', status: 'active',
    }).returning('*');
    const debit = await insertInvoice(t, DEMO.parentB.familyId, { total_cents: 3175, collection_method: 'direct_debit', mandate_id: mandate.id, due_date: '2026-12-10' });
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchProblems(page);
    await page.context().clearCookies(); // the parent of the first test is still signed in
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel(/adresse mail/i).fill(DEMO.agent.email);
    await page.getByLabel(/mot de passe/i).fill(DEMO.password);
    await page.getByRole('button', { name: /se connecter/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Files de traitement' }).waitFor();

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Prélèvements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Prélèvements' }).waitFor();
    const date = page.getByLabel('Date du prélèvement');
    await date.fill('2026-11-30');
    await page.getByRole('button', { name: 'Préparer le prélèvement' }).click();
    await page.getByText(/au moins 14 jours après aujourd'hui.*04\/12\/2026/).waitFor();
    expect(await date.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await date.fill('2026-12-10');
    await page.getByRole('button', { name: 'Préparer le prélèvement' }).click();
    await page.getByText(/Prélèvement du 10\/12\/2026 préparé : 1 facture/).waitFor();
    // The link's target, fetched with the agent's session (headless Chromium here does not
    // start downloads of same-origin attachment links; a real browser saves the file).
    const link = page.getByRole('link', { name: 'Télécharger le fichier SEPA', exact: true });
    expect(await link.getAttribute('download')).not.toBeNull();
    const file = await page.request.get(new URL((await link.getAttribute('href'))!, t.url).href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="prelevement-2026-12-10-PF.*\.xml"$/);
    const xml = await file.text();
    expect(xml).toContain('<NbOfTxs>1</NbOfTxs>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">31.75</InstdAmt>');
    expect(xml).toContain(debit.number);
    await page.getByRole('table').getByRole('rowheader', { name: '10/12/2026' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paiements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();
    await page.getByLabel('Statut').click();
    await page.getByRole('option', { name: 'Payé' }).click();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('status').filter({ hasText: /^1 paiement$/ }).waitFor();
    const row = page.getByRole('row', { name: /MARTIN/ });
    expect(await row.innerText()).toMatch(/22,60\s€[\s\S]*En ligne[\s\S]*Payé/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
