// npm run bench — every benchmark module in turn, then one table of every figure next to its
// baseline and target, also written as JSON (.tmp/bench-results.json). Not a timed test:
// machines are shared and noisy, so figures are printed, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchModule, BenchResult } from './types.js';

const modules: [string, () => Promise<BenchModule>][] = [
  ['moteur', () => import('./engine.js')],
  ['serveur', () => import('./server.js')],
  ["files d'attente des agents", () => import('./queue.js')],
  ['application des parents', () => import('./bundle.js')],
  ['réservations', () => import('./booking.js')],
  ['facturation mensuelle', () => import('./invoicing.js')],
];

const results: BenchResult[] = [];
for (const [name, load] of modules) {
  console.log(`\n== ${name} ==`);
  try {
    const found = await (await load()).run();
    for (const r of found) console.log(`  ${r.name}: ${format(r.value)} ${r.unit}`);
    results.push(...found);
  } catch (error) {
    console.error(`  échec du banc « ${name} » : ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

function format(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('fr-FR') : n.toFixed(2);
}

console.log('\n| mesure | valeur | référence (même exécution) | rapport | cible | atteinte |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const base = r.baseline ? `${format(r.baseline.value)} ${r.unit} (${r.baseline.name})` : '—';
  const ratio = r.baseline ? (r.value / r.baseline.value).toFixed(2) : '—';
  const met = r.met === undefined ? '—' : r.met ? 'oui' : 'non';
  console.log(`| ${r.name} | ${format(r.value)} ${r.unit} | ${base} | ${ratio} | ${r.target ?? '—'} | ${met} |`);
}
mkdirSync('.tmp', { recursive: true });
writeFileSync('.tmp/bench-results.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
console.log('\nRésultats écrits dans .tmp/bench-results.json');
