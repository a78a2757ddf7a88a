// « Mes factures » in real Chromium on a phone (360 px): Mon espace lists the invoice to pay
// (« Consulter et Payer mes factures en ligne (1) », Payer jusqu'au, TOTAL, PAYER), TOUT VOIR
// leads to Mes factures with the history (the paid demo invoice), the lines on demand and the
// PDF; a refused PAYER says why in French. Axe finds no serious violation, nothing scrolls
// sideways. (Paying through the provider is the payments e2e.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { signInParent, watchProblems, expectUsablePage } from '../helpers/e2e.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { mountFrontEnds } from '../../server/http/static.js';
import { id } from '../../server/demo/data.js';
import { runInvoicing } from '../../server/billing/invoicing-run.js';

const NOW = new Date('2026-12-05T09:00:00Z');
let t: TestApp;
let browser: Browser;
let number: string;
let invoiceId: string;

beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  for (const date of ['2026-11-02', '2026-11-03', '2026-11-05']) {
    await t.db('reservations').insert({ family_id: DEMO.parentA.familyId, child_id: id('e1'), activity_id: id('a1'), date, status: 'booked', price_cents: 280 })
      .onConflict(['child_id', 'activity_id', 'date']).merge({ status: 'booked', price_cents: 280 });
  }
  await runInvoicing(t.db, { month: '2026-11', now: NOW });
  const row = await t.db('invoices').where({ family_id: DEMO.parentA.familyId, period_start: '2026-11-01' }).first();
  number = row.number;
  invoiceId = row.id;
  browser = await launchBrowser({ width: 360, height: 800, now: NOW });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Mes factures', () => {
  it('from Mon espace to Mes factures: the invoice to pay, its lines and PDF, the history', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);

    const block = page.getByRole('region', { name: 'Consulter et Payer mes factures en ligne (1)' });
    await block.waitFor();
    const card = block.getByRole('article', { name: `Facture ${number}` });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("Payer jusqu'au 04/01/2027");
    expect(await card.textContent()).toMatch(/TOTAL : 8,40\s€/);
    expect(await card.getByRole('button', { name: /^PAYER/ }).count()).toBe(1);
    await expectUsablePage(page, 'Mon espace');

    await page.getByRole('link', { name: 'TOUT VOIR : mes factures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes factures' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/factures');
    const toPay = page.getByRole('region', { name: 'Consulter et payer mes factures en ligne (1)' });
    const mine = toPay.getByRole('article', { name: `Facture ${number}` });
    await mine.waitFor();
    expect(await mine.getByRole('link', { name: `Télécharger la facture ${number} (PDF)` }).getAttribute('href')).toBe(`/api/invoices/${invoiceId}/pdf`);
    await mine.getByRole('button', { name: `Voir le détail : Facture ${number}` }).click();
    const lines = mine.getByRole('list', { name: `Lignes de la facture ${number}` });
    await expect.poll(() => lines.getByRole('listitem').count(), { timeout: 10_000 }).toBe(3);
    expect(await lines.getByRole('listitem').first().textContent()).toMatch(/02\/11\/2026 — Léa MARTIN — Restauration scolaire/);
    expect(await mine.getByRole('button', { name: `Masquer le détail : Facture ${number}` }).getAttribute('aria-expanded')).toBe('true');

    const history = page.getByRole('region', { name: 'Historique des factures' });
    const paid = history.getByRole('article').first();
    expect(await paid.textContent()).toContain('Payée');
    expect(await paid.getByRole('button', { name: /^PAYER/ }).count()).toBe(0);
    await expectUsablePage(page, 'Mes factures');

    // The PDF link really serves this family's PDF.
    const pdf = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type'), head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, `/api/invoices/${invoiceId}/pdf`);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('says in French why PAYER did not open the payment', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInParent(page, t.url, DEMO.parentA.email);
    await page.goto(`${t.url}/factures`);
    const card = page.getByRole('article', { name: `Facture ${number}` });
    await card.waitFor();
    // Settled meanwhile (at the counter): the server refuses to open a payment.
    await t.db('invoices').where({ id: invoiceId }).update({ status: 'paid', paid_cents: 840 });
    await card.getByRole('button', { name: /^PAYER/ }).click();
    const alert = card.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Le paiement en ligne n’a pas pu être ouvert : .+/);
    await expectUsablePage(page, 'Mes factures (erreur PAYER)');
    await t.db('invoices').where({ id: invoiceId }).update({ status: 'open', paid_cents: 0 });
    await page.close();
  }, 120_000);
});
