// Online payment through the PayFiP simulator, over HTTP with a real database: paid,
// refused, abandoned, expired (and "paid" after expiry kept for an agent), forged
// notifications refused with the database unchanged, five concurrent notifications
// paying once, the return page's status, and family isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, databaseDigest, outboxDrained, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { chooseOnSimulator, insertInvoice, notify, paymentRow, startPayment } from '../helpers/payments.js';
import { providerOf, setProvider } from '../../server/payments/simulator.js';
import { readPaymentConfig } from '../../server/payments/config.js';

const clock = { at: new Date('2026-11-20T09:00:00Z') };
let t: TestApp;
let parentA: TestClient;
let parentB: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => clock.at } });
  parentA = await t.login(DEMO.parentA.email);
  parentB = await t.login(DEMO.parentB.email);
  agent = await t.login(DEMO.agent.email);
});
afterAll(() => t?.close());

const invoice = (id: string) => t.db('invoices').where({ id }).first();

describe('paiement en ligne (simulateur PayFiP)', () => {
  it('paie une facture : page du prestataire, notification signée, retour « payé », facture soldée, mail', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId, redirectUrl, idop } = await startPayment(t, parentA, inv.id);
    expect(redirectUrl).toBe(`${t.url}/payfip-simulateur/paiement?idop=${idop}`);
    const row = await paymentRow(t, paymentId);
    expect(row).toMatchObject({ status: 'pending', amount_cents: 2260, method: 'online', invoice_id: inv.id });
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(15 * 60 * 1000);

    const page = await fetch(redirectUrl);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('22,60 €');
    for (const label of ['Payer', 'Refuser', 'Abandonner', 'Numéro de carte']) expect(html).toContain(label);

    const choice = await chooseOnSimulator(t, idop, 'payer');
    expect(choice.status).toBe(303);
    expect(choice.location).toBe(`${t.url}/paiement/retour?paiement=${paymentId}`);
    const back = await parentA.get(`/api/payments/${paymentId}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'paid', statusLabel: 'Payé', amountCents: 2260, invoiceNumber: inv.number });
    expect(await invoice(inv.id)).toMatchObject({ paid_cents: 2260, status: 'paid' });
    const mail = await t.smtp.waitFor({ to: DEMO.parentA.email, subject: /Paiement reçu/ });
    expect(mail.text).toContain('22,60 €');

    const again = await parentA.post(`/api/invoices/${inv.id}/payment`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Cette facture est déjà réglée.');
  });

  it('refus de la banque : paiement refusé, facture inchangée, un nouveau paiement reste possible', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId, idop } = await startPayment(t, parentA, inv.id);
    expect((await chooseOnSimulator(t, idop, 'refuser')).status).toBe(303);
    expect((await parentA.get(`/api/payments/${paymentId}`)).body).toMatchObject({ status: 'refused', statusLabel: 'Refusé' });
    expect(await invoice(inv.id)).toMatchObject({ paid_cents: 0, status: 'open' });
    const retry = await startPayment(t, parentA, inv.id);
    expect(retry.paymentId).not.toBe(paymentId);
  });

  it('abandon : paiement abandonné, facture inchangée', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId, idop } = await startPayment(t, parentA, inv.id);
    await chooseOnSimulator(t, idop, 'abandonner');
    expect((await parentA.get(`/api/payments/${paymentId}`)).body).toMatchObject({ status: 'abandoned', statusLabel: 'Abandonné' });
    expect(await invoice(inv.id)).toMatchObject({ paid_cents: 0, status: 'open' });
  });

  it('un second clic sur PAYER pendant le paiement renvoie vers la même opération (pas deux paiements)', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const [a, b] = await Promise.all([parentA.post(`/api/invoices/${inv.id}/payment`), parentA.post(`/api/invoices/${inv.id}/payment`)]);
    const ok = [a, b].filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b]) expect([201, 409]).toContain(r.status);
    const c = await parentA.post(`/api/invoices/${inv.id}/payment`);
    expect(c.status).toBe(201);
    expect(c.body.paymentId).toBe(ok[0].body.paymentId);
    expect(Number((await t.db('payments').where({ invoice_id: inv.id }).count({ n: '*' }).first())!.n)).toBe(1);
  });

  it('expiration : après 15 minutes la page refuse, la facture reste impayée ; un « payé » tardif va à régulariser', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId, idop, redirectUrl } = await startPayment(t, parentA, inv.id);
    const row = await paymentRow(t, paymentId);
    clock.at = new Date(clock.at.getTime() + 15 * 60 * 1000 + 1000);
    try {
      expect(await (await fetch(redirectUrl)).text()).toContain('Opération expirée');
      const late = await chooseOnSimulator(t, idop, 'payer');
      expect(late.status).toBe(200);
      expect(late.text).toContain('Le délai de 15 minutes pour payer est dépassé');
      expect((await parentA.get(`/api/payments/${paymentId}`)).body).toMatchObject({ status: 'expired', statusLabel: 'Expiré' });
      expect(await invoice(inv.id)).toMatchObject({ paid_cents: 0, status: 'open' });

      // The provider says "paid" anyway: the invoice stays unpaid, the money is recorded for an agent.
      const res = await notify(t, { idop, refdet: row.reference, montant: 2260, resultrans: 'P' });
      expect(res).toMatchObject({ status: 200, body: { outcome: 'review' } });
      expect(await invoice(inv.id)).toMatchObject({ paid_cents: 0, status: 'open' });
      expect(await paymentRow(t, paymentId)).toMatchObject({ status: 'review', anomaly: 'paid_after_expiry' });
      const list = await agent.get('/api/agent/payments?status=review');
      expect(list.body.items.find((p: { id: string }) => p.id === paymentId)).toMatchObject({ statusLabel: 'À régulariser', anomaly: expect.stringContaining('après expiration') });

      // A new PAYER after expiry starts a new operation.
      const fresh = await startPayment(t, parentA, inv.id);
      expect(fresh.paymentId).not.toBe(paymentId);
    } finally {
      clock.at = new Date(clock.at.getTime() + 60 * 1000);
    }
  });

  it('refuse une notification falsifiée (signature absente, fausse, autre secret, montant modifié) sans rien changer', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId, idop } = await startPayment(t, parentA, inv.id);
    const row = await paymentRow(t, paymentId);
    const fields = { idop, refdet: row.reference, montant: 2260, resultrans: 'P' };
    const before = await databaseDigest(t.db);
    const attempts = [
      await notify(t, fields, undefined, ''),
      await notify(t, fields, undefined, 'sha256=' + '0'.repeat(64)),
      await notify(t, fields, 'un-autre-secret'),
      await notify(t, { ...fields, montant: 1 }),
      await notify(t, { ...fields, refdet: 'AUTRE' }),
      await notify(t, { ...fields, resultrans: 'X' }),
      await notify(t, { ...fields, idop: 'inconnu' }),
    ];
    for (const a of attempts) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expect(a.body.error.message).toMatch(/./);
    }
    expect(attempts[0].body.error.code).toBe('INVALID_SIGNATURE');
    expect(await databaseDigest(t.db)).toBe(before);
    const junk = await fetch(`${t.url}/api/payments/notifications`, { method: 'POST', body: '{pas du json', headers: { 'Content-Type': 'application/json', 'x-payfip-signature': 'x' } });
    expect(junk.status).toBe(400);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('la même notification reçue 5 fois en même temps solde la facture une seule fois', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId, { total_cents: 4150 });
    const { paymentId, idop } = await startPayment(t, parentA, inv.id);
    const row = await paymentRow(t, paymentId);
    const results = await Promise.all(Array.from({ length: 5 }, () => notify(t, { idop, refdet: row.reference, montant: 4150, resultrans: 'P' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => r.body.outcome === 'paid')).toHaveLength(1);
    expect(results.filter((r) => r.body.outcome === 'unchanged')).toHaveLength(4);
    expect(await invoice(inv.id)).toMatchObject({ paid_cents: 4150, status: 'paid' });
    expect(await t.db('payments').where({ invoice_id: inv.id, status: 'paid' }).pluck('id')).toEqual([paymentId]);
    const replay = await notify(t, { idop, refdet: row.reference, montant: 4150, resultrans: 'P' });
    expect(replay.body.outcome).toBe('unchanged');
    const mails = await t.db('outbox').where({ template: 'payment-received' }).where('subject', 'like', `%${inv.number}%`);
    expect(mails).toHaveLength(1);
  });

  it('isole les familles : payer ou consulter le paiement d’une autre famille → 404, rien ne change', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const { paymentId } = await startPayment(t, parentA, inv.id);
    // Mails of the earlier tests leave the outbox first: the digest must see only parent B's requests.
    await outboxDrained(t.db);
    const before = await databaseDigest(t.db);
    expect((await parentB.post(`/api/invoices/${inv.id}/payment`)).status).toBe(404);
    expect((await parentB.get(`/api/payments/${paymentId}`)).status).toBe(404);
    expect((await parentB.post('/api/invoices/00000000-0000-4000-8000-000000000000/payment')).status).toBe(404);
    expect(await databaseDigest(t.db)).toBe(before);
    expect((await t.client().post(`/api/invoices/${inv.id}/payment`)).status).toBe(401);
  });

  it('refuse en ligne une facture prélevée, annulée ou hors délai de paiement en ligne', async () => {
    const debit = await insertInvoice(t, DEMO.parentA.familyId, { collection_method: 'direct_debit' });
    const late = await insertInvoice(t, DEMO.parentA.familyId, { online_payment_until: '2026-11-01' });
    const cancelled = await insertInvoice(t, DEMO.parentA.familyId, { status: 'cancelled' });
    const messages = [];
    for (const inv of [debit, late, cancelled]) {
      const res = await parentA.post(`/api/invoices/${inv.id}/payment`);
      expect(res.status).toBe(409);
      messages.push(res.body.error.message);
    }
    expect(messages[0]).toContain('prélèvement automatique');
    expect(messages[1]).toContain('01/11/2026');
    expect(messages[2]).toContain('annulée');
    expect(await t.db('payments').whereIn('invoice_id', [debit.id, late.id, cancelled.id])).toHaveLength(0);
  });

  it('prestataire injoignable : 503 en français, rien de bloqué, le paiement suivant passe', async () => {
    const inv = await insertInvoice(t, DEMO.parentA.familyId);
    const real = providerOf(t.deps);
    setProvider(t.deps, { ...real, createOperation: async () => { throw new Error('ECONNREFUSED'); } });
    try {
      const res = await parentA.post(`/api/invoices/${inv.id}/payment`);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('ne répond pas') });
      expect(await t.db('payments').where({ invoice_id: inv.id }).first()).toMatchObject({ status: 'expired', anomaly: 'provider_unreachable' });
    } finally {
      setProvider(t.deps, real);
    }
    const ok = await startPayment(t, parentA, inv.id);
    expect((await paymentRow(t, ok.paymentId)).status).toBe('pending');
  });

  it('liste les paiements pour les agents, avec filtres', async () => {
    const all = await agent.get('/api/agent/payments');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(5);
    const paid = await agent.get('/api/agent/payments?status=paid&method=online');
    expect(paid.body.items.length).toBeGreaterThanOrEqual(2);
    for (const p of paid.body.items) expect(p).toMatchObject({ status: 'paid', method: 'online', statusLabel: 'Payé', methodLabel: 'En ligne' });
    const bad = await agent.get('/api/agent/payments?status=vol');
    expect(bad.status).toBe(400);
    expect((await parentA.get('/api/agent/payments')).status).toBe(403);
  });
});

describe('sans prestataire (PAYMENT_PROVIDER=aucun, le défaut en production)', () => {
  it('lit la configuration : « aucun » par défaut en production, secret exigé pour un prestataire', () => {
    expect(readPaymentConfig({ NODE_ENV: 'production' }, 'Villebourg').provider).toBe('aucun');
    expect(readPaymentConfig({}, 'Villebourg').provider).toBe('simulateur');
    expect(() => readPaymentConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'simulateur' }, 'Villebourg')).toThrow(/PAYFIP_SECRET/);
    expect(() => readPaymentConfig({ PAYMENT_PROVIDER: 'paypal' }, 'Villebourg')).toThrow(/inconnu/);
  });

  it('PAYER répond 503 sans rien écrire ; la page du simulateur n’existe pas', async () => {
    process.env.PAYMENT_PROVIDER = 'aucun';
    // Read from the environment on the app's first payment call (server/payments/config.ts).
    const app = await startTestApp();
    try {
      const parent = await app.login(DEMO.parentA.email);
      const inv = await insertInvoice(app, DEMO.parentA.familyId);
      const before = await databaseDigest(app.db);
      const res = await parent.post(`/api/invoices/${inv.id}/payment`);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('auprès de la régie');
      expect((await fetch(`${app.url}/payfip-simulateur/paiement?idop=abc`)).status).toBe(404);
      // Even signed with the (development) secret, no notification is believed.
      expect((await notify(app, { idop: 'x', refdet: 'y', montant: 1, resultrans: 'P' }, 'dev-only-payfip-secret-change-me')).status).toBe(400);
      expect(await databaseDigest(app.db)).toBe(before);
    } finally {
      delete process.env.PAYMENT_PROVIDER;
      await app.close();
    }
  });
});
