// Antivirus: with a ClamAV daemon configured, a justificatif is served to nobody until the
// daemon has scanned it clean. While the scan is pending or the daemon is down the file is
// refused (fail closed) and the scan retried; an infected file is quarantined and the
// family told (mail + inbox, and on the dossier). Real clamd, local test signature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { PDF, upload } from '../helpers/dossiers.js';
import { EICAR, startClamd, TEST_SIGNATURE, type ClamdHarness } from '../helpers/clamd.js';
import { ping, scanBuffer } from '../../server/antivirus/clamd.js';
import { startScanner } from '../../server/antivirus/scanner.js';
import { FILE_MAGIC } from '../../server/crypto.js';

let t: TestApp;
let clamd: ClamdHarness;
let dataDir: string;

beforeAll(async () => {
  clamd = await startClamd();
  dataDir = mkdtempSync(join(tmpdir(), 'pf-av-'));
  t = await startTestApp({ env: { CLAMAV_SOCKET: clamd.socket, CLAMAV_RETRY_MS: '200', DATA_DIR: dataDir } });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await clamd?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} : toujours ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

async function newAddressDossier(parent: TestClient): Promise<string> {
  const created = await parent.post('/api/dossiers', { code: '04' });
  expect(created.status, created.text).toBe(201);
  await parent.post(`/api/dossiers/${created.body.id}/notice`);
  return created.body.id;
}

const infectedPdf = Buffer.from(`%PDF-1.4\n% ${EICAR}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe('clamd client (INSTREAM)', () => {
  it('answers clean, infected with the signature name, and throws when the daemon is out of reach', async () => {
    const config = { socket: clamd.socket, retryMs: 100 };
    expect(await ping(config)).toBe(true);
    expect(await scanBuffer(config, PDF)).toEqual({ status: 'clean' });
    const infected = await scanBuffer(config, Buffer.concat([Buffer.alloc(200_000, 0x20), infectedPdf]));
    expect(infected).toMatchObject({ status: 'infected' });
    expect((infected as { signature: string }).signature).toContain(TEST_SIGNATURE);
    await expect(scanBuffer({ socket: join(dataDir, 'absent.sock'), retryMs: 100 }, PDF)).rejects.toThrow();
  });
});

describe('justificatifs scanned before anyone opens them', () => {
  it('refuses the file while ClamAV is down (fail closed), retries, and serves it once scanned clean', async () => {
    await clamd.stop();
    const parent = await t.login(DEMO.parentA.email);
    const agent = await t.login(DEMO.agent.email);
    const id = await newAddressDossier(parent);
    const res = await upload(parent, `/api/dossiers/${id}/attachments/justificatifDomicile`, [{ name: 'facture.pdf', data: PDF }]);
    expect(res.status, res.text).toBe(200);
    const [file] = res.body.attachments.justificatifDomicile;
    expect(file.scan).toBe('pending');
    // Attempts fail while the daemon is down; the file stays pending, never clean.
    const row = await until('tentative d’analyse', () => t.db('attachments').where({ id: file.id }).first(), (r) => r.scan_attempts >= 1 && r.scan_next_at !== null && r.scan_locked_until === null);
    expect(row.scan_status).toBe('pending');
    for (const client of [agent, parent]) {
      const refused = await client.get(`/api/files/${file.id}`);
      expect(refused.status).toBe(423);
      expect(refused.body.error.code).toBe('SCAN_PENDING');
      expect(refused.body.error.message).toMatch(/en cours d'analyse antivirus/);
    }
    expect((await parent.get(`/api/dossiers/${id}`)).body.attachments.justificatifDomicile[0].scan).toBe('pending');

    await clamd.start();
    await until('analyse après le retour de ClamAV', () => t.db('attachments').where({ id: file.id }).first('scan_status'), (r) => r.scan_status === 'clean');
    const served = await agent.get(`/api/files/${file.id}`);
    expect(served.status).toBe(200);
    expect(served.text.startsWith('%PDF')).toBe(true);
    expect((await parent.get(`/api/dossiers/${id}`)).body.attachments.justificatifDomicile[0].scan).toBe('clean');
  }, 60_000);

  it('quarantines an infected file, serves it to nobody, and tells the family by mail, inbox and on the dossier', async () => {
    const parent = await t.login(DEMO.parentB.email);
    const agent = await t.login(DEMO.agent.email);
    const id = await newAddressDossier(parent);
    const res = await upload(parent, `/api/dossiers/${id}/attachments/justificatifDomicile`, [{ name: 'quittance.pdf', data: infectedPdf }]);
    expect(res.status, res.text).toBe(200);
    const [file] = res.body.attachments.justificatifDomicile;
    const row = await until('verdict', () => t.db('attachments').where({ id: file.id }).first(), (r) => r.scan_status !== 'pending');
    expect(row.scan_status).toBe('infected');
    expect(row.scan_signature).toContain(TEST_SIGNATURE);
    expect(row.quarantined_at).not.toBeNull();
    // Moved out of the storage right after the verdict commits.
    await until('fichier retiré du stockage', async () => existsSync(join(dataDir, 'files', row.storage_name)), (present) => !present, 5000);
    expect(existsSync(join(dataDir, 'quarantine', row.storage_name))).toBe(true);
    // Kept sealed, like every stored justificatif: the bytes on disk are not the upload's.
    const kept = readFileSync(join(dataDir, 'quarantine', row.storage_name));
    expect(kept.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)).toBe(true);
    expect(t.deps.sealer.openBytes(kept).equals(infectedPdf)).toBe(true);
    for (const client of [agent, parent]) {
      const refused = await client.get(`/api/files/${file.id}`);
      expect(refused.status).toBe(410);
      expect(refused.body.error.code).toBe('FILE_QUARANTINED');
      expect(refused.body.error.message).toMatch(/bloqué par l'antivirus/);
    }
    const mail = await t.smtp.waitFor({ to: DEMO.parentB.email, subject: /antivirus/ });
    expect(mail.text).toContain('quittance.pdf');
    const inbox = await parent.get('/api/inbox');
    expect(inbox.body.items.some((i: any) => /Document refusé par l'antivirus/.test(i.subject))).toBe(true);
    expect((await parent.get(`/api/dossiers/${id}`)).body.attachments.justificatifDomicile[0]).toMatchObject({ name: 'quittance.pdf', scan: 'infected' });
    await sleep(500);
    expect(t.smtp.mails.filter((m) => /antivirus/.test(m.subject) && m.to.includes(DEMO.parentB.email))).toHaveLength(1);
  }, 60_000);

  it('shares the scans between processes: each file is scanned once (SKIP LOCKED)', async () => {
    await t.deps.antivirus!.stop();
    // Rows as uploads leave them, on an existing dossier (no session needed for this check).
    const dossier = (await t.db('dossiers').first('id')).id;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const name = `lot${i}`.padEnd(12, 'x');
      await t.deps.storage.put(name, PDF);
      const [row] = await t.db('attachments').insert({ dossier_id: dossier, justificatif_key: 'lot', storage_name: name, display_name: `${name}.pdf`, mime: 'application/pdf', size: PDF.length, sha256: 'x', scan_status: 'pending' }).returning('id');
      ids.push(row.id);
    }
    const scanners = [0, 1, 2].map(() => startScanner(t.deps, t.deps.config.clamav!, 3_600_000));
    try {
      const decided = await Promise.all(scanners.map((s) => s.drain()));
      const rows = await t.db('attachments').whereIn('id', ids).select('scan_status', 'scan_attempts');
      expect(rows.every((r) => r.scan_status === 'clean')).toBe(true);
      expect(rows.every((r) => r.scan_attempts === 1)).toBe(true);
      // Each drain counts only its own verdicts (the start-up rounds take some too): never more than the files.
      expect(decided.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8);
    } finally {
      await Promise.all(scanners.map((s) => s.stop()));
    }
  }, 60_000);
});
