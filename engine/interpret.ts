// The interpreter: (compiled démarche, dossier state, event, facts, now) → new state + effects,
// or a typed refusal. Pure: nothing here reads a clock, a database or the network.
import type { CompiledProcedure } from './compile.js';
import { actions, availabilityRefusal, isJustificatifRequired, unmetPrerequisites, validateAnswers, type EvalContext } from './registry.js';
import { ruleData } from './rule-data.js';
import { withSchemaDefaults } from './defaults.js';
import { toFieldErrors, errorPointer } from './ajv.js';
import { parisDate, schoolYearOf } from './dates.js';
import { applyComputed, computedPointers } from './computed.js';
import type { DossierState, Effect, EngineEvent, Facts, FieldError, Refusal, TransitionResult } from './types.js';

/** Events handled by the engine itself (editing a dossier), not by the workflow. */
const EDIT_EVENTS = new Set(['CONFIRM_NOTICE', 'SAVE', 'ATTACH', 'DETACH']);

/** Adds what the engine derives from now: today (Europe/Paris) and the school year. */
export function withCalendar(facts: Facts, now: Date): Facts {
  const today = parisDate(now);
  return { ...facts, today, schoolYear: schoolYearOf(today) };
}

/**
 * Starts a dossier: refuses when the démarche is not open or its prerequisites are unmet
 * (with the message telling what to do first); otherwise the initial state with prefilled answers.
 */
export function start(procedure: CompiledProcedure, facts: Facts, now: Date): TransitionResult {
  const calendarFacts = withCalendar(facts, now);
  const unmet = unmetPrerequisites(procedure, calendarFacts);
  if (unmet.length > 0) {
    return refuse({ code: 'PREREQUISITE_NOT_MET', message: unmet.map((p) => p.message).join(' '), details: unmet });
  }
  const unavailable = availabilityRefusal(procedure, calendarFacts, 'start');
  if (unavailable) return refuse(unavailable);
  const prefilled = withSchemaDefaults(procedure.schema, procedure.prefill({ family: facts.family, child: facts.child ?? undefined }));
  const state: DossierState = {
    status: procedure.workflow.initial,
    answers: computeAnswers(procedure, prefilled, calendarFacts),
    attachments: {},
    noticeConfirmed: false,
    step: 0,
    reason: null,
    correction: null,
  };
  return { ok: true, state, effects: [], changed: true };
}

/** Applies one event to a dossier. */
export function transition(
  procedure: CompiledProcedure,
  state: DossierState,
  event: EngineEvent,
  facts: Facts,
  now: Date,
): TransitionResult {
  if (!procedure.workflow.states[state.status]) {
    return refuse({ code: 'EVENT_NOT_ALLOWED', message: `Statut inconnu « ${state.status} ».` });
  }
  const calendarFacts = withCalendar(facts, now);
  if (EDIT_EVENTS.has(event.type)) return edit(procedure, state, event, calendarFacts);
  return workflowTransition(procedure, state, event, calendarFacts, now);
}

function workflowTransition(
  procedure: CompiledProcedure,
  state: DossierState,
  event: EngineEvent,
  facts: Facts,
  now: Date,
): TransitionResult {
  // While the parent may still edit, computed answers follow the facts of this event (submission).
  if (procedure.spec.computed?.length && procedure.tagsOf(state.status).includes('editable')) {
    state = { ...state, answers: computeAnswers(procedure, state.answers, facts) };
  }
  const failures: Refusal[] = [];
  const ctx: EvalContext & { failures: Refusal[] } = { procedure, state, event, facts, now, failures };
  const { next, snapshot, actions: pending } = procedure.step(state.status, { ...event, __ctx: ctx });
  if (next === snapshot) {
    if (failures.length > 0) return refuse(failures[0]);
    return refuse({
      code: 'EVENT_NOT_ALLOWED',
      message: `Action « ${event.type} » impossible : le dossier est « ${statusLabel(procedure, state.status)} ».`,
    });
  }
  let current: DossierState = { ...state, status: String(next.value) };
  const effects: Effect[] = [];
  for (const action of pending as { type: string; params?: Record<string, unknown> }[]) {
    const spec = actions[action.type];
    if (!spec) continue; // xstate's own internal actions
    const result = spec.run({ ...ctx, state: current }, action.params);
    current = result.state;
    effects.push(...result.effects);
  }
  return { ok: true, state: current, effects, changed: true };
}

