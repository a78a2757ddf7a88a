// Answers shown masked once given (IBAN…): a property of schema.json marked "x-masked": true
// is replaced, in mails and in what is shown after submission, by its first four and last
// three characters ("FR76 •••• •••• •••• •••• ••• 189"). The stored answers keep the value.
import { formatPointer, parsePointer } from './pointer.js';

export const MASK_KEYWORD = 'x-masked';

type Schema = Record<string, unknown>;

const cache = new WeakMap<object, string[]>();

/** Answer pointers (with "*" for array items) of the masked properties of a schema. */
export function maskedPointers(schema: Schema): string[] {
  const cached = cache.get(schema);
  if (cached) return cached;
  const out: string[] = [];
  const visit = (node: unknown, tokens: string[]) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Schema;
    if (n[MASK_KEYWORD] === true) out.push(formatPointer(tokens));
    for (const [name, sub] of Object.entries((n.properties as Schema | undefined) ?? {})) visit(sub, [...tokens, name]);
    if (n.items && typeof n.items === 'object' && !Array.isArray(n.items)) visit(n.items, [...tokens, '*']);
  };
  visit(schema, []);
  cache.set(schema, out);
  return out;
}

/** A value as shown masked: spaces dropped, all but the first four and last three characters hidden. */
export function maskValue(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (compact.length <= 7) return '•'.repeat(compact.length);
  const hidden = compact.slice(0, 4) + '•'.repeat(compact.length - 7) + compact.slice(-3);
  return hidden.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A copy of the answers with every x-masked value masked. */
export function maskedAnswers(procedure: { schema: Schema }, answers: Record<string, unknown>): Record<string, unknown> {
  const pointers = maskedPointers(procedure.schema);
  if (pointers.length === 0) return answers;
  const copy = structuredClone(answers);
  for (const pointer of pointers) maskAt(copy, parsePointer(pointer));
  return copy;
}

function maskAt(node: unknown, tokens: string[]): void {
  if (!node || typeof node !== 'object' || tokens.length === 0) return;
  const [head, ...rest] = tokens;
  const keys = head === '*' && Array.isArray(node) ? node.map((_, i) => String(i)) : [head];
  for (const key of keys) {
    const container = node as Record<string, unknown>;
    if (rest.length === 0) {
      if (typeof container[key] === 'string') container[key] = maskValue(container[key] as string);
    } else maskAt(container[key], rest);
  }
}
