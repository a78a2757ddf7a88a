// Monthly invoicing over a real database and HTTP: lines and totals from bookings and the
// canteen flat rate at the family's band price; the billing basis "booked minus justified
// absences"; direct-debit families; re-runs and concurrent runs never bill a day twice; credit
// notes (avoirs) and re-billing; gapless numbers; family isolation of invoices and PDFs; the
// PDF is a real PDF naming the invoice; agents' routes refused to parents.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { id } from '../../server/demo/data.js';
import { runInvoicing } from '../../server/billing/invoicing-run.js';

const NOW = new Date('2026-12-05T09:00:00Z');
const LEA = id('e1'); // MARTIN, QF 650 → canteen 2,80 €, care 1,50 €
const LUCAS = id('e3'); // BERNARD (QF 1200 → canteen 4,20 €) and PETIT (no QF → highest band)
const CANTINE = id('a1');
const PERI_MATIN = id('a2');
const PERI_SOIR = id('a3');
const MARTIN = DEMO.parentA.familyId;
const BERNARD = DEMO.parentB.familyId;
const PETIT = DEMO.newParent.familyId;

let t: TestApp;
let parentA: TestClient;
let parentB: TestClient;
let agent: TestClient;
let admin: TestClient;

async function book(familyId: string, childId: string, activityId: string, date: string, extra: Record<string, unknown> = {}) {
  await t.db('reservations').insert({ family_id: familyId, child_id: childId, activity_id: activityId, date, status: 'booked', ...extra });
}

const run = (month: string) => runInvoicing(t.db, { month, now: NOW });
const invoicesOf = (familyId: string, month: string) =>
  t.db('invoices').where({ family_id: familyId, period_start: `${month}-01`, kind: 'invoice' }).orderBy('number');
const linesOf = (invoiceId: string) => t.db('invoice_lines').where({ invoice_id: invoiceId }).orderBy('position').select('*', t.db.raw('date::text AS day'));

const cookiesOf = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** The text a PDF shows: pdf-lib writes WinAnsi hex strings in Flate-compressed content streams. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes);
  const parts: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    let content: string;
    try {
      content = inflateSync(Buffer.from(object.contents)).toString('latin1');
    } catch {
      content = Buffer.from(object.contents).toString('latin1');
    }
    for (const m of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) parts.push(Buffer.from(m[1], 'hex').toString('latin1').replace(/\x80/g, '€'));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => NOW } });
  // Only this file's bookings: whatever the demo seeds must not change the expected totals.
  await t.db('invoice_lines').del();
  await t.db('invoices').del();
  await t.db('reservations').del();
  await t.db('flat_rates').del();
  parentA = await t.login(DEMO.parentA.email);
  parentB = await t.login(DEMO.parentB.email);
  agent = await t.login(DEMO.agent.email);
  admin = await t.login(DEMO.admin.email);
});
afterAll(() => t?.close());

