// Compiling a checked definition: validators, steps, the XState machine and a version id,
// built once so that interpreting an event does no compilation work.
import { setup, createActor, type AnyStateMachine, type AnyMachineSnapshot } from 'xstate';
import type { Ajv, ValidateFunction } from 'ajv';
import { versionIdOf } from './hash.js';
import { varsOf } from './logic.js';
import { answersValidatorFactory } from './ajv.js';
import { getAt, scopeToAnswerPointer, formatPointer, parsePointer } from './pointer.js';
import { availabilityWindow } from './dates.js';
import { guards, actions, type EvalContext } from './registry.js';
import type { Effect, JustificatifSpec, Mapping, ProcedureSpec, RecordEffectSpec } from './types.js';

export interface Step {
  index: number;
  label: string;
  /** Answer pointers of the step's controls; errors under them belong to the step. */
  pointers: string[];
  justificatifs: string[];
}

export interface CompiledProcedure {
  folder: string;
  code: string;
  spec: ProcedureSpec;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  workflow: WorkflowConfig;
  versionId: string;
  validate: ValidateFunction;
  validateDraft: ValidateFunction;
  steps: Step[];
  /** Every answer pointer a control writes to (what an agent may ask to correct). */
  fieldPointers: string[];
  justificatifs: JustificatifSpec[];
  justificatifByKey: Map<string, JustificatifSpec>;
  machine: AnyStateMachine;
  /** XState's pure transition from a status, returning the next snapshot and the actions as data. */
  step(status: string, event: object): { next: AnyMachineSnapshot; snapshot: AnyMachineSnapshot; actions: { type: string; params?: Record<string, unknown> }[] };
  /** Whether a computed answer reads something besides the answers (facts must be given to SAVE). */
  computedNeedsFacts: boolean;
  tagsOf(status: string): string[];
  isFinal(status: string): boolean;
  window(today: string): { opens?: string; closes?: string };
  prefill(record: { family: unknown; child?: unknown }): Record<string, unknown>;
  recordEffect(spec: RecordEffectSpec, answers: Record<string, unknown>): Effect;
}

export interface WorkflowConfig {
  id: string;
  initial: string;
  states: Record<string, WorkflowState>;
  [key: string]: unknown;
}

export interface WorkflowState {
  type?: 'final';
  tags?: string[];
  meta?: { label?: string };
  on?: Record<string, unknown>;
  always?: unknown;
  description?: string;
}

/** Keys of a JSON Schema that a draft may fail while the parent is still typing. */
const DRAFT_RELAXED = new Set([
  'required', 'pattern', 'format', 'minLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minItems', 'minProperties', 'multipleOf', 'const', 'dependencies',
  'dependentRequired', 'if', 'then', 'else',
]);

/**
 * oneOf [{const, title}…] is a labelled enum. A draft keeps neither it nor `enum`: a value
 * prefilled from an older household record ("grand-mère") must not block every autosave;
 * choices are checked at submission, like lookups.
 */
function isConstChoice(key: string, value: unknown): boolean {
  return key === 'oneOf' && Array.isArray(value) && value.every((b) => b && typeof b === 'object' && 'const' in b);
}

/** The schema a saved draft must satisfy: shapes and types, without completeness rules. */
export function draftSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draftSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DRAFT_RELAXED.has(key) || key === 'enum' || isConstChoice(key, value)) continue;
    if (key === 'properties' || key === 'definitions' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, draftSchema(v)]));
    } else if (key === 'default' || key === 'examples') {
      out[key] = value;
    } else {
      out[key] = draftSchema(value);
    }
  }
  return out;
}

/** Walks the UI schema and lists, per Category, the answer pointers and justificatif keys it holds. */
export function stepsOf(uischema: Record<string, unknown>): Step[] {
  const categories = (uischema.elements as Record<string, unknown>[]) ?? [];
  return categories.map((category, index) => {
    const pointers: string[] = [];
    const justificatifs: string[] = [];
    walkElements(category, '', (element, base) => {
      if (element.type === 'Control' && typeof element.scope === 'string') {
        pointers.push(base + scopeToAnswerPointer(element.scope));
      }
      if (element.type === 'Justificatif' && typeof element.key === 'string') justificatifs.push(element.key);
    });
    return { index, label: String(category.label ?? ''), pointers, justificatifs };
  });
}

