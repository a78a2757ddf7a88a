// Engine benchmarks: cold load + check + compile of every shipped démarche (target ≤ 300 ms
// for nine on 2 cores), and interpret throughput for SUBMIT with validation of a ~3 KB answer
// document, each next to a bare Ajv baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { transition, start } from '../../engine/index.js';
import { shippedDefinitions, DEFINITIONS_DIR } from '../helpers/definitions.js';
import { median, type BenchResult } from './types.js';

const child = fileURLToPath(new URL('./engine-load.ts', import.meta.url));
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;

function coldLoad(which: 'engine' | 'bare'): number {
  const out = spawnSync(process.execPath, ['--import', 'tsx', child, DEFINITIONS_DIR, which], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split('\n').pop()!).ms;
}

/** A ~3 KB answer document for 02: four guardians and twelve children. */
function familyAnswers() {
  const guardian = (i: number) => ({
    civilite: i % 2 ? 'Monsieur' : 'Madame', nom: `Martin-Lefebvre ${i}`, nomNaissance: 'Roca', prenom: 'Claire-Marie',
    dateNaissance: '1985-03-14', lien: i % 2 ? 'pere' : 'mere', courriel: `responsable.${i}@exemple.fr`,
    telephonePortable: '06 12 34 56 78', telephoneTravail: '04 68 96 12 34', profession: 'Infirmière en pédiatrie',
    employeur: 'Centre hospitalier de Perpignan', garde: 'conjointe',
  });
  const child = (i: number) => ({ nom: "Martin-Lefebvre", prenom: `Enfant numéro ${i}`, dateNaissance: `${2010 + i}-05-02`, sexe: i % 2 ? "M" : "F" });
  return {
    responsables: [0, 1, 2, 3].map(guardian),
    enfants: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(child),
    foyer: { telephoneDomicile: '04 68 96 12 34', numeroAllocataire: '1234567' },
  };
}

export async function run(): Promise<BenchResult[]> {
  const engineMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    engineMs.push(coldLoad('engine'));
    bareMs.push(coldLoad('bare'));
  }
  const { catalog } = await shippedDefinitions();
  const count = catalog.procedures.length;
  const load = median(engineMs);

  const procedure = catalog.byCode.get('02')!;
  const answers = familyAnswers();
  const now = new Date('2026-10-01T08:00:00Z');
  const facts = { family: { id: 'f1', name: 'Martin' }, dossiers: {}, dossier: { number: '2026-000001' } };
  const started = start(procedure, facts, now);
  if (!started.ok) throw new Error(started.refusal.message);
  const draft = { ...started.state, answers, noticeConfirmed: true };
  const size = JSON.stringify(answers).length;
  const probe = transition(procedure, draft, { type: 'SUBMIT' }, facts, now);
  if (!probe.ok || probe.state.status !== 'submitted') throw new Error(`le dossier de référence est refusé : ${JSON.stringify(probe)}`);

  const rate = (fn: () => void) => {
    for (let i = 0; i < 2000; i++) fn();
    const n = 20000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    return n / ((performance.now() - t0) / 1000);
  };
  const submit = rate(() => transition(procedure, draft, { type: 'SUBMIT' }, facts, now));
  // The same schema in a bare Ajv with the same formats: the least any implementation must do.
  const bareAjv = new Ajv({ allErrors: true, strict: false });
  addFormats(bareAjv);
  for (const format of ['iban', 'phone-fr', 'postal-code-fr']) bareAjv.addFormat(format, /.*/);
  const bareValidate = bareAjv.compile(procedure.schema);
  const bare = rate(() => bareValidate(answers));

  return [
    {
      name: `chargement + vérification + compilation de ${count} démarche(s), à froid (médiane de 5)`,
      value: load,
      unit: 'ms',
      baseline: { name: 'JSON.parse + compilation Ajv nue des schémas', value: median(bareMs) },
      target: '≤ 300 ms pour neuf démarches',
      met: load <= 300,
    },
    {
      name: `interprétation SUBMIT avec validation (${(size / 1024).toFixed(1)} Ko de réponses)`,
      value: submit,
      unit: 'évén./s',
      baseline: { name: 'validation Ajv nue du même document', value: bare },
    },
  ];
}
