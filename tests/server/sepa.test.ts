// Direct-debit runs: the 14-day rule, the pain.008.001.02 file (parsed: group header,
// FRST/RCUR batches, each transaction's mandate, amount and account; names escaped), the
// pre-notification mails received by the SMTP server, invoices never debited twice (even
// by two runs at once), lapsed mandates left out, and the agents' download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { DEMO, databaseDigest, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { insertInvoice } from '../helpers/payments.js';
import { buildPain008, centsToDecimal, checkSepaFile, escapeXml, sepaText } from '../../engine/payments/sepa.js';
import { sealedColumns } from '../../server/privacy/reencrypt.js';
import { earliestDebitDate, isMandateLapsed, sequenceTypeOf } from '../../engine/payments/rules.js';

const clock = { at: new Date('2026-11-20T09:00:00Z') };
let t: TestApp;
let agent: TestClient;
let parentA: TestClient;
const IBAN_A = 'FR1420041010050500013M02606';
const IBAN_B = 'DE89370400440532013000';
const FAMILY_C = '00000000-0000-4000-8000-0000000000c3';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['PmtInf', 'DrctDbtTxInf'].includes(name) });
const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

async function mandate(familyId: string, fields: Record<string, unknown>) {
  const [row] = await t.db('mandates').insert({
    family_id: familyId, ics: 'FR12ZZZ123456', debtor_address: '12 rue des Lilas, 77100 Villebourg', recurrent: true, status: 'active', ...fields,
  }).returning('*');
  return row;
}

let mA: Record<string, any>;
let mB: Record<string, any>;
const invoices: Record<string, { id: string; number: string }> = {};

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => clock.at } });
  agent = await t.login(DEMO.agent.email);
  parentA = await t.login(DEMO.parentA.email);
  mA = await mandate(DEMO.parentA.familyId, {
    rum: 'RUM-2026-000101', debtor_name: "Émilie L'Martin & Fils <b>x</b>", iban_encrypted: t.deps.sealer.seal(IBAN_A), iban_last4: '2606', bic: null, signed_on: '2026-09-15',
  });
  mB = await mandate(DEMO.parentB.familyId, {
    rum: 'RUM-2025-000042', debtor_name: 'Paul Bernard', iban_encrypted: t.deps.sealer.seal(IBAN_B), iban_last4: '3000', bic: 'COBADEFFXXX', signed_on: '2025-09-01', last_used_on: '2026-10-15',
  });
  // A third family whose mandate lapsed: 36 months without a debit.
  await t.db('families').insert({ id: FAMILY_C, name: 'LEROY', email: 'leroy@example.fr' }).onConflict('id').ignore();
  const mC = await mandate(FAMILY_C, { rum: 'RUM-2022-000007', debtor_name: 'Luc Leroy', iban_encrypted: t.deps.sealer.seal(IBAN_A), iban_last4: '2606', signed_on: '2022-10-01' });
  const dd = (m: Record<string, any>, cents: number) => ({ collection_method: 'direct_debit', mandate_id: m.id, total_cents: cents, due_date: '2026-12-10' });
  invoices.a1 = await insertInvoice(t, DEMO.parentA.familyId, dd(mA, 2260));
  invoices.a2 = await insertInvoice(t, DEMO.parentA.familyId, { ...dd(mA, 1500), paid_cents: 500 });
  invoices.b1 = await insertInvoice(t, DEMO.parentB.familyId, dd(mB, 4199));
  invoices.c1 = await insertInvoice(t, FAMILY_C, dd(mC, 1000));
  invoices.online = await insertInvoice(t, DEMO.parentA.familyId, { total_cents: 999 });
  invoices.cancelled = await insertInvoice(t, DEMO.parentA.familyId, { ...dd(mA, 777), status: 'cancelled' });
});
afterAll(() => t?.close());

describe('règles du prélèvement (moteur)', () => {
  it('14 jours de pré-notification, FRST puis RCUR, caducité à 36 mois, montants et textes SEPA', () => {
    expect(earliestDebitDate('2026-11-20')).toBe('2026-12-04');
    expect(earliestDebitDate('2026-02-20')).toBe('2026-03-06');
    expect(sequenceTypeOf(null)).toBe('FRST');
    expect(sequenceTypeOf('2026-01-05')).toBe('RCUR');
    expect(isMandateLapsed('2022-10-01', null, '2025-09-30')).toBe(false);
    expect(isMandateLapsed('2022-10-01', null, '2025-10-01')).toBe(true);
    expect(isMandateLapsed('2020-01-01', '2025-01-01', '2026-12-04')).toBe(false);
    expect([0, 5, 100, 2260, 123456].map(centsToDecimal)).toEqual(['0.00', '0.05', '1.00', '22.60', '1234.56']);
    expect(sepaText('Émilie Martin & Fils <b>', 70)).toBe('Emilie Martin Fils b');
    expect(escapeXml(`<a b="c">&'`)).toBe('&lt;a b=&quot;c&quot;&gt;&amp;&apos;');
  });
});