describe('facturation mensuelle', () => {
  it('bills the booked days at the band price of the quotient valid that day, with number, due date and online deadline', async () => {
    await book(MARTIN, LEA, CANTINE, '2026-11-02');
    await book(MARTIN, LEA, CANTINE, '2026-11-03');
    await book(MARTIN, LEA, CANTINE, '2026-11-06', { attendance: 'absent_justified' }); // basis "booked": billed
    await book(MARTIN, LEA, CANTINE, '2026-11-09', { status: 'cancelled' });
    await book(MARTIN, LEA, CANTINE, '2026-11-10', { status: 'waiting' });
    await book(MARTIN, LEA, CANTINE, '2026-12-01'); // another month
    await book(MARTIN, LEA, PERI_SOIR, '2026-11-03');
    const summary = await run('2026-11');
    expect(summary.invoicesCreated).toBeGreaterThanOrEqual(1);
    const [invoice, ...others] = await invoicesOf(MARTIN, '2026-11');
    expect(others).toHaveLength(0);
    expect(invoice.number).toMatch(/^F2026-\d{6}$/);
    expect(invoice.collection_method).toBe('online');
    expect(invoice.total_cents).toBe(3 * 280 + 150);
    const lines = await linesOf(invoice.id);
    expect(lines.map((l) => [l.day, l.activity_id, Number(l.quantity), l.unit_price_cents])).toEqual([
      ['2026-11-02', CANTINE, 1, 280],
      ['2026-11-03', CANTINE, 1, 280],
      ['2026-11-03', PERI_SOIR, 1, 150],
      ['2026-11-06', CANTINE, 1, 280],
    ]);
    const view = (await parentA.get(`/api/invoices/${invoice.id}`)).body;
    expect(view).toMatchObject({ number: invoice.number, totalCents: 990, remainingCents: 990, dueDate: '2027-01-04', onlinePaymentUntil: '2027-01-04', payable: true, statusLabel: 'À payer', periodLabel: 'novembre 2026' });
    expect(view.lines[0]).toMatchObject({ date: '2026-11-02', childName: 'Léa MARTIN', activityName: 'Restauration scolaire', quantity: 1, unitPriceCents: 280, amountCents: 280 });
  });

  it('bills a booking at its price snapshot when it has one, and at the quotient valid on each day', async () => {
    await book(MARTIN, LEA, PERI_MATIN, '2026-07-06', { price_cents: 999 });
    await book(MARTIN, LEA, PERI_MATIN, '2026-07-07');
    await book(MARTIN, LEA, PERI_MATIN, '2026-07-08');
    await t.db('tariffs').insert([
      { activity_id: PERI_MATIN, school_year: '2025-2026', qf_min: 0, qf_max: 500, unit_price_cents: 100 },
      { activity_id: PERI_MATIN, school_year: '2025-2026', qf_min: 500.01, qf_max: null, unit_price_cents: 200 },
    ]);
    // A new quotient from 8 July (recorded later, it wins on its days): 450 → the lower band.
    await t.db('family_quotients').insert({ family_id: MARTIN, value: 450, valid_from: '2026-07-08', valid_to: '2026-07-31' });
    await run('2026-07');
    const [invoice] = await invoicesOf(MARTIN, '2026-07');
    expect((await linesOf(invoice.id)).map((l) => [l.day, l.unit_price_cents])).toEqual([['2026-07-06', 999], ['2026-07-07', 200], ['2026-07-08', 100]]);
  });

  it('picks the quotient as bookings and Mes tarifs do when an agent correction overlaps: the latest recorded wins', async () => {
    const { quotientOn } = await import('../../server/billing/tariffs.js');
    await book(MARTIN, LEA, PERI_MATIN, '2026-07-09');
    await t.db('tariffs').insert([
      { activity_id: PERI_MATIN, school_year: '2025-2026', qf_min: 0, qf_max: 500, unit_price_cents: 100 },
      { activity_id: PERI_MATIN, school_year: '2025-2026', qf_min: 500.01, qf_max: null, unit_price_cents: 200 },
    ]);
    const yesterday = new Date(Date.now() - 86_400_000);
    await t.db('family_quotients').insert({ family_id: MARTIN, value: 450, valid_from: '2026-07-01', valid_to: '2026-07-31', created_at: yesterday });
    // The correction, recorded afterwards, starts earlier: it is the quotient of 9 July.
    await t.db('family_quotients').insert({ family_id: MARTIN, value: 900, valid_from: '2026-06-01', valid_to: '2026-07-31' });
    expect(await quotientOn(t.db, MARTIN, '2026-07-09')).toBe(900);
    await run('2026-07');
    const lines = (await Promise.all((await invoicesOf(MARTIN, '2026-07')).map((i) => linesOf(i.id)))).flat();
    expect(lines.filter((l) => l.day === '2026-07-09').map((l) => l.unit_price_cents)).toEqual([200]);
  });

  it('bills the canteen flat rate on its weekdays when the canteen is open, minus justified absences, never twice with a booking', async () => {
    await t.db('flat_rates').insert({ family_id: BERNARD, child_id: LUCAS, activity_id: CANTINE, school_year: '2026-2027', weekdays: JSON.stringify([1, 2, 4, 5]) });
    await book(BERNARD, LUCAS, CANTINE, '2026-11-12', { attendance: 'absent_justified' });
    await book(BERNARD, LUCAS, CANTINE, '2026-11-13'); // a flat-rate day also booked: one line
    await book(BERNARD, LUCAS, CANTINE, '2026-11-18'); // a Wednesday, outside the flat rate: billed as booked
    await run('2026-11');
    const [invoice] = await invoicesOf(BERNARD, '2026-11');
    const lines = await linesOf(invoice.id);
    // Mon, Tue, Thu, Fri of November 2026 = 17 days; 12 November justified absent → 16; + Wed 18.
    expect(lines.filter((l) => l.kind === 'flat_rate')).toHaveLength(16);
    expect(lines.map((l) => l.day)).not.toContain('2026-11-12');
    expect(lines.filter((l) => l.day === '2026-11-13')).toHaveLength(1);
    expect(lines.find((l) => l.day === '2026-11-18')).toMatchObject({ kind: 'reservation', unit_price_cents: 420 });
    expect(lines.every((l) => l.unit_price_cents === 420)).toBe(true);
    expect(invoice.total_cents).toBe(17 * 420);
  });

  it('bills "booked minus justified absences" when the activity says so (set by an administrator)', async () => {
    expect((await agent.put(`/api/agent/billing/activities/${PERI_SOIR}`, { billingBasis: 'booked_minus_justified' })).status).toBe(403);
    const bad = await admin.put(`/api/agent/billing/activities/${PERI_SOIR}`, { billingBasis: 'présent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].instancePath).toBe('/billingBasis');
    expect((await admin.put(`/api/agent/billing/activities/${PERI_SOIR}`, { billingBasis: 'booked_minus_justified' })).status).toBe(204);
    const listed = (await agent.get('/api/agent/billing/activities')).body.activities.find((a: { id: string }) => a.id === PERI_SOIR);
    expect(listed.billingBasis).toBe('booked_minus_justified');
    await book(MARTIN, LEA, PERI_SOIR, '2026-10-05');
    await book(MARTIN, LEA, PERI_SOIR, '2026-10-06', { attendance: 'absent_justified' });
    await book(MARTIN, LEA, PERI_SOIR, '2026-10-08', { attendance: 'absent_unjustified' });
    await book(MARTIN, LEA, CANTINE, '2026-10-06', { attendance: 'absent_justified' }); // canteen stays "booked"
    await run('2026-10');
    const [invoice] = await invoicesOf(MARTIN, '2026-10');
    const lines = await linesOf(invoice.id);
    expect(lines.map((l) => [l.day, l.activity_id])).toEqual([['2026-10-05', PERI_SOIR], ['2026-10-06', CANTINE], ['2026-10-08', PERI_SOIR]]);
    expect(invoice.total_cents).toBe(150 + 280 + 150);
    // The flat rate follows the canteen's opening calendar: nothing in the autumn holidays (from 17 October).
    const [flat] = await invoicesOf(BERNARD, '2026-10');
    const flatDays = (await linesOf(flat.id)).map((l) => l.day);
    expect(flatDays).toContain('2026-10-16');
    expect(flatDays.every((d) => d < '2026-10-17')).toBe(true);
  });

  it('marks the invoices of a family with an active mandate for direct debit (highest band without quotient)', async () => {
    await t.db('mandates').insert({ family_id: PETIT, rum: 'RUM-TEST-1', ics: 'FR00ZZZ000000', debtor_name: 'Sophie PETIT', iban_encrypted: t.deps.sealer.seal('FR7630006000011234567890189'), iban_last4: '0189', signed_on: '2026-09-01', status: 'active' });
    await book(PETIT, LUCAS, PERI_MATIN, '2026-11-02');
    await run('2026-11');
    const [invoice] = await invoicesOf(PETIT, '2026-11');
    expect(invoice).toMatchObject({ collection_method: 'direct_debit', total_cents: 230 });
    expect(invoice.online_payment_until).toBeNull();
    const view = (await agent.get(`/api/agent/invoices/${invoice.id}`)).body;
    expect(view).toMatchObject({ collectionMethod: 'direct_debit', payable: false, statusLabel: 'Prélèvement automatique le 04/01/2027' });
    const pdf = await fetch(`${t.url}/api/invoices/${invoice.id}/pdf`, { headers: { Cookie: cookiesOf(agent) } });
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Prélèvement automatique le 04/01/2027');
    expect(text).not.toContain('PAYER');
  });
});

describe('idempotence', () => {
  it('a re-run of a month bills nothing more', async () => {
    const before = await t.db('invoice_lines').count({ n: '*' }).first();
    const again = await run('2026-11');
    expect(again.invoicesCreated).toBe(0);
    expect(await t.db('invoice_lines').count({ n: '*' }).first()).toEqual(before);
  });

  it('concurrent runs bill each booked day exactly once, on one invoice', async () => {
    for (const day of ['2026-09-07', '2026-09-08', '2026-09-10', '2026-09-11']) await book(MARTIN, LEA, CANTINE, day);
    const results = await Promise.all([run('2026-09'), run('2026-09'), run('2026-09'), runInvoicing(t.db, { month: '2026-09', now: NOW })]);
    // Each invoice made once, by one of the runs (the flat rate of Lucas is billed in September too).
    const september = await t.db('invoices').where({ period_start: '2026-09-01' });
    expect(results.reduce((s, r) => s + r.invoicesCreated, 0)).toBe(september.length);
    const invoices = await invoicesOf(MARTIN, '2026-09');
    expect(invoices).toHaveLength(1);
    expect(await linesOf(invoices[0].id)).toHaveLength(4);
    expect(invoices[0].total_cents).toBe(4 * 280);
  });

  it('the database itself refuses a second standing line for the same child, activity and day', async () => {
    const [invoice] = await invoicesOf(MARTIN, '2026-09');
    const [line] = await linesOf(invoice.id);
    const { id: _id, day: _day, ...copy } = line;
    await expect(t.db('invoice_lines').insert({ ...copy, date: '2026-09-07' })).rejects.toMatchObject({ code: '23505' });
  });

  it('numbers follow each other without gaps within the year', async () => {
    const numbers = (await t.db('invoices').where('number', 'like', 'F2026-%').pluck('number')).map((n: string) => Number(n.slice(6))).sort((a, b) => a - b);
    // (the demo invoices took the first numbers of the year)
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
  });
});

describe('avoir (annulation)', () => {
  it('cancels an invoice with a numbered negative credit note, then a re-run bills the days again', async () => {
    const [invoice] = await invoicesOf(MARTIN, '2026-11');
    expect((await parentA.post(`/api/agent/invoices/${invoice.id}/cancel`, { reason: 'Erreur' })).status).toBe(403);
    expect((await agent.post(`/api/agent/invoices/${invoice.id}/cancel`, { reason: '' })).status).toBe(400);
    const res = await agent.post(`/api/agent/invoices/${invoice.id}/cancel`, { reason: 'Repas du 06/11 facturé par erreur' });
    expect(res.status).toBe(200);
    expect(res.body.creditNote.number).toMatch(/^A2026-\d{6}$/);
    const credit = await t.db('invoices').where({ id: res.body.creditNote.id }).first();
    expect(credit).toMatchObject({ kind: 'credit_note', credit_for_invoice_id: invoice.id, total_cents: -invoice.total_cents });
    expect((await t.db('invoices').where({ id: invoice.id }).first()).status).toBe('cancelled');
    const twice = await agent.post(`/api/agent/invoices/${invoice.id}/cancel`, { reason: 'Encore' });
    expect(twice.status).toBe(409);

    const list = (await parentA.get('/api/invoices')).body.items;
    expect(list.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({ status: 'cancelled', statusLabel: 'Annulée', payable: false, creditNote: { number: res.body.creditNote.number } });
    expect(list.find((i: { id: string }) => i.id === credit.id)).toMatchObject({ kind: 'credit_note', statusLabel: 'Avoir', totalCents: -990, creditFor: { number: invoice.number } });

    // A booking cancelled meanwhile is not billed again; the others are.
    await t.db('reservations').where({ child_id: LEA, activity_id: CANTINE, date: '2026-11-06' }).update({ status: 'cancelled' });
    await run('2026-11');
    const fresh = (await invoicesOf(MARTIN, '2026-11')).filter((i) => i.status === 'open');
    expect(fresh).toHaveLength(1);
    expect(fresh[0].total_cents).toBe(2 * 280 + 150);
  });

  it('refuses to cancel an invoice already (partly) paid', async () => {
    const [invoice] = await invoicesOf(BERNARD, '2026-11');
    await t.db('invoices').where({ id: invoice.id }).update({ paid_cents: 100 });
    const res = await agent.post(`/api/agent/invoices/${invoice.id}/cancel`, { reason: 'Erreur' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/déjà été réglée/);
    await t.db('invoices').where({ id: invoice.id }).update({ paid_cents: 0 });
  });
});

describe('accès', () => {
  it('shows a family only its invoices; another family’s invoice and PDF are 404', async () => {
    const [mine] = await invoicesOf(BERNARD, '2026-11');
    const listA = (await parentA.get('/api/invoices')).body;
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listA.items.every((i: { familyId: string }) => i.familyId === MARTIN)).toBe(true);
    expect((await parentA.get(`/api/invoices/${mine.id}`)).status).toBe(404);
    expect((await parentA.get(`/api/invoices/${mine.id}/pdf`)).status).toBe(404);
    expect((await parentB.get(`/api/invoices/${mine.id}`)).status).toBe(200);
    expect((await parentA.get('/api/invoices/not-an-id/pdf')).status).toBe(404);
  });

  it('serves a valid PDF naming the invoice, its total and how to pay', async () => {
    const [mine] = await invoicesOf(BERNARD, '2026-11');
    const res = await fetch(`${t.url}/api/invoices/${mine.id}/pdf`, { headers: { Cookie: cookiesOf(parentB) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`facture-${mine.number}.pdf`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe(`Facture ${mine.number}`);
    const text = await pdfText(bytes);
    expect(text).toContain(`Facture ${mine.number}`);
    expect(text).toContain('Famille BERNARD');
    expect(text).toContain('71,40 €');
    expect(text).toContain("Payer jusqu'au 04/01/2027");
    expect(text).toMatch(/Période : novembre 2026/);
  });

  it('refuses the agents’ routes to parents and validates their input', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/agent/invoices'], ['GET', `/api/agent/invoicing/runs`], ['POST', '/api/agent/invoicing/runs', { month: '2026-11' }],
      ['GET', '/api/agent/billing/activities'],
    ] as [string, string, unknown?][]) {
      expect((await parentA.request(method, path, { body })).status, `${method} ${path}`).toBe(403);
    }
    expect((await agent.get('/api/agent/invoices?month=2026-13')).status).toBe(400);
    const future = await agent.post('/api/agent/invoicing/runs', { month: '2027-01' });
    expect(future.status).toBe(422);
    expect(future.body.error.details[0].instancePath).toBe('/month');
    expect((await agent.post('/api/agent/invoicing/runs', { month: 'novembre' })).status).toBe(400);
  });

  it('lists invoices for agents by month, status and family', async () => {
    const nov = (await agent.get('/api/agent/invoices?month=2026-11')).body;
    expect(nov.items.every((i: { month: string }) => i.month === '2026-11')).toBe(true);
    const families = new Set(nov.items.map((i: { familyName: string }) => i.familyName));
    expect([...families].sort()).toEqual(['BERNARD', 'MARTIN', 'PETIT']);
    const cancelled = (await agent.get('/api/agent/invoices?status=cancelled')).body;
    expect(cancelled.items.length).toBe(1);
    const credit = (await agent.get('/api/agent/invoices?status=credit_note&family=mar')).body;
    expect(credit.total).toBe(1);
    expect(credit.items[0].familyName).toBe('MARTIN');
  });
});

describe('lancement par un agent', () => {
  it('starts a run (202) and shows its progress until done', async () => {
    await book(BERNARD, LUCAS, CANTINE, '2026-08-31'); // school year 2025-2026, a Monday
    await t.db('tariffs').insert({ activity_id: CANTINE, school_year: '2025-2026', qf_min: 0, qf_max: null, unit_price_cents: 300 });
    const res = await agent.post('/api/agent/invoicing/runs', { month: '2026-08' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ month: '2026-08', status: 'running' });
    let progress = res.body;
    for (let i = 0; i < 200 && progress.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = (await agent.get(`/api/agent/invoicing/runs/${res.body.id}`)).body;
    }
    expect(progress).toMatchObject({ status: 'done', familiesDone: progress.familiesTotal, invoicesCreated: 1, totalCents: 300 });
    expect((await agent.get('/api/agent/invoicing/runs')).body[0].id).toBe(res.body.id);
  });

  it('shows a run left "running" by a stopped process as interrupted after 5 minutes without progress', async () => {
    const [row] = await t.db('invoicing_runs').insert({ month: '2026-06', status: 'running', updated_at: t.db.raw("now() - interval '6 minutes'") }).returning('id');
    const view = (await agent.get(`/api/agent/invoicing/runs/${row.id}`)).body;
    expect(view).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Facturation interrompue/) });
  });
});

