// Fault: PostgreSQL stops and starts again while the real server process runs. The server
// must survive (an idle pooled connection cut by the database must not kill it), answer 503
// with a French message meanwhile (never a 500 or a stack), and serve again on its own.
// The test runs on a PostgreSQL cluster of its own, so other test files are not disturbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startPostgres, type PostgresCluster } from '../helpers/pg.js';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.js';
import { serverProcess, type ServerProcess } from '../helpers/server-process.js';
import { DEMO, TestClient } from '../helpers/app.js';
import type { Db } from '../../server/db.js';

let cluster: PostgresCluster;
let db: Db;
let smtp: SmtpHarness;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  cluster = await startPostgres();
  if (cluster.info.mode !== 'postgres' || !cluster.halt || !cluster.resume) {
    throw new Error('Ce test de panne exige les binaires de PostgreSQL (paquet postgresql : initdb, pg_ctl) pour arrêter et relancer un serveur qui lui est propre.');
  }
  const created = await createTestDatabase(cluster.info);
  db = created.db;
  smtp = await startSmtp();
  dataDir = mkdtempSync(join(tmpdir(), 'pf-fault-'));
  server = await serverProcess({ env: { DATABASE_URL: created.url!, SMTP_URL: smtp.url, DATA_DIR: dataDir } });
  await server.start();
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await db?.destroy();
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted under the running server', () => {
  it('answers 503 in French during the outage, then serves again without a restart of its own', async () => {
    const parent = new TestClient(server.url);
    expect((await parent.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password })).status).toBe(200);
    // Warm the pool so that idle connections exist when the database goes away.
    await Promise.all(Array.from({ length: 8 }, () => parent.get('/api/family')));
    expect((await parent.get('/api/family')).status).toBe(200);

    cluster.halt!();
    await sleep(500); // idle pooled connections receive their error now
    expect(server.alive(), `le serveur est mort pendant la panne :\n${server.output()}`).toBe(true);
    const during = await Promise.all([parent.get('/api/family'), parent.get('/api/dossiers'), parent.put('/api/dossiers/00000000-0000-4000-8000-000000000000/answers', { answers: {} })]);
    for (const res of during) {
      expect(res.status, res.text).toBe(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.body.error.message).toMatch(/momentanément indisponible/);
      expect(res.text).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|stack/i);
      expect(res.headers.get('retry-after')).toBeTruthy();
    }
    const anonymous = await new TestClient(server.url).post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
    expect(anonymous.status).toBe(503);

    cluster.resume!();
    const deadline = Date.now() + 20_000;
    let res = await parent.get('/api/family');
    while (res.status !== 200 && Date.now() < deadline) {
      await sleep(200);
      res = await parent.get('/api/family');
    }
    expect(res.status, res.text).toBe(200);
    expect(res.body.name).toBe('MARTIN');
    // Writes work again, and the session made before the outage is still valid.
    const created = await parent.post('/api/dossiers', { code: '04' });
    expect(created.status, created.text).toBe(201);
    expect(await db('dossiers').where({ id: created.body.id }).first('id')).toBeTruthy();
    expect(server.alive()).toBe(true);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  }, 120_000);
});
