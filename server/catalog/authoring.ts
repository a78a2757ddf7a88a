// Administrators author démarches as JSON: drafts, checks in the context of the published
// démarches, a dry run on a fictitious family, publication (no restart), version history,
// restore, import and export. A definition is untrusted input: every check of the engine
// applies, and one with an issue cannot be published.
import {
  loadDefinitions, scratchAjv, start, transition, statusLabel, type DefinitionIssue, type DefinitionSet, type Effect, type EngineEvent, type Facts,
} from '../../engine/index.js';
import type { AppDeps, SessionUser } from '../deps.js';
import { AppError, notFound } from '../http/errors.js';
import { auditLog } from '../audit.js';
import { loadLookups } from '../dossiers/lookups.js';
import { lookupFields } from '../../engine/lookups.js';
import { currentPublications, publishedSet, reloadCatalog, storeVersion, type DemarcheFiles } from './published.js';
import { blankDefinition, folderName } from './template.js';

export const EXPORT_FORMAT = 'portail-famille/demarche';

const codeOf = (files: DemarcheFiles) => String((files.procedure as { code?: unknown } | null)?.code ?? '');

function invalid(issues: DefinitionIssue[]): AppError {
  return new AppError('DEFINITION_INVALID', `La démarche contient ${issues.length} problème(s) : corrigez-les avant de la publier.`, issues);
}

/** The published démarches with `files` in place of its code (folder kept if it exists). */
async function setWith(deps: AppDeps, code: string, files: DemarcheFiles): Promise<{ set: DefinitionSet; folder: string }> {
  const base = await publishedSet(deps.db, deps.sharedWorkflows ?? {});
  const existing = base.procedures.find((p) => (p.procedure as { code?: string }).code === code);
  const draft = await deps.db('procedure_drafts').where({ code }).first('folder');
  const folder = existing?.folder ?? draft?.folder ?? folderName(code, (files.procedure as { title?: string } | null)?.title);
  const others = base.procedures.filter((p) => p !== existing);
  const own = { folder, procedure: files.procedure, schema: files.schema, uischema: files.uischema, ...(files.workflow !== undefined && { workflow: files.workflow }) };
  return { set: { ...base, procedures: [...others, own] }, folder };
}

/** Every issue of these files, in the context of the other published démarches. */
export async function checkFiles(deps: AppDeps, files: DemarcheFiles) {
  const code = codeOf(files);
  const { set, folder } = await setWith(deps, code || '??', files);
  const result = loadDefinitions(set, { ajv: scratchAjv() });
  const mine = result.issues.filter((i) => i.file.startsWith(`${folder}/`) || i.message.includes(`« ${code} »`) || i.message.includes(` ${code} →`));
  return { issues: mine, catalog: mine.length === 0 ? result.catalog : undefined, folder, allIssues: result.issues };
}

export async function listDefinitions(deps: AppDeps) {
  const publications = await currentPublications(deps.db);
  const drafts = await deps.db('procedure_drafts as d').leftJoin('users as u', 'u.id', 'd.updated_by').select('d.code', 'd.files', 'd.updated_at', 'u.display_name');
  const users = new Map((await deps.db('users').whereIn('id', publications.map((p) => p.published_by).filter(Boolean) as string[]).select('id', 'display_name')).map((u) => [u.id, u.display_name]));
  const codes = [...new Set([...publications.map((p) => p.code), ...drafts.map((d) => d.code)])].sort();
  return codes.map((code) => {
    const p = publications.find((x) => x.code === code);
    const d = drafts.find((x) => x.code === code);
    const files = d ? (typeof d.files === 'string' ? JSON.parse(d.files) : d.files) : undefined;
    return {
      code,
      title: deps.catalog?.byCode.get(code)?.spec.title ?? (files?.procedure?.title as string | undefined) ?? code,
      current: p ? { versionId: p.version_id, publishedAt: p.published_at, publishedBy: p.published_by ? users.get(p.published_by) ?? null : null, source: p.source } : null,
      draft: d ? { updatedAt: d.updated_at, updatedBy: d.display_name ?? null } : null,
    };
  });
}