describe('npm run invoices:run', () => {
  it('bills a month from the command line, prints its progress, and bills nothing more when run again', async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const connection = t.dbUrl;
    // On PostgreSQL the command works on this file's database; on PGlite (no server) on an empty embedded one.
    const env = { ...process.env, ...(typeof connection === 'string' ? { DATABASE_URL: connection } : { DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-cli-')) }) };
    const cli = (args: string[]) => new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'server/billing/invoicing-cli.ts', ...args], { env, timeout: 120_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }));
    });
    const usage = await cli([]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage : npm run invoices:run -- --month AAAA-MM');
    if (typeof connection === 'string') await book(MARTIN, LEA, CANTINE, '2026-05-04', { price_cents: 250 });
    const first = await cli(['--month', '2026-05']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(typeof connection === 'string' ? /1 facture\(s\) émise\(s\), 1 ligne\(s\), total 2,50\s€/ : /0 facture\(s\) émise\(s\)/);
    if (typeof connection === 'string') expect((await invoicesOf(MARTIN, '2026-05')).map((i) => i.total_cents)).toEqual([250]);
    const again = await cli(['--month=2026-05']);
    expect(again.out).toMatch(/0 facture\(s\) émise\(s\), 0 ligne\(s\)/);
  }, 180_000);
});