function edit(procedure: CompiledProcedure, state: DossierState, event: EngineEvent, facts: Facts): TransitionResult {
  if (!procedure.tagsOf(state.status).includes('editable')) {
    return refuse({
      code: 'NOT_EDITABLE',
      message: `Ce dossier ne peut plus être modifié : il est « ${statusLabel(procedure, state.status)} ».`,
    });
  }
  switch (event.type) {
    case 'CONFIRM_NOTICE':
      return ok({ ...state, noticeConfirmed: true });
    case 'SAVE':
      return save(procedure, state, event, facts);
    case 'ATTACH':
      return attach(procedure, state, event);
    case 'DETACH':
      return detach(procedure, state, event);
  }
  return refuse({ code: 'EVENT_NOT_ALLOWED', message: `Action « ${event.type} » inconnue.` });
}

/** The answers with their computed values evaluated over these facts (a client's values are replaced). */
export function computeAnswers(procedure: CompiledProcedure, answers: Record<string, unknown>, facts: Facts): Record<string, unknown> {
  if (!procedure.spec.computed?.length) return answers;
  return applyComputed(procedure.spec.computed, answers, ruleData(procedure, answers, facts));
}

function save(procedure: CompiledProcedure, state: DossierState, event: EngineEvent, facts: Facts) {
  const given = event.answers;
  if (!given || typeof given !== 'object' || Array.isArray(given)) {
    return refuse({
      code: 'INVALID_DATA',
      message: 'Les réponses doivent être un objet.',
      details: [{ instancePath: '', keyword: 'type', message: 'Les réponses doivent être un objet.', params: {} }],
    });
  }
  const answers = computeAnswers(procedure, given as Record<string, unknown>, facts);
  if (!procedure.validateDraft(answers)) {
    const details = toFieldErrors(procedure.validateDraft.errors);
    return refuse({ code: 'INVALID_DATA', message: 'Certaines réponses ont une forme invalide.', details });
  }
  if (state.correction) {
    const computed = computedPointers(procedure.spec.computed);
    const locked = changedPointers(state.answers, answers).filter(
      (p) => !computed.includes(p) && !state.correction!.fields.some((allowed) => p === allowed || p.startsWith(`${allowed}/`)),
    );
    if (locked.length > 0) {
      return refuse({
        code: 'NOT_EDITABLE',
        message: "Seuls les champs signalés par l'agent peuvent être corrigés.",
        details: locked.map((p) => ({ instancePath: p, keyword: 'readOnly', message: 'Champ non modifiable.', params: {} })),
      });
    }
  }
  const step =
    typeof event.step === 'number' && Number.isInteger(event.step) && event.step >= 0 && event.step <= procedure.steps.length
      ? event.step
      : state.step;
  return ok({ ...state, answers, step });
}

function attach(procedure: CompiledProcedure, state: DossierState, event: EngineEvent) {
  const spec = procedure.justificatifByKey.get(String(event.key));
  if (!spec) return refuse({ code: 'JUSTIFICATIF_INVALID', message: `Pièce « ${event.key} » inconnue pour cette démarche.` });
  if (state.correction && !state.correction.justificatifs.includes(spec.key)) return lockedJustificatif();
  const file = event.file;
  if (!file || typeof file.id !== 'string' || typeof file.type !== 'string' || typeof file.size !== 'number') {
    return refuse({ code: 'JUSTIFICATIF_INVALID', message: 'Fichier absent ou incomplet.' });
  }
  if (!spec.accept.includes(file.type)) {
    return refuse({
      code: 'JUSTIFICATIF_INVALID',
      message: `Format refusé pour « ${spec.label} » : seuls ${spec.accept.map(typeLabel).join(', ')} sont acceptés.`,
      details: [{ key: spec.key, reason: 'type' }],
    });
  }
  if (file.size <= 0 || file.size > spec.maxSize) {
    return refuse({
      code: 'JUSTIFICATIF_INVALID',
      message:
        file.size <= 0
          ? `Le fichier « ${file.name} » est vide.`
          : `Le fichier « ${file.name} » dépasse la taille autorisée (${formatSize(spec.maxSize)} maximum).`,
      details: [{ key: spec.key, reason: 'size' }],
    });
  }
  const existing = state.attachments[spec.key] ?? [];
  const files = spec.multiple ? [...existing, file] : [file];
  return ok({ ...state, attachments: { ...state.attachments, [spec.key]: files } });
}

