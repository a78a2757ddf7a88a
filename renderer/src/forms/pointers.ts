// JSON pointers between the three spellings the form meets: UI schema scopes
// ("#/properties/a/properties/b"), answer pointers ("/a/b", Ajv's instancePath) and JSONForms
// data paths ("a.b", "list.0.name").
import type { FieldError } from '../../../engine/types.js';

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** "#/properties/a/properties/b" → "/a/b"; array items become "*". */
export function scopeToPointer(scope: string): string {
  const tokens = scope.replace(/^#/, '').split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'properties') out.push(tokens[++i]);
    else if (tokens[i] === 'items') out.push('*');
  }
  return out.length ? `/${out.join('/')}` : '';
}

export const pointerToPath = (pointer: string) => pointer.split('/').filter(Boolean).map(unescape).join('.');
export const pathToPointer = (path: string) => (path ? `/${path.split('.').join('/')}` : '');

/** Where a field error belongs: a "required" error is about the missing property itself. */
export function errorPointer(e: Pick<FieldError, 'instancePath' | 'keyword' | 'params'>): string {
  if (e.keyword === 'required' && e.params?.missingProperty !== undefined) return `${e.instancePath}/${String(e.params.missingProperty)}`;
  return e.instancePath;
}

/** Whether `pointer` is `base` or lies under it ("*" in base matches any array index). */
export function isUnder(pointer: string, base: string): boolean {
  const a = pointer.split('/');
  const b = base.split('/');
  return a.length >= b.length && b.every((token, i) => token === '*' || token === a[i]);
}

export function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of pointer.split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescape(token)];
  }
  return node;
}

export type SchemaNode = Record<string, any>;

/** Follows local $refs ("#/definitions/adresse"); a title next to the $ref wins. */
export function resolveRef(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current && typeof current.$ref === 'string' && guard < 20; guard++) {
    let target: any = root;
    for (const token of current.$ref.replace(/^#/, '').split('/').filter(Boolean)) target = target?.[unescape(token)];
    current = target ? { ...target, ...(current.title ? { title: current.title } : {}) } : undefined;
  }
  return current;
}

/**
 * A readable name for the field at an answer pointer: "Nouvelle adresse › Code postal",
 * "Responsables légaux n° 2 › Nom"; "*" (every item, as an agent's correction names it) reads
 * "Personnes à contacter (chaque élément) › Nom".
 */
export function labelAt(schema: SchemaNode, pointer: string): string {
  const parts: string[] = [];
  let node = resolveRef(schema, schema);
  for (const token of pointer.split('/').filter(Boolean)) {
    if (!node) break;
    if ((token === '*' || /^\d+$/.test(token)) && node.items) {
      if (parts.length) parts[parts.length - 1] += token === '*' ? ' (chaque élément)' : ` n° ${Number(token) + 1}`;
      node = resolveRef(schema, node.items);
      continue;
    }
    node = resolveRef(schema, node.properties?.[unescape(token)]);
    parts.push(typeof node?.title === 'string' ? node.title : unescape(token));
  }
  return parts.join(' › ') || 'Formulaire';
}
