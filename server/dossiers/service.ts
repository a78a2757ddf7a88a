// The dossier service: every change to a dossier is one engine transition applied in one
// transaction — row locked, facts gathered, new state stored with its history row, and the
// effects (household changes, mails to the outbox) carried out before the commit.
import {
  start, transition, statusLabel, resumeStep, validateStep, parisDate, targetSchoolYear,
  type CompiledProcedure, type DossierState, type EngineEvent, type Effect, type Facts,
} from '../../engine/index.js';
import { lookupFields, schemaForFacts } from '../../engine/lookups.js';
import { liveSessionSql, sessionUserOf } from '../auth/sessions.js';
import { maskedAnswers } from '../../engine/masking.js';
import { computedInputs, withComputedReadOnly } from '../../engine/computed.js';
import { ruleData } from '../../engine/rule-data.js';
import type { AppDeps, SessionUser } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { hotQuery } from '../db.js';
import { AppError, fromRefusal, notFound } from '../http/errors.js';
import { currentProcedure, procedureForVersion } from './versions.js';
import { familySnapshot, factsFrom, gatherFacts, yearsFor } from './facts.js';
import { applyEffects } from './effects.js';
import { columnsOf, stateOf, type DossierRecord } from './state.js';

export interface Actor {
  id: string;
  role: 'parent' | 'agent' | 'admin';
  familyId: string | null;
}

export const actorOf = (user: SessionUser): Actor => ({ id: user.id, role: user.role, familyId: user.familyId });

const LIGHT_EVENTS = new Set(['SAVE', 'CONFIRM_NOTICE']);
const NO_FACTS: Facts = { family: {}, dossiers: {} };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dossier row, locked for update when in a transaction; parents only reach their family's. */
export async function findDossier(conn: Db | Trx, actor: Actor, id: string, lock = false): Promise<DossierRecord> {
  if (!UUID.test(id)) throw notFound('Dossier');
  const query = conn('dossiers').where({ id });
  if (actor.role === 'parent') query.where({ family_id: actor.familyId });
  if (lock) query.forUpdate();
  const row = (await query.first()) as DossierRecord | undefined;
  if (!row) throw notFound('Dossier');
  return row;
}

export interface EventOptions {
  /** Refuse when the dossier changed since the client read it (optimistic concurrency). */
  expectedRevision?: number;
  /** Extra columns to store with the new state (assignment, idempotency key…). */
  extra?: (state: DossierState, before: DossierRecord) => Record<string, unknown>;
  /** Runs inside the transaction after the state is stored (e.g. attachment rows). */
  after?: (trx: Trx, state: DossierState) => Promise<void>;
}

export interface EventResult {
  row: DossierRecord;
  state: DossierState;
  procedure: CompiledProcedure;
  effects: Effect[];
  facts: Facts;
}

/** Applies one engine event to a dossier, atomically with its effects. */
export async function applyEvent(deps: AppDeps, actor: Actor, id: string, event: EngineEvent, options: EventOptions = {}): Promise<EventResult> {
  return deps.db.transaction(async (trx) => {
    const before = await findDossier(trx, actor, id, true);
    if (options.expectedRevision !== undefined && options.expectedRevision !== before.revision) {
      throw versionConflict();
    }
    const procedure = await procedureForVersion(deps, trx, before.version_id);
    // Saving answers or confirming the notice reads no fact and no document: autosave stays cheap.
    const light = LIGHT_EVENTS.has(event.type) && !procedure.computedNeedsFacts;
    const state = await stateOf(trx, before, deps.sealer, !light);
    const facts = light ? NO_FACTS : await gatherFacts(trx, deps, { familyId: before.family_id, childId: before.child_id, procedure, dossierNumber: before.number });
    const now = deps.clock.now();
    const result = transition(procedure, state, { ...event, actor: { id: actor.id, role: actor.role } }, facts, now);
    if (!result.ok) throw fromRefusal(result.refusal);
    const statusChanged = result.state.status !== before.status;
    const columns: Record<string, unknown> = {
      ...columnsOf(procedure, result.state, deps.sealer),
      ...options.extra?.(result.state, before),
      revision: before.revision + 1,
      updated_at: now,
    };
    if (statusChanged && procedure.tagsOf(result.state.status).includes('queue')) columns.submitted_at = now;
    if (statusChanged && (procedure.tagsOf(result.state.status).includes('processed') || procedure.tagsOf(result.state.status).includes('returned'))) {
      columns.decided_at = now;
      columns.decided_by = actor.role === 'parent' ? null : actor.id;
    }
    const [row] = (await trx('dossiers').where({ id }).update(columns).returning('*')) as DossierRecord[];
    if (statusChanged || !['SAVE', 'CONFIRM_NOTICE'].includes(event.type)) {
      await trx('dossier_events').insert({
        dossier_id: id, actor_id: actor.id, actor_role: actor.role, type: event.type,
        from_status: before.status, to_status: result.state.status, data: JSON.stringify(historyData(event)),
      });
    }
    await options.after?.(trx, result.state);
    await applyEffects(trx, deps, { familyId: before.family_id, childId: before.child_id, dossierId: id, dossierNumber: before.number, today: parisDate(now) }, result.effects);
    return { row, state: result.state, procedure, effects: result.effects, facts };
  });
}