function detach(procedure: CompiledProcedure, state: DossierState, event: EngineEvent) {
  const key = String(event.key);
  const files = state.attachments[key] ?? [];
  if (!procedure.justificatifByKey.has(key) || !files.some((f) => f.id === event.fileId)) {
    return refuse({ code: 'JUSTIFICATIF_INVALID', message: 'Ce document ne fait pas partie du dossier.' });
  }
  if (state.correction && !state.correction.justificatifs.includes(key)) return lockedJustificatif();
  return ok({ ...state, attachments: { ...state.attachments, [key]: files.filter((f) => f.id !== event.fileId) } });
}

/**
 * Errors of one step only (Suivant validates the current step), including its missing
 * justificatifs. With the facts (as given to transition) and now, lookup answers and
 * conditions over selections or facts are checked too.
 */
export function validateStep(procedure: CompiledProcedure, state: DossierState, stepIndex: number, facts?: Facts, now?: Date) {
  if (facts && now) facts = withCalendar(facts, now);
  const step = procedure.steps[stepIndex];
  if (!step) return { errors: [] as FieldError[], missingJustificatifs: [] as { key: string; label: string }[] };
  const all = validateAnswers(procedure, state.answers, facts);
  // An error belongs to the step when it is at or under one of its fields, or at a missing
  // object that holds one (a required "nouvelleAdresse" when the step shows its "rue").
  const errors = all.filter((e) => {
    const at = errorPointer(e);
    return step.pointers.some((p) => belongsTo(at, p) || (at !== '' && belongsTo(p, at)));
  });
  const data = ruleData(procedure, state.answers, facts ?? { family: {}, dossiers: {} });
  const missing = step.justificatifs
    .map((key) => procedure.justificatifByKey.get(key)!)
    .filter((j) => isJustificatifRequired(j.required, state.answers, data) && (state.attachments[j.key]?.length ?? 0) === 0)
    .map((j) => ({ key: j.key, label: j.label }));
  return { errors, missingJustificatifs: missing };
}

/** The step a parent resumes on: the first step to correct when sent back, else where they stopped. */
export function resumeStep(procedure: CompiledProcedure, state: DossierState): number {
  if (state.correction) {
    const index = procedure.steps.findIndex(
      (s) =>
        s.pointers.some((p) => state.correction!.fields.some((f) => belongsTo(f, p) || belongsTo(p, f))) ||
        s.justificatifs.some((k) => state.correction!.justificatifs.includes(k)),
    );
    if (index >= 0) return index;
  }
  return Math.min(Math.max(0, state.step), procedure.steps.length);
}

/** Whether an error at `pointer` lies under a step pointer (which may hold "*" for array items). */
function belongsTo(pointer: string, stepPointer: string): boolean {
  const a = pointer.split('/');
  const b = stepPointer.split('/');
  if (a.length < b.length) return false;
  return b.every((token, i) => token === '*' || token === a[i]);
}

function changedPointers(before: unknown, after: unknown, at = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
    return [...keys].flatMap((k) =>
      changedPointers((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${at}/${k}`),
    );
  }
  return [at];
}

export function statusLabel(procedure: CompiledProcedure, status: string): string {
  return procedure.workflow.states[status]?.meta?.label ?? status;
}

function typeLabel(mime: string): string {
  return mime === 'application/pdf' ? 'PDF' : mime === 'image/jpeg' ? 'JPEG' : mime;
}

function formatSize(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} Mo` : `${Math.round(bytes / 1024)} Ko`;
}

function lockedJustificatif(): TransitionResult {
  return refuse({ code: 'NOT_EDITABLE', message: "Seules les pièces signalées par l'agent peuvent être remplacées." });
}

function ok(state: DossierState): TransitionResult {
  return { ok: true, state, effects: [], changed: true };
}

function refuse(refusal: Refusal): TransitionResult {
  return { ok: false, refusal };
}

