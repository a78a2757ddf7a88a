// GDPR: right of access (export of everything stored about a family, decrypted, isolated),
// retention (anonymisation a configurable time after the last child left) and the purge of
// audit entries older than 12 months (the one deletion the append-only log allows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { submitAddressChange } from '../helpers/dossiers.js';
import { NOT_EXPORTED } from '../../server/privacy/schema.js';
import { familiesDue, purgeAudit, runRetention } from '../../server/privacy/retention.js';
import { CHILDREN } from '../../server/demo/data.js';

let t: TestApp;
let dataDir: string;
const IBAN = 'FR7630006000011234567890189';
const LEA = CHILDREN[0];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pf-privacy-'));
  // The background job must not race the test: its delay is out of reach; the test passes 36.
  t = await startTestApp({ env: { DATA_DIR: dataDir, RETENTION_MONTHS: '1200' } });
  // Family A (MARTIN): a submitted dossier with a justificatif, a mail in the inbox, a
  // mandate (IBAN), a reservation and an invoice.
  const parent = await t.login(DEMO.parentA.email);
  await submitAddressChange(parent, '8 chemin des Vignes');
  // A health dossier (06) for Léa, saved as a draft: its answers must be sealed at rest.
  const health = await parent.post('/api/dossiers', { code: '06', childId: LEA.id });
  if (health.status !== 201) throw new Error(`06 : ${health.status} ${health.text}`);
  await parent.post(`/api/dossiers/${health.body.id}/notice`);
  const saved = await parent.put(`/api/dossiers/${health.body.id}/answers`, { answers: { medecin: { nom: 'Dr Ventolinier', telephone: '0160000001' } }, step: 0 });
  if (saved.status !== 200) throw new Error(`06 : ${saved.status} ${saved.text}`);
  const activity = (await t.db('activities').first('id')).id;
  await t.db('reservations').insert({ family_id: DEMO.parentA.familyId, child_id: LEA.id, activity_id: activity, date: '2026-12-03', status: 'booked' });
  await t.db('mandates').insert({ family_id: DEMO.parentA.familyId, rum: 'RUM-PRIV-1', ics: 'FR00ZZZ000000', debtor_name: 'Claire MARTIN', debtor_address: '12 rue des Lilas, 77100 Villebourg', iban_encrypted: t.deps.sealer.seal(IBAN), iban_last4: '0189', signed_on: '2026-09-01' });
  await t.db('invoices').insert({ number: 'F-PRIV-0001', family_id: DEMO.parentA.familyId, period_start: '2026-11-01', period_end: '2026-11-30', total_cents: 4200 });
  // Other modules' tables: a note on the quotient, a private calendar feed, the payment simulator's copy of the e-mail.
  await t.db('family_quotients').insert({ family_id: DEMO.parentA.familyId, value: 650, valid_from: '2026-01-01', note: 'Note-QF-Martin' });
  await t.db('calendar_feeds').insert({ family_id: DEMO.parentA.familyId, child_id: LEA.id, salt: 'sel', token_hash: 'empreinte-flux-martin' });
  await t.db('payfip_sim_operations').insert({ idop: 'op-priv-1', numcli: '000000', exer: '2026', refdet: 'F-PRIV-0001', montant: 4200, mel: DEMO.parentA.email, urlnotif: 'http://x/n', urlredirect: 'http://x/r', created_at: new Date() });
}, 120_000);

afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const FAMILY_A_WORDS = ['Note-QF-Martin', 'empreinte-flux-martin', 'Dr Ventolinier', 'Claire', 'Julien', 'claire.martin@example.fr', 'julien.martin@example.fr', 'Léa', '12 rue des Lilas', '01 23 45 67 89', '8 chemin des Vignes', 'arachide', 'Dr Morel', IBAN, 'facture.pdf'];
const FAMILY_B_WORDS = ['BERNARD', 'paul.bernard@example.fr', '3 impasse du Moulin', 'Lucas'];

/** Tables holding a family_id column (the export must have each). */
async function tablesWithFamilyId(): Promise<string[]> {
  const { rows } = await t.db.raw(`SELECT c.table_name AS t FROM information_schema.columns c JOIN information_schema.tables x
    ON x.table_schema = c.table_schema AND x.table_name = c.table_name AND x.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'family_id'`);
  return (rows as { t: string }[]).map((r) => r.t).filter((name) => !NOT_EXPORTED.has(name)).sort();
}

