// npm run definitions:check [dir] — prints every problem of a definitions folder, exits 1 if any.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDefinitionsFolder } from '../fs-loader.js';
import { loadDefinitions } from '../check/index.js';
import { formatIssue } from '../check/issues.js';

const dir = resolve(process.argv[2] ?? 'definitions');
const started = performance.now();
const set = await readDefinitionsFolder(dir);
const { issues, catalog } = loadDefinitions(set);
const ms = Math.round(performance.now() - started);
if (issues.length > 0) {
  for (const issue of issues) console.error(formatIssue(issue));
  console.error(`\n${issues.length} problème(s) dans ${dir}.`);
  process.exit(1);
}
console.log(`${catalog!.procedures.length} démarche(s) valides dans ${dir} (${ms} ms) :`);
for (const p of catalog!.procedures) console.log(`  ${p.code} ${p.spec.title}  [version ${p.versionId}]`);