describe('prélèvement SEPA', () => {
  let runId: string;
  let xml: string;

  it('refuse une date à moins de 14 jours, en français, sans rien changer', async () => {
    const before = await databaseDigest(t.db);
    const res = await agent.post('/api/agent/debit-runs', { dueDate: '2026-12-03' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('au moins 14 jours');
    expect(res.body.error.message).toContain('04/12/2026');
    expect(res.body.error.details[0].instancePath).toBe('/dueDate');
    expect((await agent.post('/api/agent/debit-runs', { dueDate: '03/12/2026' })).status).toBe(400);
    expect((await parentA.post('/api/agent/debit-runs', { dueDate: '2026-12-20' })).status).toBe(403);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('prépare le prélèvement : une opération par mandat, mandat caduc écarté', async () => {
    const res = await agent.post('/api/agent/debit-runs', { dueDate: '2026-12-10' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dueDate: '2026-12-10', txCount: 2, invoiceCount: 3, totalCents: 2260 + 1000 + 4199 });
    expect(res.body.skipped).toEqual([{ invoiceNumber: invoices.c1.number, reason: expect.stringContaining('caduc') }]);
    runId = res.body.id;
    const file = await agent.get(`/api/agent/debit-runs/${runId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/xml');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="prelevement-2026-12-10-PF20261210[0-9A-F]{16}\.xml"$/);
    xml = file.text;
    expect((await parentA.get(`/api/agent/debit-runs/${runId}/file`)).status).toBe(403);
    const list = await agent.get('/api/agent/debit-runs');
    expect(list.body.items[0]).toMatchObject({ id: runId, txCount: 2, invoiceCount: 3, createdByName: 'Agent du service Enfance' });
  });

  it('produit un fichier pain.008.001.02 cohérent (en-tête, lots FRST/RCUR, opérations)', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('<Nm>Emilie L&apos;Martin Fils b x /b</Nm>');
    const doc = parser.parse(xml).Document;
    expect(doc['@xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    const root = doc.CstmrDrctDbtInitn;
    expect(root.GrpHdr).toMatchObject({ NbOfTxs: '2', CtrlSum: '74.59', InitgPty: { Nm: 'Regie Enfance de Villebourg' } });
    expect(root.GrpHdr.MsgId).toMatch(/^PF20261210[0-9A-F]{16}$/);
    expect(root.GrpHdr.CreDtTm).toBe('2026-11-20T09:00:00');
    const batches = asList(root.PmtInf);
    expect(batches.map((b: any) => b.PmtTpInf.SeqTp)).toEqual(['FRST', 'RCUR']);
    for (const b of batches) {
      expect(b).toMatchObject({
        PmtMtd: 'DD', ReqdColltnDt: '2026-12-10', PmtTpInf: { SvcLvl: { Cd: 'SEPA' }, LclInstrm: { Cd: 'CORE' } }, ChrgBr: 'SLEV',
        CdtrAcct: { Id: { IBAN: 'FR7630006000011234567890189' } }, CdtrAgt: { FinInstnId: { BIC: 'BDFEFRPPCCT' } },
        CdtrSchmeId: { Id: { PrvtId: { Othr: { Id: t.deps.config.sepaCreditorId, SchmeNm: { Prtry: 'SEPA' } } } } },
      });
      const txs = asList(b.DrctDbtTxInf);
      expect(b.NbOfTxs).toBe(String(txs.length));
      const sum = txs.reduce((s: number, tx: any) => s + Math.round(Number(tx.InstdAmt['#text']) * 100), 0);
      expect(b.CtrlSum).toBe(centsToDecimal(sum));
    }
    const [frst, rcur] = batches.map((b: any) => asList(b.DrctDbtTxInf)[0]);
    expect(frst).toMatchObject({
      InstdAmt: { '#text': '32.60', '@Ccy': 'EUR' },
      DrctDbtTx: { MndtRltdInf: { MndtId: 'RUM-2026-000101', DtOfSgntr: '2026-09-15' } },
      DbtrAgt: { FinInstnId: { Othr: { Id: 'NOTPROVIDED' } } },
      Dbtr: { Nm: "Emilie L'Martin Fils b x /b" }, DbtrAcct: { Id: { IBAN: IBAN_A } },
      RmtInf: { Ustrd: `Factures ${[invoices.a1.number, invoices.a2.number].sort().join(' ')}` },
    });
    expect(frst.PmtId.EndToEndId).toMatch(/RUM-2026-000101$/);
    expect(rcur).toMatchObject({
      InstdAmt: { '#text': '41.99', '@Ccy': 'EUR' }, DbtrAgt: { FinInstnId: { BIC: 'COBADEFFXXX' } },
      DrctDbtTx: { MndtRltdInf: { MndtId: 'RUM-2025-000042', DtOfSgntr: '2025-09-01' } }, DbtrAcct: { Id: { IBAN: IBAN_B } },
    });
  });

  it('écrit la pré-notification à chaque famille (reçue par le serveur SMTP)', async () => {
    const a = await t.smtp.waitFor({ to: 'claire.martin@example.fr', subject: /Prélèvement de 32,60 € le 10\/12\/2026/ });
    expect(a.text).toContain('RUM-2026-000101');
    expect(a.text).toContain('se terminant par 2606');
    expect(a.text).toContain(invoices.a1.number);
    expect(a.text).not.toContain(IBAN_A);
    const b = await t.smtp.waitFor({ to: 'paul.bernard@example.fr', subject: /Prélèvement de 41,99 € le 10\/12\/2026/ });
    expect(b.text).toContain('RUM-2025-000042');
    expect(await t.db('inbox').where({ family_id: DEMO.parentA.familyId }).where('subject', 'like', 'Prélèvement de%')).toHaveLength(1);
  });

  it('ne prélève jamais deux fois une facture ; le mandat sert ensuite en RCUR', async () => {
    expect(await t.db('mandates').where({ id: mA.id }).first()).toMatchObject({ last_used_on: expect.anything() });
    const again = await agent.post('/api/agent/debit-runs', { dueDate: '2026-12-20' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Aucune facture à prélever pour cette date.');

    const a3 = await insertInvoice(t, DEMO.parentA.familyId, { collection_method: 'direct_debit', mandate_id: mA.id, total_cents: 1234, due_date: '2026-12-10' });
    const [r1, r2] = await Promise.all([
      agent.post('/api/agent/debit-runs', { dueDate: '2026-12-20' }),
      agent.post('/api/agent/debit-runs', { dueDate: '2026-12-21' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    const items = await t.db('debit_run_items').where({ invoice_id: a3.id });
    expect(items).toHaveLength(1);
    expect(items[0].sequence_type).toBe('RCUR');
    const counts = await t.db('debit_run_items').select('invoice_id').count({ n: '*' }).groupBy('invoice_id');
    for (const c of counts) expect(Number(c.n)).toBe(1);
    for (const key of ['online', 'cancelled']) expect(await t.db('debit_run_items').where({ invoice_id: invoices[key].id })).toHaveLength(0);
    // A debited invoice cannot be paid online as well.
    const pay = await parentA.post(`/api/invoices/${invoices.a1.id}/payment`);
    expect(pay.status).toBe(409);
    expect(pay.body.error.message).toContain('prélev');
  });

  it('garde l’IBAN chiffré au repos, y compris dans le fichier enregistré', async () => {
    const run = await t.db('debit_runs').where({ id: runId }).first();
    expect(run.xml_encrypted).not.toContain(IBAN_A);
    expect(run.xml_encrypted).toMatch(/^v[0-9]+\./);
    // Key rotation finds it like every other sealed column.
    expect(await sealedColumns(t.db)).toContainEqual(expect.objectContaining({ table: 'debit_runs', column: 'xml_encrypted' }));
  });

  it('signale tout ce qui ferait rejeter le fichier par la banque (IBAN, BIC, montant, ICS)', () => {
    const tx = { endToEndId: 'E2E', amountCents: 100, rum: 'RUM-1', mandateSignedOn: '2026-01-01', sequenceType: 'FRST' as const, debtorName: 'X', debtorIban: IBAN_A, remittance: 'F1' };
    const input = {
      messageId: 'M1', createdAt: '2026-11-20T09:00:00', collectionDate: '2026-12-10',
      creditor: { name: 'Régie', iban: 'FR7630006000011234567890188', bic: 'NOTABIC', ics: 'ZZ' },
      transactions: [tx, { ...tx, debtorIban: 'FR14 2004 1010 0505 0001 3M02 607' }, { ...tx, amountCents: 0 }, { ...tx, debtorIban: 'US64SVBKUS6S3300958879' }],
    };
    expect(checkSepaFile(input).map((i) => i.path)).toEqual([
      'creditor.iban', 'creditor.bic', 'creditor.ics', 'transactions/1/debtorIban', 'transactions/2/amountCents', 'transactions/3/debtorIban',
    ]);
    const ok = { ...input, creditor: { name: 'Régie', iban: 'FR7630006000011234567890189', bic: 'BDFEFRPPCCT', ics: 'FR12ZZZ123456' }, transactions: [{ ...tx, debtorIban: 'FR14 2004 1010 0505 0001 3M02 606' }] };
    expect(checkSepaFile(ok)).toEqual([]);
    expect(buildPain008(ok)).toContain(`<IBAN>${IBAN_A}</IBAN>`);
  });
});