/**
 * Autosave, the most frequent write: read, check with the engine, then write only if the
 * dossier did not change meanwhile (revision) — no lock, no transaction, three round trips.
 * A concurrent change makes it read again (or refuse, when the client named its revision).
 */
export async function saveAnswers(deps: AppDeps, actor: Actor, id: string, event: EngineEvent, expectedRevision?: number): Promise<EventResult> {
  if (actor.role === 'parent') {
    const fast = await saveWithoutReading(deps, actor, id, event, expectedRevision);
    if (fast) return fast;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await findDossier(deps.db, actor, id);
    rememberVersion(id, before.version_id);
    if (expectedRevision !== undefined && expectedRevision !== before.revision) throw versionConflict();
    const procedure = await procedureForVersion(deps, deps.db, before.version_id);
    const state = await stateOf(deps.db, before, deps.sealer, false);
    const now = deps.clock.now();
    // Computed answers that read facts (the household's children) are recomputed with them.
    const facts = procedure.computedNeedsFacts ? await gatherFacts(deps.db, deps, { familyId: before.family_id, childId: before.child_id, procedure }) : NO_FACTS;
    const result = transition(procedure, state, event, facts, now);
    if (!result.ok) throw fromRefusal(result.refusal);
    const [row] = (await deps.db('dossiers').where({ id, revision: before.revision })
      .update({ ...columnsOf(procedure, result.state, deps.sealer), revision: before.revision + 1, updated_at: now })
      .returning('*')) as DossierRecord[];
    if (row) return { row, state: result.state, procedure, effects: [], facts };
    if (expectedRevision !== undefined) throw versionConflict();
  }
  throw versionConflict();
}

/** A dossier's version never changes: known once, it spares the read on later autosaves. */
const versionOfDossier = new Map<string, string>();
const VERSION_CACHE_MAX = 50_000;

/**
 * What an autosave needs when the dossier's version is known: the engine checks the answers
 * against that version, from a blank editable state (a draft's answers replace the old ones).
 * Undefined when the reading path must decide: version unknown here, computed answers that
 * read facts, or answers the engine refuses.
 */
async function blindSave(deps: AppDeps, id: string, event: EngineEvent) {
  const versionId = versionOfDossier.get(id);
  if (!versionId || !UUID.test(id)) return undefined;
  const procedure = await procedureForVersion(deps, deps.db, versionId);
  if (procedure.computedNeedsFacts) return undefined;
  const editable = editableStates(procedure);
  const blank: DossierState = { status: editable[0], answers: {}, attachments: {}, noticeConfirmed: false, step: 0, reason: null, correction: null };
  const now = deps.clock.now();
  const result = transition(procedure, blank, event, NO_FACTS, now);
  if (!result.ok) return undefined;
  const { answers, answers_encrypted, step } = columnsOf(procedure, result.state, deps.sealer);
  return { procedure, editable, state: result.state, now, columns: { answers: answers as string, answers_encrypted: answers_encrypted as string | null, step: step as number } };
}

