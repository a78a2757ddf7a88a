// Reservations (issue 8), over HTTP against a real PostgreSQL:
// - template week ("semaine type") for 4 children over the school year (~2,000 bookings) in
//   one request, next to a bare multi-row INSERT of the same rows in the same run (≤ 3 ×);
// - opening-day rush: 500 parents at once, each booking the same week for their child in
//   two activities with limited places → errors (target 0), overbooking (must be 0), p99.
// Alone: npx tsx tests/bench/booking.ts
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { startPostgres, createTestDatabase } from '../helpers/pg.js';
import { TestClient } from '../helpers/app.js';
import { createActivity, createCrowd } from '../helpers/booking.js';
import { readConfig } from '../../server/config.js';
import { bootPortal } from '../../server/boot.js';
import { createApp, serverOptions } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import type { Db } from '../../server/db.js';
import { median, type BenchResult } from './types.js';

const NOW = new Date('2026-08-24T07:00:00Z'); // before the school year: every day still bookable
const TEMPLATE_RUNS = 5;
const WARM_UP = 1; // the first family's run (and its baseline) warms the JIT and caches, and is not counted
const PARENTS = Number(process.env.BENCH_PARENTS ?? 500);
const WEEK = ['2026-09-07', '2026-09-08', '2026-09-10', '2026-09-11'];

async function signedIn(db: Db, url: string, emails: string[]): Promise<TestClient[]> {
  const users = await db('users').whereIn('email', emails).select('id', 'email');
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  return Promise.all(emails.map(async (email) => {
    const c = new TestClient(url);
    c.cookies.set('pf_session', (await createSession(db, byEmail.get(email)!, '127.0.0.1', NOW)).token);
    await c.refreshCsrf();
    return c;
  }));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function run(): Promise<BenchResult[]> {
  const pg = await startPostgres();
  if (pg.info.mode !== 'postgres') throw new Error('PostgreSQL est requis pour ce banc (paquet postgresql).');
  const { db } = await createTestDatabase(pg.info);
  const server = createServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const config = readConfig({ NODE_ENV: 'test', PUBLIC_URL: url, DATA_DIR: '.tmp/bench-booking' });
  const portal = await bootPortal(config, pino({ level: 'silent' }), { db, clock: { now: () => NOW }, worker: false });
  server.on('request', createApp(portal.deps));
  try {
    // Template week: 4 children × (matin, cantine, soir on Mon/Tue/Thu/Fri + mercredi).
    const weekly = [await createActivity(db, 'B-MATIN', null), await createActivity(db, 'B-CANTINE', null), await createActivity(db, 'B-SOIR', null)];
    const wednesday = await createActivity(db, 'B-MERCREDI', null, { calendar: JSON.stringify({ zone: 'C', opens: ['wednesdays'], closedDays: [] }) });
    const families = await createCrowd(db, 'bench-tpl', WARM_UP + TEMPLATE_RUNS, 4, [...weekly, wednesday]);
    const parents = await signedIn(db, url, families.map((f) => f.email));
    const template: number[] = [];
    const bare: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARM_UP + TEMPLATE_RUNS; i++) {
      const pattern = families[i].childIds.flatMap((childId) => [
        ...weekly.map((activityId) => ({ childId, activityId, weekdays: [1, 2, 4, 5] })),
        { childId, activityId: wednesday, weekdays: [3] },
      ]);
      const t0 = performance.now();
      const res = await parents[i].post('/api/planning/template', { from: '2026-09-01', to: '2027-07-02', every: 1, pattern });
      template.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`semaine type : ${res.status} ${res.text.slice(0, 200)}`);
      // The same rows, deleted then written by a bare multi-row INSERT (same chunks of 1,000).
      const written = await db('reservations').where({ family_id: families[i].familyId })
        .select('family_id', 'child_id', 'activity_id', 'date', 'status', 'waiting_rank', 'price_cents', 'over_capacity');
      rows = written.length;
      await db('reservations').where({ family_id: families[i].familyId }).del();
      const t1 = performance.now();
      await db.transaction(async (trx) => {
        for (let j = 0; j < written.length; j += 1000) await trx('reservations').insert(written.slice(j, j + 1000));
      });
      bare.push(performance.now() - t1);
    }
    const templateMs = median(template.slice(WARM_UP));
    const bareMs = median(bare.slice(WARM_UP));

    // Opening-day rush: every parent books the same week for one child in two activities.
    const canteen = await createActivity(db, 'R-CANTINE', Math.floor(PARENTS * 0.6));
    const evening = await createActivity(db, 'R-SOIR', Math.floor(PARENTS * 0.3));
    const crowd = await createCrowd(db, 'bench-rush', PARENTS, 1, [canteen, evening]);
    const rushers = await signedIn(db, url, crowd.map((f) => f.email));
    // Baseline in the same run: the same 500 sessions reading their family record at once.
    const baseline: number[] = [];
    await Promise.all(rushers.map(async (client) => {
      const start = performance.now();
      await client.get('/api/family');
      baseline.push(performance.now() - start);
    }));
    const latencies: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    await Promise.all(rushers.map(async (client, p) => {
      const childId = crowd[p].childIds[0];
      const start = performance.now();
      try {
        const res = await client.post('/api/planning/requests', { requests: [canteen, evening].flatMap((activityId) => WEEK.map((date) => ({ childId, activityId, date, action: 'book' }))) });
        if (res.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - start);
    }));
    const wall = performance.now() - t0;
    const over = await db.raw(
      `SELECT coalesce(sum(greatest(n - capacity, 0)), 0) AS over FROM (
         SELECT r.activity_id, r.date, count(*) AS n, max(a.capacity) AS capacity FROM reservations r JOIN activities a ON a.id = r.activity_id
         WHERE r.activity_id IN (?, ?) AND r.status IN ('booked', 'requested') AND NOT r.over_capacity GROUP BY r.activity_id, r.date) x`,
      [canteen, evening],
    );
    const overbooked = Number(over.rows[0].over);
    const p99 = percentile(latencies, 99);
    console.log(`  semaine type : ${rows} réservations par requête ; ruée : ${PARENTS} parents × 8 demandes en ${Math.round(wall)} ms, p50 ${Math.round(percentile(latencies, 50))} ms`);
    return [
      { name: `semaine type, 4 enfants sur l'année scolaire (${rows} réservations, une requête)`, value: templateMs, unit: 'ms', baseline: { name: 'INSERT multi-lignes nu des mêmes lignes', value: bareMs }, target: '≤ 3 × INSERT nu', met: templateMs <= 3 * bareMs },
      { name: `ruée d'ouverture, ${PARENTS} parents simultanés : erreurs`, value: errors, unit: 'requêtes', target: '0', met: errors === 0 },
      { name: `ruée d'ouverture : places attribuées au-delà de la capacité`, value: overbooked, unit: 'places', target: '0', met: overbooked === 0 },
      { name: `ruée d'ouverture : p99 d'une demande de 8 réservations`, value: p99, unit: 'ms', baseline: { name: `p99 de ${PARENTS} GET /api/family simultanés`, value: percentile(baseline, 99) } },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await portal.close();
    await db.destroy();
    await pg.stop();
  }
}

if (process.argv[1]?.endsWith('booking.ts')) {
  for (const r of await run()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.baseline ? ` (${r.baseline.name} : ${r.baseline.value.toFixed(1)})` : ''}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'}`);
}