describe('export of a family (GET /api/me/export)', () => {
  it('holds everything about the family, decrypted, without secrets and without the other household', async () => {
    const parent = await t.login(DEMO.parentA.email);
    const res = await parent.get('/api/me/export');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="donnees-famille-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const { tables } = res.body;
    // Complete: every table with a family_id, each with exactly the family's rows.
    for (const table of await tablesWithFamilyId()) {
      expect(tables, `table ${table} absente de l'export`).toHaveProperty(table);
      if (table === 'families') continue;
      const count = Number((await t.db(table).where({ family_id: DEMO.parentA.familyId }).count('* as n'))[0].n);
      expect(tables[table], table).toHaveLength(count);
    }
    expect(tables.families).toHaveLength(1);
    expect(tables.families[0]).toMatchObject({ name: 'MARTIN', address_street: '12 rue des Lilas' });
    expect(tables.guardians.map((g: any) => g.first_name).sort()).toEqual(['Claire', 'Julien']);
    expect(tables.children.map((c: any) => c.first_name).sort()).toEqual(['Léa', 'Tom']);
    expect(tables.children.find((c: any) => c.first_name === 'Léa').health.allergies[0].details).toBe('arachide');
    expect(tables.mandates[0].iban).toBe(IBAN);
    expect(tables.dossiers.length).toBeGreaterThanOrEqual(1);
    expect(tables.dossiers.find((d: any) => d.procedure_code === '04').answers.nouvelleAdresse.rue).toBe('8 chemin des Vignes');
    expect(tables.dossiers.find((d: any) => d.procedure_code === '06').answers.medecin.nom).toBe('Dr Ventolinier');
    expect(tables.attachments.map((a: any) => a.display_name)).toContain('facture.pdf');
    expect(tables.dossier_events.length).toBeGreaterThanOrEqual(1);
    expect(tables.reservations).toHaveLength(1);
    expect(tables.invoices.map((i: any) => i.number)).toContain('F-PRIV-0001');
    expect(tables.inbox.length).toBeGreaterThanOrEqual(1);
    expect(tables.users[0].email).toBe(DEMO.parentA.email);
    expect(tables.schoolings.length).toBeGreaterThanOrEqual(2);
    // No secret, nothing sealed, nobody else.
    expect(res.text).not.toMatch(/\$argon2|password_hash|_encrypted|storage_name|"v[12]\./);
    for (const word of FAMILY_B_WORDS) expect(res.text, word).not.toContain(word);
    // The other household exports its own, never family A's.
    const other = await (await t.login(DEMO.parentB.email)).get('/api/me/export');
    expect(other.status).toBe(200);
    expect(other.body.tables.children.map((c: any) => c.first_name)).toEqual(['Lucas']);
    for (const word of ['Claire', 'Léa', 'arachide', IBAN, 'F-PRIV-0001']) expect(other.text, word).not.toContain(word);
  });

  it('is available to an agent for a family, audited; not to a parent; 404 for an unknown family', async () => {
    const agent = await t.login(DEMO.agent.email);
    const res = await agent.get(`/api/agent/families/${DEMO.parentA.familyId}/export`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.familyId).toBe(DEMO.parentA.familyId);
    expect(res.body.tables.mandates[0].iban).toBe(IBAN);
    const audit = await t.db('audit_log').where({ action: 'family.export', actor_id: DEMO.agent.userId, family_id: DEMO.parentA.familyId });
    expect(audit).toHaveLength(1);
    expect((await agent.get('/api/agent/families/00000000-0000-4000-8000-00000000dead/export')).status).toBe(404);
    const parent = await t.login(DEMO.parentB.email);
    expect((await parent.get(`/api/agent/families/${DEMO.parentA.familyId}/export`)).status).toBe(403);
    expect((await t.client().get('/api/me/export')).status).toBe(401);
  });
});

describe('audit purge', () => {
  it('deletes entries older than 12 months only through the purge; the log stays append-only otherwise', async () => {
    const [old] = await t.db('audit_log').insert({ at: t.db.raw("now() - interval '13 months'"), action: 'health.read', family_id: DEMO.parentA.familyId }).returning('id');
    const [recent] = await t.db('audit_log').insert({ at: t.db.raw("now() - interval '11 months'"), action: 'health.read', family_id: DEMO.parentA.familyId }).returning('id');
    await expect(t.db('audit_log').where({ id: old.id }).delete()).rejects.toThrow(/append-only/);
    await expect(t.db('audit_log').where({ id: old.id }).update({ action: 'x' })).rejects.toThrow(/append-only/);
    await expect(t.db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    // Declaring the purge does not open young entries.
    await expect(t.db.transaction(async (trx) => {
      await trx.raw("SET LOCAL portail.audit_purge = 'on'");
      await trx('audit_log').where({ id: recent.id }).delete();
    })).rejects.toThrow(/append-only/);
    // One process at a time: while another holds the job's lock, this one skips.
    const holder = t.db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['portail-famille:audit-purge']);
      expect(await purgeAudit(t.db)).toBeUndefined();
    });
    await holder;
    expect(await purgeAudit(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db('audit_log').where({ id: old.id }).first()).toBeUndefined();
    expect(await t.db('audit_log').where({ id: recent.id }).first()).toBeTruthy();
  });
});