/**
 * The common autosave in one statement: the UPDATE applies only if the dossier is still
 * editable, without a correction request, and at the client's revision when it gave one.
 * Anything else takes the reading path.
 */
async function saveWithoutReading(deps: AppDeps, actor: Actor, id: string, event: EngineEvent, revision?: number): Promise<EventResult | undefined> {
  const save = await blindSave(deps, id, event);
  if (!save) return undefined;
  // Postgres re-checks these conditions on the row a concurrent submission just changed.
  const query = deps.db('dossiers').where({ id, family_id: actor.familyId }).whereNull('correction').whereIn('status', save.editable);
  if (revision !== undefined) query.where({ revision });
  const [row] = (await query
    .update({ ...save.columns, revision: deps.db.raw('revision + 1'), updated_at: save.now })
    .returning('*')) as DossierRecord[];
  return row ? { row, state: { ...save.state, status: row.status }, procedure: save.procedure, effects: [], facts: NO_FACTS } : undefined;
}

/**
 * The autosave with the session checked in the same statement (the route's in-statement
 * path): one round trip when the dossier's version is known and its answers need no
 * reference data in the reply. Undefined sends the request down the ordinary path.
 */
export async function saveAnswersInStatement(deps: AppDeps, sessionHash: string, id: string, event: EngineEvent, revision?: number): Promise<{ user: SessionUser; revision: number; savedAt: Date } | undefined> {
  const save = await blindSave(deps, id, event);
  if (!save || lookupFields(save.procedure.schema).length) return undefined;
  const session = liveSessionSql(sessionHash, save.now, ['parent']);
  // The moment saved is the one bound (not read back): no date to parse on the hottest path.
  const rows = await hotQuery(deps.db,
    `WITH ${session.sql}
    UPDATE dossiers d SET answers = ?::jsonb, answers_encrypted = ?, step = ?, revision = d.revision + 1, updated_at = ?::timestamptz
    FROM me WHERE d.id = ? AND d.family_id = me.family_id AND d.correction IS NULL AND d.status IN (${save.editable.map(() => '?').join(', ')})${revision === undefined ? '' : ' AND d.revision = ?'}
    RETURNING d.revision, me.id, me.email, me.role, me.family_id, me.display_name`,
    [...session.bindings, save.columns.answers, save.columns.answers_encrypted, save.columns.step, save.now.toISOString(), id, ...save.editable, ...(revision === undefined ? [] : [revision])],
  );
  const found = rows[0];
  return found && { user: sessionUserOf(found as Parameters<typeof sessionUserOf>[0]), revision: found.revision, savedAt: save.now };
}

const editableByVersion = new WeakMap<CompiledProcedure, string[]>();
function editableStates(procedure: CompiledProcedure): string[] {
  let names = editableByVersion.get(procedure);
  if (!names) {
    names = Object.entries(procedure.workflow.states).filter(([, s]) => s.tags?.includes('editable')).map(([name]) => name);
    editableByVersion.set(procedure, names);
  }
  return names;
}

function rememberVersion(id: string, versionId: string): void {
  if (versionOfDossier.size >= VERSION_CACHE_MAX) versionOfDossier.clear();
  versionOfDossier.set(id, versionId);
}

const versionConflict = () => new AppError('VERSION_CONFLICT', 'Ce dossier a été modifié entre-temps (dans un autre onglet ?). Rechargez la page.');

/** What the history keeps of an event: never the answers themselves (they may be health data). */
function historyData(event: EngineEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['reason', 'fields', 'justificatifs', 'message', 'key', 'fileId'] as const) if (event[key] !== undefined) out[key] = event[key];
  if (event.file) out.file = { name: event.file.name, type: event.file.type, size: event.file.size };
  return out;
}

