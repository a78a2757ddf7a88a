// Fault: the SMTP server is down for a while, and the portal process itself is killed in
// the meantime. The mail waits in the outbox (in Postgres, not in memory), and once SMTP is
// back the restarted process delivers it exactly once. (tests/server/outbox.test.ts covers
// the in-process case and several workers racing.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/pg.js';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.js';
import { serverProcess, type ServerProcess } from '../helpers/server-process.js';
import { DEMO, TestClient } from '../helpers/app.js';
import type { Db } from '../../server/db.js';

let db: Db;
let smtp: SmtpHarness;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  const pg = inject('pg');
  if (pg.mode !== 'postgres') throw new Error('Ce test de panne exige un serveur PostgreSQL (paquet postgresql installé).');
  const created = await createTestDatabase(pg);
  db = created.db;
  smtp = await startSmtp();
  dataDir = mkdtempSync(join(tmpdir(), 'pf-fault-'));
  server = await serverProcess({ env: { DATABASE_URL: created.url!, SMTP_URL: smtp.url, DATA_DIR: dataDir } });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await db?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMTP down, portal process killed meanwhile', () => {
  it('delivers the mail once SMTP is back, from the restarted process, exactly once', async () => {
    await smtp.stop();
    const parent = new TestClient(server.url);
    expect((await parent.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password })).status).toBe(200);
    const to = 'claire.panne@example.fr';
    expect((await parent.post('/api/me/email', { email: to })).status).toBe(202);
    // The worker tries and fails (connection refused) at least once.
    const deadline = Date.now() + 15_000;
    let row = await db('outbox').where({ to_address: to }).first();
    while (!row?.last_error && Date.now() < deadline) {
      await sleep(100);
      row = await db('outbox').where({ to_address: to }).first();
    }
    expect(row.status).toBe('pending');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toBeTruthy();

    await server.kill();
    await smtp.start();
    await sleep(300);
    expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(0);
    await server.start();
    const mail = await smtp.waitFor({ to }, 30_000);
    expect(mail.text).toMatch(/https?:\/\//);
    await sleep(2500); // several polls of the worker: nothing more goes out
    expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
    expect((await db('outbox').where({ id: row.id }).first()).status).toBe('sent');
  }, 90_000);
});