/** Every row of every table, as text, one table after another. */
async function databaseText(): Promise<string> {
  const tables = (await t.db('pg_tables').where({ schemaname: 'public' }).pluck('tablename')) as string[];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await t.db.raw(`SELECT x::text AS row FROM ${table} x`);
    parts.push(`[${table}]`, ...(rows as { row: string }[]).map((r) => r.row));
  }
  return parts.join('\n');
}

describe('retention: anonymisation after the last child left', () => {
  it('finds a family by its children leaving (recorded, or the end of their last school year)', async () => {
    const now = t.deps.clock.now();
    expect(await familiesDue(t.db, now, 36)).toEqual([]);
    // Five years on, with no schooling recorded after this school year, everyone has left.
    const later = new Date(now.getTime() + 5 * 365 * 24 * 3600_000);
    expect((await familiesDue(t.db, later, 36)).sort()).toEqual([DEMO.parentA.familyId, DEMO.parentB.familyId, DEMO.newParent.familyId].sort());
  });

  it('erases names, e-mails, addresses, health and bank data of the family, leaves the other households, removes files', async () => {
    const files = await t.db('attachments as a').join('dossiers as d', 'd.id', 'a.dossier_id').where('d.family_id', DEMO.parentA.familyId).pluck('a.storage_name');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(join(dataDir, 'files', f))).toBe(true);
    // Both children left four years ago; the dossiers date from then too.
    await t.db('children').whereIn('id', [CHILDREN[0].id, CHILDREN[1].id]).update({ left_on: t.db.raw("current_date - interval '4 years'") });
    await t.db('dossiers').where({ family_id: DEMO.parentA.familyId }).update({ updated_at: t.db.raw("now() - interval '4 years'") });
    const bBefore = await (await t.login(DEMO.parentB.email)).get('/api/me/export');

    // Before: the clear data is there (so the scan below can fail), health and IBAN only sealed.
    const before = await databaseText();
    for (const word of ['Note-QF-Martin', 'empreinte-flux-martin', 'Claire', 'Julien', 'claire.martin@example.fr', 'Léa', '12 rue des Lilas', '8 chemin des Vignes', 'facture.pdf']) expect(before, word).toContain(word);
    for (const word of ['arachide', 'Dr Morel', 'Dr Ventolinier', IBAN]) expect(before, `${word} stocké en clair`).not.toContain(word);

    const report = await runRetention(t.deps, t.deps.clock.now(), 36);
    expect(report.anonymised).toEqual([DEMO.parentA.familyId]);
    expect((await runRetention(t.deps, t.deps.clock.now(), 36)).anonymised).toEqual([]);

    // Nowhere in the database (every table, every column as text).
    const after = await databaseText();
    for (const word of FAMILY_A_WORDS) expect(after.includes(word), `« ${word} » encore présent : ${after.slice(Math.max(0, after.indexOf(word) - 200), after.indexOf(word) + 100)}`).toBe(false);
    for (const f of files) expect(existsSync(join(dataDir, 'files', f))).toBe(false);
    const lea = await t.db('children').where({ id: LEA.id }).first();
    expect(lea).toMatchObject({ first_name: null, last_name: null, health_encrypted: null });
    // Amounts stay for the public accounts.
    expect((await t.db('invoices').where({ number: 'F-PRIV-0001' }).first()).total_cents).toBe(4200);
    // The account is closed.
    expect((await t.client().post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password })).status).toBe(401);
    // The other households are untouched (the shared child Lucas included).
    const bAfter = await (await t.login(DEMO.parentB.email)).get('/api/me/export');
    expect(bAfter.body.tables.families).toEqual(bBefore.body.tables.families);
    expect(bAfter.body.tables.children).toEqual(bBefore.body.tables.children);
    expect(bAfter.body.tables.guardians).toEqual(bBefore.body.tables.guardians);
  });
});
