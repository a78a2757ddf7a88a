// Fault: the disk of the upload folder is full. The parent gets a clear French error (507),
// no half-written file stays, and no attachment row points at a missing file.
// The full disk is real: a 1 MiB tmpfs mounted on the server's files folder (we run as
// root). Where mounting is not permitted the test fails and says so; it never skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/pg.js';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.js';
import { serverProcess, type ServerProcess } from '../helpers/server-process.js';
import { DEMO, TestClient } from '../helpers/app.js';
import { upload } from '../helpers/dossiers.js';
import type { Db } from '../../server/db.js';

let db: Db;
let smtp: SmtpHarness;
let server: ServerProcess;
let dataDir: string;
let filesDir: string;
let mounted = false;

function mountSmallDisk(dir: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`Ce test simule un disque plein avec un tmpfs de 1 Mio (mount -t tmpfs) : il doit tourner en root sur une machine qui le permet. Échec : ${(error as Error).message}`);
  }
  mounted = true;
}

beforeAll(async () => {
  const pg = inject('pg');
  if (pg.mode !== 'postgres') throw new Error('Ce test de panne exige un serveur PostgreSQL (paquet postgresql installé).');
  const created = await createTestDatabase(pg);
  db = created.db;
  smtp = await startSmtp();
  dataDir = mkdtempSync(join(tmpdir(), 'pf-fault-'));
  filesDir = join(dataDir, 'files');
  mkdirSync(filesDir);
  mountSmallDisk(filesDir);
  server = await serverProcess({ env: { DATABASE_URL: created.url!, SMTP_URL: smtp.url, DATA_DIR: dataDir } });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await db?.destroy();
  if (mounted) execFileSync('umount', [filesDir]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(size, 0x41), Buffer.from('\n%%EOF\n')]);

describe('upload folder disk full', () => {
  it('refuses the upload in French (507), keeps no partial file, and stores no row; works again once space is freed', async () => {
    const parent = new TestClient(server.url);
    expect((await parent.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password })).status).toBe(200);
    const created = await parent.post('/api/dossiers', { code: '04' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await parent.post(`/api/dossiers/${id}/notice`);
    // Fill the disk, leaving about 100 KiB.
    writeFileSync(join(filesDir, 'remplissage'), Buffer.alloc(1024 * 1024 - 100 * 1024));
    const before = await db('dossiers').where({ id }).first('revision');

    const res = await upload(parent, `/api/dossiers/${id}/attachments/justificatifDomicile`, [{ name: 'facture.pdf', data: pdf(400 * 1024) }]);
    expect(res.status, res.text).toBe(507);
    expect(res.body.error.code).toBe('STORAGE_FULL');
    expect(res.body.error.message).toMatch(/espace de stockage des documents est plein/);
    expect(res.body.error.message).toMatch(/n'a pas été enregistré/);
    expect(readdirSync(filesDir)).toEqual(['remplissage']);
    expect(await db('attachments').where({ dossier_id: id })).toHaveLength(0);
    expect((await db('dossiers').where({ id }).first('revision')).revision).toBe(before.revision);
    const view = await parent.get(`/api/dossiers/${id}`);
    expect(view.body.attachments.justificatifDomicile ?? []).toHaveLength(0);
    expect(server.alive()).toBe(true);

    rmSync(join(filesDir, 'remplissage'));
    const again = await upload(parent, `/api/dossiers/${id}/attachments/justificatifDomicile`, [{ name: 'facture.pdf', data: pdf(400 * 1024) }]);
    expect(again.status, again.text).toBe(200);
    // Every attachment row of the database points at a file that exists.
    for (const row of await db('attachments').whereNull('deleted_at').select('storage_name')) {
      expect(existsSync(join(filesDir, row.storage_name)), row.storage_name).toBe(true);
    }
    expect(readdirSync(filesDir)).toHaveLength(1);
  }, 60_000);
});