/** Visits every UI element, descending into layouts and into array detail layouts. */
export function walkElements(
  element: Record<string, unknown>,
  base: string,
  visit: (element: Record<string, unknown>, base: string, pointer: string) => void,
  pointer = '',
): void {
  visit(element, base, pointer);
  const children = element.elements as Record<string, unknown>[] | undefined;
  children?.forEach((child, i) => walkElements(child, base, visit, `${pointer}/elements/${i}`));
  const detail = (element.options as Record<string, unknown> | undefined)?.detail as Record<string, unknown> | undefined;
  if (detail && typeof detail === 'object' && typeof element.scope === 'string') {
    walkElements(detail, `${base}${scopeToAnswerPointer(element.scope)}/*`, visit, `${pointer}/options/detail`);
  }
}

type CachedValidators = { validate: ValidateFunction; validateDraft?: ValidateFunction };
const sharedValidatorCache = new Map<string, CachedValidators>();

export function compileProcedure(input: {
  folder: string;
  spec: ProcedureSpec;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  workflow: WorkflowConfig;
  /** A scratch Ajv for a definition that may never be used (the admin editor's checks): nothing is cached. */
  ajv?: Ajv;
}): CompiledProcedure {
  const { spec, schema, uischema, workflow } = input;
  const ajv = input.ajv ?? answersValidatorFactory();
  const validatorCache = input.ajv ? new Map<string, CachedValidators>() : sharedValidatorCache;
  const versionId = versionIdOf({ procedure: spec, schema, uischema, workflow });
  // One Ajv for every version; it caches compiled schemas by object, and versions by content hash here.
  const cached = validatorCache.get(versionId);
  const validate = cached?.validate ?? ajv.compile(schema);
  let validateDraft = cached?.validateDraft;
  validatorCache.set(versionId, { validate, validateDraft });
  const steps = stepsOf(uischema);
  const justificatifs = spec.justificatifs ?? [];
  const machine = buildMachine(workflow);

  return {
    folder: input.folder,
    code: spec.code,
    spec,
    schema,
    uischema,
    workflow,
    versionId,
    validate,
    // The draft validator is compiled on the first save, not at start-up.
    get validateDraft() {
      if (!validateDraft) {
        validateDraft = ajv.compile(draftSchema(schema) as object);
        validatorCache.set(versionId, { validate, validateDraft });
      }
      return validateDraft;
    },
    steps,
    fieldPointers: [...new Set(steps.flatMap((s) => s.pointers))],
    justificatifs,
    justificatifByKey: new Map(justificatifs.map((j) => [j.key, j])),
    machine,
    step: stepper(machine),
    computedNeedsFacts: (spec.computed ?? []).some((c) => varsOf(c.rule).some((v) => !v.path.startsWith('answers.') && v.path !== 'answers')),
    tagsOf: (status) => workflow.states[status]?.tags ?? [],
    isFinal: (status) => workflow.states[status]?.type === 'final',
    window: (today) => {
      const { opens, closes } = availabilityWindow(spec.availability?.opensOn, spec.availability?.closesOn, today);
      return { opens, closes };
    },
    prefill: (record) => prefillAnswers(spec.prefill ?? [], record),
    recordEffect,
  };
}

/** Guards and actions are registry names; the guard implementations read the evaluation context from the event. */
function buildMachine(workflow: WorkflowConfig): AnyStateMachine {
  const guardImpls = Object.fromEntries(
    Object.entries(guards).map(([name, guard]) => [
      name,
      ({ event }: { event: { __ctx?: EvalContext & { failures: unknown[] } } }, params: unknown) => {
        const ctx = event.__ctx;
        if (!ctx) return false;
        const result = guard.evaluate(ctx, params as Record<string, unknown> | undefined);
        if (result === true) return true;
        if (result) ctx.failures.push(result);
        return false;
      },
    ]),
  );
  const actionImpls = Object.fromEntries(Object.keys(actions).map((name) => [name, () => undefined]));
  return setup({ guards: guardImpls as never, actions: actionImpls as never }).createMachine({
    ...(workflow as object),
    context: {},
  } as never) as unknown as AnyStateMachine;
}

