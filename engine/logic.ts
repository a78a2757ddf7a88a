// json-logic: the one expression language of definitions (prerequisites, conditions,
// effect parameters). Wrapped so the rest of the engine never imports json-logic-js directly.
import jsonLogic from 'json-logic-js';

/** Evaluates a json-logic expression over data. Non-object rules are returned as they are. */
export function evaluate(rule: unknown, data: unknown): unknown {
  return jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
}

export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

/** Every {"var": …} path a rule reads, with the JSON pointer of the var inside the rule. */
export function varsOf(rule: unknown, at = ''): { path: string; pointer: string }[] {
  if (Array.isArray(rule)) return rule.flatMap((r, i) => varsOf(r, `${at}/${i}`));
  if (!rule || typeof rule !== 'object') return [];
  const out: { path: string; pointer: string }[] = [];
  for (const [op, arg] of Object.entries(rule as Record<string, unknown>)) {
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === 'string' && name !== '') out.push({ path: name, pointer: `${at}/var` });
      else if (typeof name === 'number') out.push({ path: String(name), pointer: `${at}/var` });
    } else if (op === 'map' || op === 'filter' || op === 'all' || op === 'some' || op === 'none' || op === 'reduce') {
      // The inner expressions of these run over each item: only the list argument reads the data.
      const args = Array.isArray(arg) ? arg : [arg];
      out.push(...varsOf(args[0], `${at}/${op}/0`));
    } else {
      out.push(...varsOf(arg, `${at}/${op}`));
    }
  }
  return out;
}

/** Operators json-logic knows, to refuse a rule that would fail at run time. */
export function unknownOperators(rule: unknown, at = ''): { op: string; pointer: string }[] {
  if (Array.isArray(rule)) return rule.flatMap((r, i) => unknownOperators(r, `${at}/${i}`));
  if (!rule || typeof rule !== 'object') return [];
  const entries = Object.entries(rule as Record<string, unknown>);
  if (entries.length !== 1) return [{ op: entries.map(([k]) => k).join(', ') || '{}', pointer: at }];
  const [op, arg] = entries[0];
  const known = (jsonLogic as unknown as { is_logic: (x: unknown) => boolean }).is_logic(rule) && KNOWN_OPS.has(op);
  const here = known ? [] : [{ op, pointer: at }];
  return [...here, ...unknownOperators(arg, `${at}/${op}`)];
}

const KNOWN_OPS = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all',
  'none', 'some', 'merge', 'in', 'cat', 'substr', 'log',
]);
