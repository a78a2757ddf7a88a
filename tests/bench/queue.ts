// Back-office queue with 1,000,000 dossiers: time of the first page and of a page deep in the
// queue (keyset on (submitted_at, id)), next to the bare indexed query and to OFFSET
// pagination at the same depth, measured in the same run (target: deep ≤ 2 × first, < 20 ms).
import { performance } from 'node:perf_hooks';
import { startPostgres, createTestDatabase } from '../helpers/pg.js';
import { shippedDefinitions } from '../helpers/definitions.js';
import { storeVersion } from '../../server/catalog/published.js';
import { listQueue } from '../../server/backoffice/queue.js';
import type { AppDeps } from '../../server/deps.js';
import { median, type BenchResult } from './types.js';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const FAMILIES = 20_000;
const DEPTH = Math.floor(DOSSIERS * 0.6);

async function timed(fn: () => Promise<unknown>, runs = 30): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<BenchResult[]> {
  const pg = await startPostgres();
  if (pg.info.mode !== 'postgres') throw new Error('PostgreSQL est requis pour ce banc (paquet postgresql).');
  const { db } = await createTestDatabase(pg.info);
  try {
    const { catalog } = await shippedDefinitions();
    for (const p of catalog.procedures) await storeVersion(db, p);
    const versions = ['02', '04', '06', '09'].map((code) => catalog.byCode.get(code)?.versionId).filter(Boolean) as string[];
    const seedStart = performance.now();
    await db.raw(`INSERT INTO families (name) SELECT 'FAMILLE ' || g FROM generate_series(1, ${FAMILIES}) g`);
    await db.raw(
      `WITH fam AS (SELECT array_agg(id) AS ids FROM families), v AS (SELECT ?::text[] AS ids)
       INSERT INTO dossiers (family_id, procedure_code, version_id, status, answers, notice_confirmed, submitted_at)
       SELECT fam.ids[1 + g % ${FAMILIES}], substr(v.ids[1 + g % array_length(v.ids, 1)], 1, 0) || (ARRAY['02','04','06','09'])[1 + g % array_length(v.ids, 1)],
              v.ids[1 + g % array_length(v.ids, 1)], CASE WHEN g % 10 < 8 THEN 'submitted' ELSE 'accepted' END, '{}', true,
              timestamp '2026-01-01' + (g * interval '13 seconds')
       FROM generate_series(1, ${DOSSIERS}) g, fam, v`,
      [versions],
    );
    await db.raw('ANALYZE');
    console.log(`  ${DOSSIERS.toLocaleString('fr-FR')} dossiers créés en ${Math.round((performance.now() - seedStart) / 1000)} s`);

    const deps = { db, catalog, clock: { now: () => new Date('2026-12-01T08:00:00Z') } } as unknown as AppDeps;
    const queued = Number((await db('dossiers').where({ status: 'submitted' }).count({ n: '*' }))[0].n);
    const depth = Math.min(DEPTH, queued - 100);
    const anchor = await db('dossiers').where({ status: 'submitted' }).orderBy([{ column: 'submitted_at' }, { column: 'id' }]).offset(depth).first('submitted_at', 'id');
    const cursor = Buffer.from(JSON.stringify([new Date(anchor.submitted_at).toISOString(), anchor.id])).toString('base64url');

    const first = await timed(() => listQueue(deps, 'bench', { limit: 50 }));
    const deep = await timed(() => listQueue(deps, 'bench', { limit: 50, after: cursor }));
    const bare = await timed(() => db.raw("SELECT id FROM dossiers WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 50"));
    const offset = await timed(() => db.raw(`SELECT id FROM dossiers WHERE status = 'submitted' ORDER BY submitted_at, id OFFSET ${depth} LIMIT 50`), 5);
    return [
      { name: `file d'attente, première page (${DOSSIERS.toLocaleString('fr-FR')} dossiers)`, value: first, unit: 'ms', baseline: { name: 'SELECT indexé nu, première page', value: bare }, target: '< 20 ms', met: first < 20 },
      { name: `file d'attente, page profonde (${depth.toLocaleString('fr-FR')}ᵉ dossier, curseur)`, value: deep, unit: 'ms', baseline: { name: `OFFSET ${depth.toLocaleString('fr-FR')} nu`, value: offset }, target: '≤ 2 × première page et < 20 ms', met: deep <= 2 * first && deep < 20 },
    ];
  } finally {
    await db.destroy();
    await pg.stop();
  }
}
