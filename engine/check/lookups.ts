// Checks of the x-lookup keywords of a schema.json: each names a known source, item fields
// that exist, and a filter that uses known json-logic operators and existing data paths.
import { LOOKUP_KEYWORD, LOOKUP_SOURCES, lookupFields } from '../lookups.js';
import { unknownOperators, varsOf } from '../logic.js';
import type { IssueList } from './issues.js';

/** Roots a filter (or a label expression) reads; item is the candidate item. */
export const LOOKUP_FILTER_ROOTS = ['item', 'answers', 'family', 'child', 'dossiers', 'schoolYear', 'targetSchoolYear', 'today'] as const;

const ALLOWED_KEYS = new Set(['source', 'filter', 'value', 'label']);

/**
 * `pathIssue` checks a non-item path (answers…, family…, child…) the same way as the other
 * rules of the démarche; it is passed in by references.ts.
 */
export function checkLookups(
  issues: IssueList,
  file: string,
  schema: Record<string, unknown>,
  pathIssue: (path: string, roots: readonly string[]) => string | undefined,
): void {
  const reachable = new Set(lookupFields(schema).map((f) => `/${f.schemaPath.join('/')}`.replace(/\/$/, '')));
  for (const { pointer, value } of keywordsIn(schema, '')) {
    const at = `${pointer}/${LOOKUP_KEYWORD}`;
    if (!reachable.has(pointer)) {
      issues.add(file, at, 'SCHEMA_INVALID', `« ${LOOKUP_KEYWORD} » n'est permis que sur une propriété ou sur « items », atteints depuis la racine par properties/items (pas dans definitions ni dans une condition).`);
      continue;
    }
    checkOne(issues, file, at, value, pathIssue);
  }
}

function checkOne(
  issues: IssueList,
  file: string,
  at: string,
  raw: unknown,
  pathIssue: (path: string, roots: readonly string[]) => string | undefined,
): void {
  const sources = Object.keys(LOOKUP_SOURCES).join(', ');
  if (typeof raw === 'string') {
    if (!LOOKUP_SOURCES[raw]) issues.add(file, at, 'UNKNOWN_LOOKUP', `Source de choix inconnue « ${raw} » (sources : ${sources}).`, 'voir engine/meta/facts.schema.json#/properties/lookups');
    return;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.add(file, at, 'SCHEMA_INVALID', `« ${LOOKUP_KEYWORD} » vaut le nom d'une source ou un objet {source, filter, value, label}.`);
    return;
  }
  const spec = raw as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!ALLOWED_KEYS.has(key)) issues.add(file, `${at}/${key}`, 'SCHEMA_INVALID', `Clé inconnue « ${key} » (clés permises : ${[...ALLOWED_KEYS].join(', ')}).`);
  }
  const fields = typeof spec.source === 'string' ? LOOKUP_SOURCES[spec.source] : undefined;
  if (!fields) {
    issues.add(file, `${at}/source`, 'UNKNOWN_LOOKUP', `Source de choix inconnue « ${String(spec.source)} » (sources : ${sources}).`, 'voir engine/meta/facts.schema.json#/properties/lookups');
    return;
  }
  const source = spec.source as string;
  if (spec.value !== undefined && (typeof spec.value !== 'string' || !fields.includes(spec.value))) {
    issues.add(file, `${at}/value`, 'UNKNOWN_FIELD', `Les éléments de « ${source} » n'ont pas de champ « ${String(spec.value)} » (champs : ${fields.join(', ')}).`);
  }
  if (typeof spec.label === 'string' && !fields.includes(spec.label)) {
    issues.add(file, `${at}/label`, 'UNKNOWN_FIELD', `Les éléments de « ${source} » n'ont pas de champ « ${spec.label} » (champs : ${fields.join(', ')}).`);
  } else if (spec.label !== undefined && typeof spec.label !== 'string') {
    checkExpression(issues, file, `${at}/label`, spec.label, source, fields, pathIssue);
  }
  if (spec.filter !== undefined) checkExpression(issues, file, `${at}/filter`, spec.filter, source, fields, pathIssue);
}

function checkExpression(
  issues: IssueList,
  file: string,
  at: string,
  rule: unknown,
  source: string,
  fields: string[],
  pathIssue: (path: string, roots: readonly string[]) => string | undefined,
): void {
  for (const { op, pointer } of unknownOperators(rule)) {
    issues.add(file, `${at}${pointer}`, 'UNKNOWN_OPERATOR', `Opérateur json-logic inconnu « ${op} ».`);
  }
  for (const { path, pointer } of varsOf(rule)) {
    const [root, field] = path.split('.');
    let problem: string | undefined;
    if (root === 'item') {
      if (field !== undefined && !fields.includes(field)) {
        problem = `« ${path} » : les éléments de « ${source} » n'ont pas de champ « ${field} » (champs : ${fields.join(', ')}).`;
      }
    } else {
      problem = pathIssue(path, LOOKUP_FILTER_ROOTS);
    }
    if (problem) issues.add(file, `${at}${pointer}`, 'UNKNOWN_FIELD', problem);
  }
}

/** Every x-lookup anywhere in a schema, with the pointer of the node that carries it. */
function keywordsIn(node: unknown, at: string): { pointer: string; value: unknown }[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((v, i) => keywordsIn(v, `${at}/${i}`));
  const out: { pointer: string; value: unknown }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === LOOKUP_KEYWORD) out.push({ pointer: at, value });
    else out.push(...keywordsIn(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}
