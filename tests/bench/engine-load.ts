// Child process of the engine benchmark: one cold load + check + compile of the shipped
// definitions, and the bare baseline (parse the files, compile each schema.json with a fresh
// Ajv), both measured after the modules are imported. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { readDefinitionsFolder } from '../../engine/fs-loader.js';
import { loadDefinitions } from '../../engine/index.js';

const dir = process.argv[2];
const which = process.argv[3];
const started = performance.now();
if (which === 'engine') {
  const { issues } = loadDefinitions(await readDefinitionsFolder(dir));
  if (issues.length) throw new Error(`${issues.length} problème(s) dans les définitions`);
} else {
  const set = await readDefinitionsFolder(dir);
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const p of set.procedures) {
    JSON.parse(await readFile(`${dir}/procedures/${p.folder}/schema.json`, 'utf8'));
    ajv.compile(p.schema as object);
  }
}
console.log(JSON.stringify({ ms: performance.now() - started }));