/** Starts a dossier (refused with what to do first when a prerequisite is unmet). */
export async function createDossier(deps: AppDeps, actor: Actor, input: { code: string; childId?: string }): Promise<string> {
  const procedure = currentProcedure(deps, input.code);
  const familyId = actor.familyId!;
  return deps.db.transaction(async (trx) => {
    // One start at a time per family: frequency rules (once per school year) count open dossiers.
    await trx('families').where({ id: familyId }).forUpdate().first('id');
    if (procedure.spec.subject === 'child') {
      if (!input.childId || !UUID.test(input.childId) || !(await trx('family_children').where({ family_id: familyId, child_id: input.childId }).first('child_id'))) {
        throw new AppError('INVALID_INPUT', 'Choisissez l’enfant concerné par cette démarche.', [{ instancePath: '/childId', keyword: 'required', message: 'Enfant à choisir.', params: {} }]);
      }
    } else if (input.childId) {
      throw new AppError('INVALID_INPUT', 'Cette démarche concerne toute la famille : aucun enfant à choisir.', [{ instancePath: '/childId', keyword: 'additionalProperties', message: 'Champ inutile.', params: {} }]);
    }
    const facts = await gatherFacts(trx, deps, { familyId, childId: input.childId ?? null, procedure });
    const result = start(procedure, facts, deps.clock.now());
    if (!result.ok) throw fromRefusal(result.refusal);
    const [row] = await trx('dossiers')
      .insert({
        family_id: familyId, child_id: input.childId ?? null, procedure_code: procedure.code, version_id: procedure.versionId,
        school_year: targetSchoolYear(procedure, facts) ?? facts.schoolYear,
        ...columnsOf(procedure, result.state, deps.sealer),
      })
      .returning('id');
    await trx('dossier_events').insert({ dossier_id: row.id, actor_id: actor.id, actor_role: actor.role, type: 'START', to_status: result.state.status, data: '{}' });
    rememberVersion(String(row.id), procedure.versionId);
    return String(row.id);
  });
}

/** The dossier as the wizard needs it: state, where to resume, and its version's definition. */
export async function dossierView(deps: AppDeps, actor: Actor, id: string) {
  const row = await findDossier(deps.db, actor, id);
  rememberVersion(id, row.version_id); // the wizard opens a dossier before autosaving it
  const procedure = await procedureForVersion(deps, deps.db, row.version_id);
  const state = await stateOf(deps.db, row, deps.sealer);
  const facts = await gatherFacts(deps.db, deps, { familyId: row.family_id, childId: row.child_id, procedure, dossierNumber: row.number });
  const editable = procedure.tagsOf(row.status).includes('editable');
  return {
    id: row.id,
    number: row.number,
    code: row.procedure_code,
    title: procedure.spec.title,
    childId: row.child_id,
    childName: facts.child ? `${String(facts.child.firstName ?? '')} ${String(facts.child.lastName ?? '')}`.trim() : null,
    status: row.status,
    statusLabel: statusLabel(procedure, row.status),
    editable,
    answers: editable ? state.answers : maskedAnswers(procedure, state.answers),
    attachments: state.attachments,
    noticeConfirmed: state.noticeConfirmed,
    step: state.step,
    resumeStep: resumeStep(procedure, state),
    reason: state.reason ?? null,
    correction: state.correction ?? null,
    revision: row.revision,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    definition: {
      ...definitionView(procedure, schemaForFacts(procedure, facts, state.answers)),
      // What the wizard needs to show computed answers live (engine/computed.ts).
      ...(procedure.spec.computed?.length && { computed: { fields: procedure.spec.computed, inputs: computedInputs(procedure.spec.computed, ruleData(procedure, state.answers, facts)) } }),
    },
  };
}

export function definitionView(procedure: CompiledProcedure, schema: unknown = procedure.schema) {
  return {
    versionId: procedure.versionId,
    code: procedure.code,
    title: procedure.spec.title,
    summary: procedure.spec.summary,
    subject: procedure.spec.subject,
    legalNotice: procedure.spec.legalNotice,
    schema: withComputedReadOnly(schema as Record<string, unknown>, procedure.spec.computed),
    uischema: procedure.uischema,
    justificatifs: procedure.justificatifs.map((j) => ({ key: j.key, label: j.label, description: j.description, accept: j.accept, maxSize: j.maxSize, multiple: !!j.multiple, required: j.required })),
    steps: procedure.steps.map((s) => ({ label: s.label })),
  };
}