async function filesOfVersion(deps: AppDeps, versionId: string): Promise<DemarcheFiles> {
  const row = await deps.db('procedure_versions').where({ version_id: versionId }).first('content');
  if (!row) throw notFound('Version');
  return typeof row.content === 'string' ? JSON.parse(row.content) : row.content;
}

export async function getDefinition(deps: AppDeps, code: string) {
  const current = (await currentPublications(deps.db)).find((p) => p.code === code);
  const draft = await deps.db('procedure_drafts').where({ code }).first();
  if (!current && !draft) throw notFound('Démarche');
  return {
    code,
    current: current ? { versionId: current.version_id, files: await filesOfVersion(deps, current.version_id) } : null,
    draft: draft ? { files: typeof draft.files === 'string' ? JSON.parse(draft.files) : draft.files, updatedAt: draft.updated_at } : null,
    workflows: Object.keys(deps.sharedWorkflows ?? {}),
  };
}

export async function createDefinition(deps: AppDeps, admin: SessionUser, input: { code: string; title: string; from?: string }) {
  const taken = (await currentPublications(deps.db)).some((p) => p.code === input.code) || (await deps.db('procedure_drafts').where({ code: input.code }).first('code'));
  if (taken) throw new AppError('CONFLICT', `Le code ${input.code} est déjà celui d'une démarche.`, [{ instancePath: '/code', keyword: 'unique', message: 'Code déjà utilisé.', params: {} }]);
  let files: DemarcheFiles;
  if (input.from) {
    const source = (await currentPublications(deps.db)).find((p) => p.code === input.from);
    if (!source) throw notFound('Démarche à copier');
    files = structuredClone(await filesOfVersion(deps, source.version_id));
    const procedure = files.procedure as Record<string, unknown>;
    procedure.code = input.code;
    procedure.title = input.title;
  } else {
    files = blankDefinition(input.code, input.title);
  }
  await deps.db('procedure_drafts').insert({ code: input.code, folder: folderName(input.code, input.title), files: JSON.stringify(files), updated_by: admin.id });
  return { code: input.code };
}

export async function saveDraft(deps: AppDeps, admin: SessionUser, code: string, files: DemarcheFiles) {
  if (codeOf(files) !== code) throw new AppError('INVALID_INPUT', `Le code de procedure.json doit rester « ${code} ».`, [{ instancePath: '/files/procedure/code', keyword: 'const', message: `Code attendu : ${code}.`, params: {} }]);
  const { issues, folder } = await checkFiles(deps, files);
  const now = deps.clock.now();
  await deps.db('procedure_drafts')
    .insert({ code, folder, files: JSON.stringify(files), updated_by: admin.id, updated_at: now })
    .onConflict('code').merge({ files: JSON.stringify(files), updated_by: admin.id, updated_at: now });
  return { issues, updatedAt: now };
}

/** Publishes files as the current version of their démarche; refused while any issue remains. */
async function publishFiles(deps: AppDeps, admin: SessionUser, files: DemarcheFiles, source: 'admin' | 'restore' | 'import') {
  const code = codeOf(files);
  const { issues, catalog, folder } = await checkFiles(deps, files);
  if (issues.length || !catalog) throw invalid(issues);
  const compiled = catalog.byCode.get(code)!;
  await deps.db.transaction(async (trx) => {
    await trx.raw('LOCK TABLE procedure_publications IN EXCLUSIVE MODE');
    await storeVersion(trx, compiled, admin.id);
    await trx('procedure_publications').insert({ code, folder, version_id: compiled.versionId, source, published_by: admin.id });
    await trx('procedure_drafts').where({ code }).delete();
    await auditLog(trx, { actorId: admin.id, actorRole: admin.role, action: 'definition.publish', subjectType: 'procedure', subjectId: code, data: { versionId: compiled.versionId, source } });
  });
  await reloadCatalog(deps, deps.sharedWorkflows ?? {});
  return { versionId: compiled.versionId };
}