/**
 * What xstate's transition() does, without building a new actor at every call: our machines
 * are flat and spawn nothing, so one inert actor scope per machine can serve every call.
 * Snapshots are immutable, so one per status is kept too.
 */
function stepper(machine: AnyStateMachine): CompiledProcedure['step'] {
  const self = createActor(machine);
  let collected: { type: string; params?: Record<string, unknown> }[] = [];
  const scope = {
    self,
    defer: () => undefined,
    id: '',
    logger: () => undefined,
    sessionId: '',
    stopChild: () => undefined,
    system: self.system,
    emit: () => undefined,
    actionExecutor: (action: { type: string; params?: Record<string, unknown> }) => {
      collected.push(action);
    },
  };
  const snapshots = new Map<string, AnyMachineSnapshot>();
  return (status, event) => {
    let snapshot = snapshots.get(status);
    if (!snapshot) {
      snapshot = machine.resolveState({ value: status, context: {} }) as AnyMachineSnapshot;
      snapshots.set(status, snapshot);
    }
    collected = [];
    const next = machine.transition(snapshot, event as never, scope as never) as AnyMachineSnapshot;
    return { next, snapshot, actions: collected };
  };
}

function recordRoot(record: { family: unknown; child?: unknown }, path: string): unknown {
  return path.split('.').reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    record,
  );
}

function renameKeys(value: unknown, fields: Record<string, string>, direction: 'toRecord' | 'toAnswers') {
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [answerKey, recordKey] of Object.entries(fields)) {
    const [from, to] = direction === 'toRecord' ? [answerKey, recordKey] : [recordKey, answerKey];
    const v = (value as Record<string, unknown>)[from];
    if (v !== undefined && v !== null) out[to] = v;
    // A mapped answer left empty clears the record's field (a withdrawn treatment must not linger).
    else if (direction === 'toRecord' && to !== 'id') out[to] = null;
  }
  return out;
}

function prefillAnswers(mappings: Mapping[], record: { family: unknown; child?: unknown }) {
  let answers: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const value = recordRoot(record, mapping.record);
    if (value === undefined || value === null) continue;
    const mapped = !mapping.fields
      ? value
      : Array.isArray(value)
        ? value.map((item) => renameKeys(item, mapping.fields!, 'toAnswers'))
        : renameKeys(value, mapping.fields, 'toAnswers');
    answers = setDeep(answers, mapping.answer, mapped);
  }
  return answers;
}

function setDeep(root: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const tokens = parsePointer(pointer);
  const copy = structuredClone(root);
  let cursor: Record<string, unknown> = copy;
  tokens.forEach((token, i) => {
    if (i === tokens.length - 1) cursor[token] = value;
    else cursor = (cursor[token] ??= {}) as Record<string, unknown>;
  });
  return copy;
}

function recordEffect(spec: RecordEffectSpec, answers: Record<string, unknown>): Effect {
  const value = getAt(answers, spec.answer);
  if (spec.kind === 'syncCollection') {
    const list = Array.isArray(value) ? value : [];
    const items = list.map((item) => (spec.fields ? renameKeys(item, spec.fields, 'toRecord') : item));
    return { kind: 'syncCollection', record: spec.record, items: items as Record<string, unknown>[], delete: !!spec.delete };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const values = spec.fields ? renameKeys(value, spec.fields, 'toRecord') : value;
    return { kind: 'updateRecord', record: spec.record, values: values as Record<string, unknown> };
  }
  const path = spec.record.split('.');
  const field = path.pop()!;
  return { kind: 'updateRecord', record: path.join('.'), values: { [field]: value } };
}

export { formatPointer, versionIdOf };
export { canonicalJson } from './hash.js';
