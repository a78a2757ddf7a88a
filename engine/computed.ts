// Computed answers (procedure.json "computed"): values the engine derives from the other
// answers and the facts with json-logic — a household's parts from its children, a quotient
// from income and parts. The parent sees them read-only; the engine recomputes them whenever
// it takes answers (start, SAVE, and any workflow event from an editable status), so a value
// sent by a client is never kept. Pure: rules read only what they are given.
import { evaluate, varsOf } from './logic.js';
import { getAt, parsePointer, schemaAtAnswerPointer, setAt } from './pointer.js';
import type { ComputedSpec } from './types.js';

/** Rounds half away from zero to `decimals` places (tolerant of binary noise: 1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) || 1) * Math.round(Math.abs(value) * factor + 1e-7) / factor;
}

function normalize(spec: ComputedSpec, value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return spec.decimals === undefined ? value : roundTo(value, spec.decimals);
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return undefined; // objects and lists are not computed values
}

function removeAt(answers: Record<string, unknown>, pointer: string): Record<string, unknown> {
  if (getAt(answers, pointer) === undefined) return answers;
  const tokens = parsePointer(pointer);
  const parent = tokens.slice(0, -1);
  const holder = getAt(answers, parent.length ? '/' + parent.join('/') : '') as Record<string, unknown>;
  const { [tokens[tokens.length - 1]!]: _gone, ...rest } = holder;
  return parent.length ? setAt(answers, '/' + parent.join('/'), rest) : rest;
}

/**
 * The answers with every computed value (re)evaluated, in the order of the list: a later rule
 * reads earlier results as answers.<path>. `data` is what rules read besides the answers (the
 * facts, selections…: engine/rule-data.ts). A rule giving null, a non-finite number, an
 * object or a list leaves its answer absent.
 */
export function applyComputed(computed: ComputedSpec[] | undefined, answers: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  if (!computed?.length) return answers;
  let current = answers;
  for (const spec of computed) {
    let value: unknown;
    try {
      value = normalize(spec, evaluate(spec.rule, { ...data, answers: current }));
    } catch {
      value = undefined; // a rule failing on odd answers (a string where a number was expected) computes nothing
    }
    // Unchanged values keep the answers object as it is (a form can compare by identity).
    if (getAt(current, spec.answer) === value) continue;
    current = value === undefined ? removeAt(current, spec.answer) : setAt(current, spec.answer, value);
  }
  return current;
}

/** Answer pointers of computed values. */
export function computedPointers(computed: ComputedSpec[] | undefined): string[] {
  return (computed ?? []).map((c) => c.answer);
}

/**
 * What a client needs to recompute the values live as the parent types: the values of the
 * fact paths the rules read (family.children…), without the answers. Rules reading
 * selections or changed are recomputed by the server only (at each save).
 */
export function computedInputs(computed: ComputedSpec[] | undefined, data: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const spec of computed ?? []) {
    for (const { path } of varsOf(spec.rule)) {
      const [head] = path.split('.');
      if (head === 'answers' || head === 'selections' || head === 'changed') continue;
      // The shortest prefix that has a value: "family.children.length" keeps family.children.
      const tokens = path.split('.');
      for (let i = 1; i <= tokens.length; i++) {
        const value = getAt(data, '/' + tokens.slice(0, i).join('/'));
        if (value === undefined || value === null || typeof value !== 'object' || i === tokens.length) {
          if (value !== undefined) out = setAt(out, '/' + tokens.slice(0, i).join('/'), value);
          break;
        }
      }
    }
  }
  return out;
}

/** The schema with computed properties marked readOnly (the renderer shows them as text, not inputs). */
export function withComputedReadOnly(schema: Record<string, unknown>, computed: ComputedSpec[] | undefined): Record<string, unknown> {
  if (!computed?.length) return schema;
  let out = schema;
  for (const spec of computed) {
    const tokens = parsePointer(spec.answer);
    const path = tokens.flatMap((t) => ['properties', t]);
    if (!schemaAtAnswerPointer(out, spec.answer)) continue;
    // Only plain properties paths are marked ($ref'd sub-schemas are left as they are).
    let cursor: unknown = out;
    for (const t of path) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[t] : undefined;
    if (!cursor || typeof cursor !== 'object') continue;
    out = setAt(out, '/' + path.join('/'), { ...(cursor as object), readOnly: true });
  }
  return out;
}
