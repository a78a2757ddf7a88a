// Monthly invoicing of N families (default 2,000) with 16 booked canteen days each, on
// PostgreSQL: the full run (per-family transaction, lock, pricing, numbering), the re-run that
// finds everything billed, and two concurrent runs — next to the bare set-based SQL that
// writes the same invoices and lines in two statements (no pricing rules, no per-family safety).
import { performance } from 'node:perf_hooks';
import { startPostgres, createTestDatabase } from '../helpers/pg.js';
import { runInvoicing } from '../../server/billing/invoicing-run.js';
import type { BenchResult } from './types.js';

const FAMILIES = Number(process.env.BENCH_INVOICE_FAMILIES ?? 2000);
const DAYS = ['02', '03', '05', '06', '09', '10', '12', '13', '16', '17', '19', '20', '23', '24', '26', '27'].map((d) => `2026-11-${d}`);
const NOW = new Date('2026-12-02T08:00:00Z');

async function seed(db: import('../../server/db.js').Db): Promise<string> {
  const [activity] = await db('activities').insert({ code: 'CANTINE', name: 'Restauration scolaire', kind: 'canteen', calendar: JSON.stringify({ zone: 'C', opens: ['schoolDays'] }) }).returning('id');
  await db('tariffs').insert([
    { activity_id: activity.id, school_year: '2026-2027', qf_min: 0, qf_max: 900, unit_price_cents: 280 },
    { activity_id: activity.id, school_year: '2026-2027', qf_min: 900.01, qf_max: null, unit_price_cents: 420 },
  ]);
  await db.raw(`INSERT INTO families (name) SELECT 'FAMILLE ' || g FROM generate_series(1, ${FAMILIES}) g`);
  await db.raw(`INSERT INTO children (first_name, last_name) SELECT 'Enfant', name FROM families`);
  await db.raw(`INSERT INTO family_children (family_id, child_id) SELECT f.id, c.id FROM families f JOIN children c ON c.last_name = f.name`);
  await db.raw(`INSERT INTO family_quotients (family_id, value, valid_from, valid_to) SELECT id, 400 + (random() * 1200)::int, '2026-09-01', '2027-08-31' FROM families`);
  await db.raw(
    `INSERT INTO reservations (family_id, child_id, activity_id, date, status)
     SELECT fc.family_id, fc.child_id, ?, d::date, 'booked' FROM family_children fc, unnest(?::text[]) d`,
    [activity.id, DAYS],
  );
  await db.raw('ANALYZE');
  return activity.id;
}

export async function run(): Promise<BenchResult[]> {
  const pg = await startPostgres();
  if (pg.info.mode !== 'postgres') throw new Error('PostgreSQL est requis pour ce banc (paquet postgresql).');
  const { db } = await createTestDatabase(pg.info);
  const { db: bare } = await createTestDatabase(pg.info);
  try {
    await seed(db);
    const lines = FAMILIES * DAYS.length;
    let t0 = performance.now();
    const first = await runInvoicing(db, { month: '2026-11', now: NOW });
    const full = performance.now() - t0;
    if (first.linesCreated !== lines) throw new Error(`${first.linesCreated} lignes au lieu de ${lines}`);
    t0 = performance.now();
    const again = await runInvoicing(db, { month: '2026-11', now: NOW });
    const rerun = performance.now() - t0;
    if (again.linesCreated !== 0) throw new Error('la relance a facturé à nouveau');

    // Two runs at once on a fresh month: each day billed once.
    await db.raw(`INSERT INTO reservations (family_id, child_id, activity_id, date, status)
      SELECT family_id, child_id, activity_id, date - 31, 'booked' FROM reservations WHERE date BETWEEN '2026-11-01' AND '2026-11-30'`);
    t0 = performance.now();
    const both = await Promise.all([runInvoicing(db, { month: '2026-10', now: NOW }), runInvoicing(db, { month: '2026-10', now: NOW })]);
    const concurrent = performance.now() - t0;
    const octLines = both[0].linesCreated + both[1].linesCreated;
    if (octLines !== lines) throw new Error(`deux relances simultanées : ${octLines} lignes au lieu de ${lines}`);

    // Baseline: the same rows written set-based, with a fixed price and no rule.
    const activityId = await seed(bare);
    t0 = performance.now();
    await bare.transaction(async (trx) => {
      await trx.raw(`INSERT INTO invoices (number, family_id, period_start, period_end, total_cents, status)
        SELECT 'F2026-' || lpad(row_number() OVER (ORDER BY id)::text, 6, '0'), id, '2026-11-01', '2026-11-30', ${DAYS.length * 280}, 'open' FROM families`);
      await trx.raw(`INSERT INTO invoice_lines (invoice_id, date, child_id, activity_id, reservation_id, label, quantity, unit_price_cents, amount_cents)
        SELECT i.id, r.date, r.child_id, r.activity_id, r.id, 'Restauration scolaire', 1, 280, 280 FROM reservations r JOIN invoices i ON i.family_id = r.family_id WHERE r.activity_id = ?`, [activityId]);
    });
    const setBased = performance.now() - t0;
    const perFamily = full / FAMILIES;
    return [
      { name: `facturation d'un mois (${FAMILIES.toLocaleString('fr-FR')} familles, ${lines.toLocaleString('fr-FR')} lignes)`, value: full / 1000, unit: 's', baseline: { name: 'INSERT … SELECT nus des mêmes factures et lignes', value: setBased / 1000 }, target: '< 60 s pour 2 000 familles', met: FAMILIES > 2000 || full < 60_000 },
      { name: 'facturation, par famille', value: perFamily, unit: 'ms' },
      { name: 'relance du même mois (rien à facturer)', value: rerun / 1000, unit: 's' },
      { name: 'deux facturations simultanées du même mois (chaque jour facturé une fois)', value: concurrent / 1000, unit: 's' },
    ];
  } finally {
    await db.destroy();
    await bare.destroy();
    await pg.stop();
  }
}
