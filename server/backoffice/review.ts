// An agent's work on one dossier: the review page (answers on the version the family used,
// what acceptance would change, documents, history), taking it, deciding, notes, and bulk
// acceptance. Decisions go through the same engine transition as everything else.
import { statusLabel, previewAcceptance, type EngineEvent } from '../../engine/index.js';
import type { AppDeps, SessionUser } from '../deps.js';
import { AppError } from '../http/errors.js';
import { auditLog } from '../audit.js';
import { applyEvent, actorOf, definitionView, findDossier } from '../dossiers/service.js';
import { procedureForVersion } from '../dossiers/versions.js';
import { gatherFacts } from '../dossiers/facts.js';
import { stateOf, type DossierRecord } from '../dossiers/state.js';

const nameOf = async (deps: AppDeps, userId: string | null) =>
  userId ? ((await deps.db('users').where({ id: userId }).first('display_name'))?.display_name as string | undefined) ?? 'un agent' : undefined;

export async function reviewView(deps: AppDeps, user: SessionUser, id: string) {
  const actor = actorOf(user);
  const row = await findDossier(deps.db, actor, id);
  const procedure = await procedureForVersion(deps, deps.db, row.version_id);
  const state = await stateOf(deps.db, row, deps.sealer);
  const facts = await gatherFacts(deps.db, deps, { familyId: row.family_id, childId: row.child_id, procedure, dossierNumber: row.number });
  const now = deps.clock.now();
  if (procedure.spec.sensitive) {
    // Health answers (and the child's current health record in the changes): every agent read is logged.
    await auditLog(deps.db, { actorId: user.id, actorRole: user.role, action: 'health.read', subjectType: 'dossier', subjectId: row.id, familyId: row.family_id, childId: row.child_id });
  }
  const family = await deps.db('families').where({ id: row.family_id }).first('name');
  const others = await deps.db('dossiers').where({ family_id: row.family_id }).whereNot({ id: row.id }).whereNotNull('submitted_at').orderBy('submitted_at', 'desc')
    .select('id', 'number', 'procedure_code', 'version_id', 'status', 'submitted_at', 'decided_at');
  const events = await deps.db('dossier_events as e').leftJoin('users as u', 'u.id', 'e.actor_id').where({ 'e.dossier_id': row.id }).orderBy('e.id')
    .select('e.id', 'e.type', 'e.from_status', 'e.to_status', 'e.data', 'e.created_at', 'e.actor_role', 'u.display_name');
  const stateConfig = procedure.workflow.states[row.status];
  const inQueue = procedure.tagsOf(row.status).includes('queue');
  return {
    id: row.id, number: row.number, code: row.procedure_code, title: procedure.spec.title,
    status: row.status, statusLabel: statusLabel(procedure, row.status), revision: row.revision,
    family: { id: row.family_id, name: family?.name },
    child: facts.child ? { id: row.child_id, name: `${String(facts.child.firstName ?? '')} ${String(facts.child.lastName ?? '')}`.trim() } : null,
    submittedAt: row.submitted_at, decidedAt: row.decided_at, decidedBy: await nameOf(deps, row.decided_by),
    ageDays: row.submitted_at ? Math.floor((now.getTime() - new Date(row.submitted_at).getTime()) / 86_400_000) : null,
    assignedTo: row.assigned_to ? { id: row.assigned_to, name: await nameOf(deps, row.assigned_to) } : null,
    reason: row.reason, correction: state.correction ?? null,
    answers: state.answers,
    attachments: procedure.justificatifs.map((j) => ({ key: j.key, label: j.label, files: state.attachments[j.key] ?? [] })),
    changes: inQueue ? previewAcceptance(procedure, state, facts, now).changes : [],
    actions: inQueue ? Object.keys(stateConfig?.on ?? {}).filter((e) => ['ACCEPT', 'REJECT', 'REQUEST_CORRECTION'].includes(e)) : [],
    fieldPointers: procedure.fieldPointers,
    otherDossiers: others.map((o) => {
      const p = deps.catalog?.byCode.get(o.procedure_code);
      return { id: o.id, number: o.number, code: o.procedure_code, title: p?.spec.title ?? o.procedure_code, status: o.status, statusLabel: p ? statusLabel(p, o.status) : o.status, submittedAt: o.submitted_at, decidedAt: o.decided_at };
    }),
    history: events.map((e) => ({
      at: e.created_at, type: e.type, from: e.from_status, to: e.to_status, actor: { name: e.display_name ?? (e.actor_role === 'parent' ? 'la famille' : e.actor_role), role: e.actor_role },
      data: typeof e.data === 'string' ? JSON.parse(e.data) : e.data,
    })),
    definition: definitionView(procedure),
  };
}

