// Several server processes on one Postgres (issue 10, "Several instances"): two real
// processes (server/main.ts) on the same database and SMTP server serve the same users.
// A session opened on one is valid on the other, each outbox mail goes out exactly once,
// periodic jobs run in one process at a time.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/pg.js';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.js';
import { startPortalProcess, TEST_SECRETS, type PortalProcess } from '../helpers/server-process.js';
import { DEMO, TestClient } from '../helpers/app.js';
import { openPostgres, type Db } from '../../server/db.js';
import { enqueueMail } from '../../server/mail/outbox.js';
import { runExclusive } from '../../server/jobs.js';
import { createActivity, createCrowd } from '../helpers/booking.js';

const pg = inject('pg');
const tmp = mkdtempSync(join(tmpdir(), 'pf-multi-'));
let database: { db: Db; url?: string };
let smtp: SmtpHarness;
let a: PortalProcess;
let b: PortalProcess;
const PUBLIC_URL = 'http://portail-famille.test';

/** The same browser (cookies, CSRF token) pointed at another process. */
function sameBrowserOn(client: TestClient, url: string): TestClient {
  const moved = new TestClient(url, client.origin);
  moved.cookies = client.cookies;
  moved.csrfToken = client.csrfToken;
  return moved;
}

if (pg.mode === 'pglite') {
  // No Postgres server here: the embedded database is one process's. A second process
  // on the same folder must refuse to start rather than corrupt it.
  describe('several instances on PGlite', () => {
    afterAll(async () => {
      await a?.stop();
      rmSync(tmp, { recursive: true, force: true });
    });
    it('a second process on the same embedded database refuses to start', async () => {
      a = await startPortalProcess({ ...TEST_SECRETS, DATA_DIR: tmp });
      const second = await startPortalProcess({ ...TEST_SECRETS, DATA_DIR: tmp }, { wait: false });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/déjà ouverte par le processus/);
    });
  });
} else {
  describe('two server processes on one Postgres', () => {
    beforeAll(async () => {
      database = await createTestDatabase(pg);
      smtp = await startSmtp();
      // Behind one load balancer: one public address, one set of secrets.
      const env = { ...TEST_SECRETS, DATABASE_URL: database.url!, SMTP_URL: smtp.url, DATA_DIR: tmp, PUBLIC_URL };
      // One after the other: both apply migrations and demo data (idempotent), the second finds them done.
      a = await startPortalProcess(env);
      b = await startPortalProcess(env);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await smtp?.stop();
      await database?.db.destroy();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('a login on process A is a session on process B; a logout on B ends it on A', async () => {
      const onA = new TestClient(a.url, PUBLIC_URL);
      const login = await onA.post('/api/auth/login', { email: DEMO.parentA.email, password: DEMO.password });
      expect(login.status, login.text).toBe(200);
      const onB = sameBrowserOn(onA, b.url);
      const session = await onB.get('/api/session');
      expect(session.body.user.email).toBe(DEMO.parentA.email);
      expect((await onB.get('/api/family')).status).toBe(200);
      // The CSRF token issued by A is accepted by B (same secret, session in the database).
      const inbox = await onB.get('/api/inbox');
      expect(inbox.status).toBe(200);
      expect((await onB.post('/api/auth/logout')).status).toBe(204);
      expect((await onA.get('/api/session')).body.user).toBeNull();
      expect((await onA.get('/api/family')).status).toBe(401);
    });

    it('each outbox mail is sent exactly once by the two workers together', async () => {
      const count = 120;
      const before = smtp.mails.length;
      const run = Date.now().toString(36);
      await database.db.transaction(async (trx) => {
        for (let i = 0; i < count; i++) await enqueueMail(trx, { to: `parent${i}@example.fr`, subject: `Lot ${run} n°${i}`, body: 'Bonjour' });
      });
      // And one caused by a request on each process.
      for (const proc of [a, b]) {
        const res = await new TestClient(proc.url, PUBLIC_URL).post('/api/auth/password-link', { email: DEMO.newParent.email });
        expect(res.status).toBe(202);
      }
      const deadline = Date.now() + 30_000;
      const ours = () => smtp.mails.slice(before).filter((m) => m.subject.startsWith(`Lot ${run} `));
      while (ours().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Let any duplicate arrive before counting.
      await new Promise((r) => setTimeout(r, 2500));
      const subjects = ours().map((m) => m.subject);
      expect(subjects.length).toBe(count);
      expect(new Set(subjects).size).toBe(count);
      const links = smtp.mails.slice(before).filter((m) => m.to.includes(DEMO.newParent.email));
      expect(links.length).toBe(2);
      const pending = await database.db('outbox').whereNot({ status: 'sent' }).count({ n: '*' });
      expect(Number(pending[0].n)).toBe(0);
    });

    it('100 concurrent bookings split over both processes for a 10-place date: exactly 10 booked, 90 waiting', async () => {
      const activityId = await createActivity(database.db, 'MULTI10', 10);
      const crowd = await createCrowd(database.db, 'multi', 10, 10, [activityId]);
      const parents: TestClient[] = [];
      for (const [i, family] of crowd.entries()) {
        const c = new TestClient(i % 2 ? b.url : a.url, PUBLIC_URL);
        const res = await c.post('/api/auth/login', { email: family.email, password: DEMO.password });
        expect(res.status, res.text).toBe(200);
        parents.push(c);
      }
      // The first bookable date from a week on, as the planning shows it today (the processes use the real clock).
      const from = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const planning = await parents[0].get(`/api/planning?from=${from}&days=7&activityId=${activityId}`);
      expect(planning.status, planning.text).toBe(200);
      const date = planning.body.cells.find((cell: { activityId: string; state: string }) => cell.activityId === activityId && cell.state === 'bookable')?.date;
      expect(date, JSON.stringify(planning.body.cells.slice(0, 3))).toBeTruthy();
      // Each child once; the requests of one family alternate between the two processes.
      const calls = crowd.flatMap((family, f) => family.childIds.map((childId, i) => {
        const client = sameBrowserOn(parents[f], i % 2 ? a.url : b.url);
        return () => client.post('/api/planning/requests', { requests: [{ childId, activityId, date, action: 'book' }] });
      }));
      expect(calls).toHaveLength(100);
      const responses = await Promise.all(calls.map((call) => call()));
      expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const rows = await database.db('reservations').where({ activity_id: activityId, date }).select('child_id', 'status', 'waiting_rank');
      expect(rows).toHaveLength(100);
      expect(rows.filter((r) => r.status === 'booked')).toHaveLength(10);
      const ranks = rows.filter((r) => r.status === 'waiting').map((r) => Number(r.waiting_rank)).sort((x, y) => x - y);
      expect(ranks).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
      expect(responses.filter((r) => r.body.results[0].outcome === 'booked')).toHaveLength(10);
    });

    it('a periodic job runs in one process at a time (advisory lock), the next round in either', async () => {
      // Two pools: two processes' connections.
      const other = await openPostgres(database.url!, 2);
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        const first = runExclusive(database.db, 'retention', async () => {
          await held;
          return 'A';
        });
        await new Promise((r) => setTimeout(r, 200));
        expect(await runExclusive(other, 'retention', async () => 'B')).toEqual({ ran: false });
        // Another job is not blocked by this one.
        expect(await runExclusive(other, 'housekeeping', async () => 'B')).toEqual({ ran: true, value: 'B' });
        release();
        expect(await first).toEqual({ ran: true, value: 'A' });
        expect(await runExclusive(other, 'retention', async () => 'B')).toEqual({ ran: true, value: 'B' });
      } finally {
        await other.destroy();
      }
    });
  });
}
