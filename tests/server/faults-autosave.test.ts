// Fault: the real server process is killed with SIGKILL in the middle of a burst of
// autosaves. Every save it acknowledged (200) must be in the database after a restart.
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
import { createSealer } from '../../server/crypto.js';
import { answersOf, type DossierRecord } from '../../server/dossiers/state.js';

let db: Db;
let smtp: SmtpHarness;
let server: ServerProcess;
let dataDir: string;
const DATA_KEY = 'a'.repeat(64);

beforeAll(async () => {
  const pg = inject('pg');
  if (pg.mode !== 'postgres') throw new Error('Ce test de panne exige un serveur PostgreSQL (paquet postgresql installé) : PGlite ne se partage pas entre processus.');
  const created = await createTestDatabase(pg);
  db = created.db;
  smtp = await startSmtp();
  dataDir = mkdtempSync(join(tmpdir(), 'pf-fault-'));
  server = await serverProcess({ env: { DATABASE_URL: created.url!, SMTP_URL: smtp.url, DATA_DIR: dataDir, DATA_KEY } });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await db?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function login(email: string): Promise<TestClient> {
  const c = new TestClient(server.url);
  const res = await c.post('/api/auth/login', { email, password: DEMO.password });
  if (res.status !== 200) throw new Error(`connexion ${email} : ${res.status} ${res.text}`);
  return c;
}

interface Ack {
  revision: number;
  street: string;
}

/** Autosaves one dossier as fast as the browser would (each save carries the last revision) until it fails. */
async function saveUntilFailure(client: TestClient, id: string, tag: string, acks: Ack[]): Promise<void> {
  let revision: number | undefined;
  for (let i = 0; ; i++) {
    const street = `${i} rue de la Panne ${tag}`;
    let res;
    try {
      res = await client.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: { rue: street, codePostal: '77100', commune: 'Villebourg' } }, step: 0, ...(revision !== undefined && { revision }) });
    } catch {
      return; // connection refused or reset: the server is gone
    }
    if (res.status !== 200) return;
    revision = res.body.revision as number;
    acks.push({ revision, street });
  }
}

describe('server killed (SIGKILL) during a burst of autosaves', () => {
  it('keeps every acknowledged save, and the stored one is the latest acknowledged or a newer one', async () => {
    const chains: { client: TestClient; id: string; tag: string; acks: Ack[] }[] = [];
    for (const [who, email] of [['A', DEMO.parentA.email], ['B', DEMO.parentB.email]] as const) {
      const client = await login(email);
      const created = await client.post('/api/dossiers', { code: '04' });
      expect(created.status).toBe(201);
      expect((await client.post(`/api/dossiers/${created.body.id}/notice`)).status).toBe(200);
      chains.push({ client, id: created.body.id, tag: who, acks: [] });
    }
    const running = chains.map((c) => saveUntilFailure(c.client, c.id, c.tag, c.acks));
    // Let the burst run, then kill the process without warning.
    const started = Date.now();
    while (chains.some((c) => c.acks.length < 20) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    await Promise.all(running);
    for (const c of chains) expect(c.acks.length, `sauvegardes acquittées du dossier ${c.tag}`).toBeGreaterThanOrEqual(20);

    await server.start();
    const sealer = createSealer(DATA_KEY);
    for (const c of chains) {
      const row = (await db('dossiers').where({ id: c.id }).first()) as DossierRecord;
      const last = c.acks[c.acks.length - 1];
      // A save may have committed while its answer was lost in the kill: never older than the last ack.
      expect(row.revision).toBeGreaterThanOrEqual(last.revision);
      const stored = String((answersOf(row, sealer).nouvelleAdresse as { rue: string }).rue);
      const storedIndex = Number(stored.split(' ')[0]);
      expect(storedIndex).toBeGreaterThanOrEqual(Number(last.street.split(' ')[0]));
      if (row.revision === last.revision) expect(stored).toBe(last.street);
      // The restarted server serves that same state to the parent.
      const parent = await login(c.tag === 'A' ? DEMO.parentA.email : DEMO.parentB.email);
      const view = await parent.get(`/api/dossiers/${c.id}`);
      expect(view.status).toBe(200);
      expect(view.body.revision).toBe(row.revision);
      expect(view.body.answers.nouvelleAdresse.rue).toBe(stored);
      // And it goes on saving from there.
      const next = await parent.put(`/api/dossiers/${c.id}/answers`, { answers: { nouvelleAdresse: { rue: 'après la panne' } }, step: 0, revision: row.revision });
      expect(next.status).toBe(200);
    }
  }, 120_000);
});