/** Suivant: the errors of one step only, with the facts (lookups, conditions) of this dossier. */
export async function checkStep(deps: AppDeps, actor: Actor, id: string, index: number) {
  const row = await findDossier(deps.db, actor, id);
  const procedure = await procedureForVersion(deps, deps.db, row.version_id);
  if (index < 0 || index >= procedure.steps.length) throw notFound('Étape');
  const state = await stateOf(deps.db, row, deps.sealer);
  const facts = await gatherFacts(deps.db, deps, { familyId: row.family_id, childId: row.child_id, procedure, dossierNumber: row.number });
  return validateStep(procedure, state, index, facts);
}

/** Mon espace: each démarche, whether it can be started, and if not why and what to do first. */
export async function procedureList(deps: AppDeps, actor: Actor) {
  const snapshot = await familySnapshot(deps.db, actor.familyId!, deps.clock.now());
  if (!snapshot) throw notFound('Famille');
  const now = deps.clock.now();
  const lockOf = (result: ReturnType<typeof start>) => {
    if (result.ok) return null;
    const first = (result.refusal.details as { doFirst?: string }[] | undefined)?.find((d) => d.doFirst);
    return { code: result.refusal.code, message: result.refusal.message, doFirst: first?.doFirst ?? null };
  };
  const children = (snapshot.family.children as Record<string, unknown>[]) ?? [];
  return (deps.catalog?.procedures ?? []).map((procedure) => {
    const base = { code: procedure.code, title: procedure.spec.title, summary: procedure.spec.summary, subject: procedure.spec.subject, category: procedure.spec.category ?? null };
    const yearFor = yearsFor(procedure, snapshot, now);
    if (procedure.spec.subject === 'family') {
      const lock = lockOf(start(procedure, factsFrom(snapshot, deps.catalog, undefined, yearFor), now));
      return { ...base, available: lock === null, lock };
    }
    const perChild = children.map((child) => {
      const lock = lockOf(start(procedure, factsFrom(snapshot, deps.catalog, child, yearFor), now));
      return { id: String(child.id), firstName: String(child.firstName ?? ''), available: lock === null, lock };
    });
    const available = perChild.some((c) => c.available);
    const noChild = { code: 'NOT_AVAILABLE', message: 'Aucun enfant n’est enregistré sur votre compte famille.', doFirst: childrenDemarche(deps) };
    return { ...base, available, lock: available ? null : (perChild[0]?.lock ?? noChild), children: perChild };
  });
}

/** The démarche through which a family declares its children (the one whose effects write family.children). */
function childrenDemarche(deps: AppDeps): string | null {
  const declares = deps.catalog?.procedures.find((p) => (p.spec.effects ?? []).some((e) => 'record' in e && e.record === 'family.children'));
  return declares?.code ?? null;
}

/** Mes démarches en cours / traitées. */
export async function dossierLists(deps: AppDeps, actor: Actor) {
  const rows = (await deps.db('dossiers as d').leftJoin('children as c', 'c.id', 'd.child_id').where({ 'd.family_id': actor.familyId })
    .orderBy('d.updated_at', 'desc').select('d.*', 'c.first_name as child_first_name')) as (DossierRecord & { child_first_name: string | null })[];
  const inProgress: unknown[] = [];
  const processed: unknown[] = [];
  for (const row of rows) {
    const procedure = await procedureForVersion(deps, deps.db, row.version_id);
    const tags = procedure.tagsOf(row.status);
    const item = {
      id: row.id, number: row.number, code: row.procedure_code, title: procedure.spec.title, childName: row.child_first_name,
      status: row.status, statusLabel: statusLabel(procedure, row.status), reason: row.reason,
      createdAt: row.created_at, updatedAt: row.updated_at, submittedAt: row.submitted_at, decidedAt: row.decided_at,
    };
    if (tags.includes('editable')) inProgress.push(item);
    else if (!procedure.isFinal(row.status) || tags.includes('processed')) processed.push(item);
  }
  return { inProgress, processed };
}