/** Assigns the dossier to the agent ("je prends"); refuses one taken by a colleague unless forced. */
export async function take(deps: AppDeps, user: SessionUser, id: string, force = false) {
  return deps.db.transaction(async (trx) => {
    const row = await findDossier(trx, actorOf(user), id, true);
    if (row.assigned_to && row.assigned_to !== user.id && !force) {
      throw new AppError('CONFLICT', `Ce dossier est déjà pris en charge par ${await nameOf(deps, row.assigned_to)}.`);
    }
    await trx('dossiers').where({ id }).update({ assigned_to: user.id });
    await trx('dossier_events').insert({ dossier_id: id, actor_id: user.id, actor_role: user.role, type: 'TAKE', from_status: row.status, to_status: row.status, data: JSON.stringify(row.assigned_to && row.assigned_to !== user.id ? { from: row.assigned_to } : {}) });
  });
}

export async function release(deps: AppDeps, user: SessionUser, id: string) {
  return deps.db.transaction(async (trx) => {
    const row = await findDossier(trx, actorOf(user), id, true);
    if (row.assigned_to !== user.id) throw new AppError('CONFLICT', "Ce dossier ne vous est pas attribué.");
    await trx('dossiers').where({ id }).update({ assigned_to: null });
    await trx('dossier_events').insert({ dossier_id: id, actor_id: user.id, actor_role: user.role, type: 'RELEASE', from_status: row.status, to_status: row.status, data: '{}' });
  });
}

export interface Decision {
  action: 'ACCEPT' | 'REJECT' | 'REQUEST_CORRECTION';
  revision?: number;
  reason?: string;
  fields?: string[];
  justificatifs?: string[];
  message?: string;
}

/** Why a decision arrived too late, when another agent decided first. */
async function alreadyDecided(deps: AppDeps, id: string): Promise<AppError | undefined> {
  const row = (await deps.db('dossiers').where({ id }).first()) as DossierRecord | undefined;
  if (!row) return undefined;
  const procedure = await procedureForVersion(deps, deps.db, row.version_id);
  if (procedure.tagsOf(row.status).includes('queue')) return undefined;
  const who = (await nameOf(deps, row.decided_by)) ?? 'la famille';
  const when = row.decided_at ? new Date(row.decided_at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '';
  return new AppError('ALREADY_DECIDED', `Ce dossier a déjà été traité par ${who}${when ? ` le ${when}` : ''} : « ${statusLabel(procedure, row.status)} ».`);
}

export async function decide(deps: AppDeps, user: SessionUser, id: string, decision: Decision) {
  const event: EngineEvent = { type: decision.action };
  if (decision.reason !== undefined) event.reason = decision.reason;
  if (decision.fields !== undefined) event.fields = decision.fields;
  if (decision.justificatifs !== undefined) event.justificatifs = decision.justificatifs;
  if (decision.message !== undefined) event.message = decision.message;
  try {
    const { row } = await applyEvent(deps, actorOf(user), id, event, { expectedRevision: decision.revision });
    return { status: row.status, revision: row.revision };
  } catch (error) {
    const code = (error as AppError).code;
    if (code === 'VERSION_CONFLICT' || code === 'EVENT_NOT_ALLOWED') throw (await alreadyDecided(deps, id)) ?? error;
    throw error;
  }
}

/** Accepts each dossier on its own, as if done alone; one failure does not undo the others. */
export async function bulkAccept(deps: AppDeps, user: SessionUser, ids: string[]) {
  const results: { id: string; ok: boolean; status?: string; error?: { code: string; message: string } }[] = [];
  for (const id of ids) {
    try {
      const done = await decide(deps, user, id, { action: 'ACCEPT' });
      results.push({ id, ok: true, status: done.status });
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('INTERNAL', 'Erreur inattendue.');
      if (!(error instanceof AppError)) deps.logger.error({ err: error, dossierId: id }, 'bulk accept failed');
      results.push({ id, ok: false, error: { code: e.code, message: e.message } });
    }
  }
  return { accepted: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}

/** An internal note: in the history for agents, never shown to the family. */
export async function addNote(deps: AppDeps, user: SessionUser, id: string, text: string) {
  const row = await findDossier(deps.db, actorOf(user), id);
  await deps.db('dossier_events').insert({ dossier_id: row.id, actor_id: user.id, actor_role: user.role, type: 'NOTE', from_status: row.status, to_status: row.status, data: JSON.stringify({ text }) });
}

