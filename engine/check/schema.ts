// Checks of a démarche's schema.json: known keywords only (with exact pointers), safe
// patterns, local references, and that Ajv compiles it.
import { answersValidatorFactory, EXTRA_SCHEMA_KEYWORDS } from '../ajv.js';
import { unsafePatternReason } from './bounds.js';
import type { IssueList } from './issues.js';

const SCHEMA_VALUED = new Set(['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
const SCHEMA_ARRAYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const PLAIN = new Set([
  '$id', '$schema', '$ref', '$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly',
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'required', 'contentMediaType', 'contentEncoding', 'dependencies',
  ...EXTRA_SCHEMA_KEYWORDS,
]);

/**
 * Checks schema.json and compiles it with the shared answers Ajv (which caches it by the
 * schema object, so compiling the démarche afterwards costs nothing). Pass a scratch Ajv to
 * check a draft that may never be used (the admin editor), so failures leave nothing behind.
 */
export function checkAnswerSchema(issues: IssueList, file: string, schema: unknown, ajv = answersValidatorFactory()): boolean {
  const before = issues.items.length;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    issues.add(file, '#', 'SCHEMA_INVALID', 'schema.json doit être un objet JSON Schema.');
    return false;
  }
  if ((schema as Record<string, unknown>).type !== 'object') {
    issues.add(file, '#/type', 'SCHEMA_INVALID', 'La racine de schema.json doit être de type "object" (les réponses du dossier).');
  }
  walk(issues, file, schema, '');
  if (issues.items.length > before) return false;
  try {
    ajv.compile(schema as object);
  } catch (error) {
    issues.add(file, '#', 'SCHEMA_INVALID', `Ajv refuse le schéma : ${(error as Error).message}.`);
    return false;
  }
  return true;
}

function walk(issues: IssueList, file: string, node: unknown, at: string): void {
  if (typeof node === 'boolean') return;
  if (!node || typeof node !== 'object' || Array.isArray(node)) {
    issues.add(file, at, 'SCHEMA_INVALID', 'Un sous-schéma doit être un objet ou un booléen.');
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escape(key)}`;
    if (SCHEMA_VALUED.has(key)) walk(issues, file, value, here);
    else if (SCHEMA_ARRAYS.has(key)) {
      if (Array.isArray(value)) value.forEach((v, i) => walk(issues, file, v, `${here}/${i}`));
      else issues.add(file, here, 'SCHEMA_INVALID', `« ${key} » doit être une liste de schémas.`);
    } else if (SCHEMA_MAPS.has(key)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [name, sub] of Object.entries(value)) {
          if (key === 'patternProperties') patternIssue(issues, file, name, here);
          walk(issues, file, sub, `${here}/${escape(name)}`);
        }
      } else issues.add(file, here, 'SCHEMA_INVALID', `« ${key} » doit être un objet.`);
    } else if (key === 'items') {
      if (Array.isArray(value)) value.forEach((v, i) => walk(issues, file, v, `${here}/${i}`));
      else walk(issues, file, value, here);
    } else if (key === 'pattern') {
      if (typeof value === 'string') patternIssue(issues, file, value, here);
    } else if (key === '$ref') {
      if (typeof value !== 'string' || !value.startsWith('#/')) {
        issues.add(file, here, 'SCHEMA_INVALID', 'Seules les références locales ("#/definitions/…") sont permises.');
      }
    } else if (key === 'required') {
      const props = (node as Record<string, unknown>).properties as Record<string, unknown> | undefined;
      if (!Array.isArray(value)) issues.add(file, here, 'SCHEMA_INVALID', '« required » doit être une liste de noms de propriétés.');
      else value.forEach((name, i) => {
        if (!props || !Object.prototype.hasOwnProperty.call(props, String(name))) {
          issues.add(file, `${here}/${i}`, 'SCHEMA_INVALID', `La propriété obligatoire « ${String(name)} » n'est pas définie dans « properties ».`);
        }
      });
    } else if (!PLAIN.has(key)) {
      issues.add(file, here, 'SCHEMA_INVALID', `Mot-clé JSON Schema inconnu « ${key} ».`, 'vérifiez l’orthographe ou retirez-le');
    }
  }
}

function patternIssue(issues: IssueList, file: string, pattern: string, at: string): void {
  const reason = unsafePatternReason(pattern);
  if (reason) issues.add(file, at, 'UNSAFE_PATTERN', `Motif « ${pattern} » refusé : ${reason}.`);
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