export async function publishDraft(deps: AppDeps, admin: SessionUser, code: string) {
  const draft = await deps.db('procedure_drafts').where({ code }).first('files');
  if (!draft) throw new AppError('CONFLICT', 'Aucun brouillon à publier pour cette démarche.');
  return publishFiles(deps, admin, typeof draft.files === 'string' ? JSON.parse(draft.files) : draft.files, 'admin');
}

export async function versions(deps: AppDeps, code: string) {
  const rows = await deps.db('procedure_publications as p').leftJoin('users as u', 'u.id', 'p.published_by').where({ 'p.code': code }).orderBy('p.id', 'desc')
    .select('p.id', 'p.version_id', 'p.published_at', 'p.source', 'u.display_name');
  if (!rows.length) throw notFound('Démarche');
  return rows.map((r, i) => ({ id: String(r.id), versionId: r.version_id, publishedAt: r.published_at, publishedBy: r.display_name ?? null, source: r.source, current: i === 0 }));
}

export async function version(deps: AppDeps, code: string, versionId: string) {
  const row = await deps.db('procedure_versions').where({ version_id: versionId, code }).first('content');
  if (!row) throw notFound('Version');
  return { versionId, files: typeof row.content === 'string' ? JSON.parse(row.content) : row.content };
}

export async function restore(deps: AppDeps, admin: SessionUser, code: string, versionId: string) {
  const { files } = await version(deps, code, versionId);
  return publishFiles(deps, admin, files, 'restore');
}

export async function exportDefinition(deps: AppDeps, code: string) {
  const current = (await currentPublications(deps.db)).find((p) => p.code === code);
  if (!current) throw notFound('Démarche publiée');
  const files = await filesOfVersion(deps, current.version_id);
  return { format: EXPORT_FORMAT, formatVersion: 1, code, versionId: current.version_id, files };
}

/** An exported document becomes the draft of its code, with its issues listed. */
export async function importDefinition(deps: AppDeps, admin: SessionUser, document: Record<string, unknown>) {
  if (document.format !== EXPORT_FORMAT || document.formatVersion !== 1) {
    throw new AppError('INVALID_INPUT', `Ce fichier n'est pas une démarche exportée (format « ${EXPORT_FORMAT} », version 1 attendus).`, [{ instancePath: '/document/format', keyword: 'const', message: 'Format inconnu.', params: {} }]);
  }
  const files = document.files as DemarcheFiles | undefined;
  if (!files || typeof files !== 'object' || files.procedure === undefined || files.schema === undefined || files.uischema === undefined) {
    throw new AppError('INVALID_INPUT', 'Le fichier doit contenir files.procedure, files.schema et files.uischema.', [{ instancePath: '/document/files', keyword: 'required', message: 'Fichiers manquants.', params: {} }]);
  }
  const code = codeOf(files);
  if (!/^[0-9]{2,3}$/.test(code) || (document.code !== undefined && document.code !== code)) {
    throw new AppError('INVALID_INPUT', 'Le code de la démarche est absent ou incohérent.', [{ instancePath: '/document/files/procedure/code', keyword: 'pattern', message: 'Code invalide.', params: {} }]);
  }
  const { issues } = await saveDraft(deps, admin, code, { procedure: files.procedure, schema: files.schema, uischema: files.uischema, ...(files.workflow !== undefined && { workflow: files.workflow }) });
  if (issues.length) {
    await deps.db('procedure_drafts').where({ code }).delete();
    throw new AppError('DEFINITION_INVALID', `Import refusé : la démarche contient ${issues.length} problème(s).`, issues);
  }
  return { code, issues };
}

/** A fictitious family whose facts satisfy every prerequisite: what a dry run is played on. */
async function dryRunFacts(deps: AppDeps, sources: string[]): Promise<Facts> {
  const yes = { accepted: true, acceptedThisSchoolYear: true, openThisSchoolYear: false, submittedThisSchoolYear: true, allChildrenAcceptedThisSchoolYear: true };
  const dossiers = Object.fromEntries((deps.catalog?.procedures ?? []).map((p) => [p.code, { ...yes }]));
  const child = { id: '00000000-0000-4000-8000-0000000000c1', firstName: 'Camille', lastName: 'EXEMPLE', birthDate: '2017-05-12', sex: 'F', dossiers, hasSchool: true, age: 9, level: 'elementaire' };
  const family = {
    id: '00000000-0000-4000-8000-0000000000f1', name: 'EXEMPLE', email: 'famille.exemple@example.fr',
    address: { street: '1 place de la Mairie', postalCode: '77100', city: 'Villebourg' }, consents: { email: true, sms: false },
    guardians: [{ id: '00000000-0000-4000-8000-0000000000a1', civility: 'Madame', firstName: 'Alex', lastName: 'EXEMPLE', relation: 'mere', mobilePhone: '06 00 00 00 00' }],
    children: [child], contacts: [], enrolments: [],
  };
  const facts: Facts = { family, child, dossiers, dossier: { number: '2026-999999' } };
  if (sources.length) facts.lookups = await loadLookups(deps.db, family.id, sources, '2026-2027');
  return facts;
}

/** Plays the preview's answers through the workflow; nothing is stored, no mail is sent. */
export async function dryRun(deps: AppDeps, input: { files: DemarcheFiles; answers: Record<string, unknown>; attachments?: Record<string, number>; events?: string[] }) {
  const { issues, catalog } = await checkFiles(deps, input.files);
  if (issues.length || !catalog) return { issues };
  const procedure = catalog.byCode.get(codeOf(input.files))!;
  const facts = await dryRunFacts(deps, [...new Set(lookupFields(procedure.schema).map((f) => f.spec.source))]);
  const now = deps.clock.now();
  const started = start(procedure, facts, now);
  if (!started.ok) return { issues: [], steps: [{ event: 'START', ok: false, refusal: started.refusal }] };
  let state = started.state;
  const prepare: EngineEvent[] = [{ type: 'CONFIRM_NOTICE' }, { type: 'SAVE', answers: input.answers }];
  for (const [key, count] of Object.entries(input.attachments ?? {})) {
    for (let i = 0; i < Math.min(count, 5); i++) prepare.push({ type: 'ATTACH', key, file: { id: `essai-${key}-${i}`, name: `${key}.pdf`, type: 'application/pdf', size: 1024 } });
  }
  const steps: unknown[] = [];
  for (const event of [...prepare, ...(input.events ?? ['SUBMIT', 'ACCEPT']).map((type) => ({ type, reason: 'Motif de l’essai', message: 'Message de l’essai' }))]) {
    const result = transition(procedure, state, event, facts, now);
    const isEdit = ['CONFIRM_NOTICE', 'SAVE', 'ATTACH'].includes(event.type);
    if (!result.ok) {
      steps.push({ event: event.type, ok: false, status: state.status, statusLabel: statusLabel(procedure, state.status), refusal: result.refusal });
      if (!isEdit) break;
      continue;
    }
    state = result.state;
    if (isEdit) continue;
    const mails = (result.effects.filter((e) => e.kind === 'mail') as Extract<Effect, { kind: 'mail' }>[]).map((m) => ({ template: m.template, subject: m.subject, body: m.body }));
    steps.push({ event: event.type, ok: true, status: state.status, statusLabel: statusLabel(procedure, state.status), effects: result.effects.filter((e) => e.kind !== 'mail'), mails });
  }
  return { issues: [], steps };
}

