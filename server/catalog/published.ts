// The catalog parents start démarches from: the latest publication of each démarche. The
// definitions/ folder is published at start-up when a démarche is new or when its shipped
// version changed and no administrator has published over it; administrators publish from
// the editor without a restart. Every process reloads when a newer publication appears.
import {
  canonicalJson, formatIssue, loadDefinitions,
  type Catalog, type CompiledProcedure, type DefinitionFiles, type DefinitionSet, type LoadOptions,
} from '../../engine/index.js';
import type { AppDeps } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { DefinitionsError } from '../definitions.js';

export interface DemarcheFiles {
  procedure: unknown;
  schema: unknown;
  uischema: unknown;
  workflow?: unknown;
}

/** What a version stores: the démarche with its workflow resolved (so it never depends on a shared file). */
export function versionContent(p: CompiledProcedure) {
  return { procedure: p.spec, schema: p.schema, uischema: p.uischema, workflow: p.workflow };
}

export async function storeVersion(conn: Db | Trx, p: CompiledProcedure, by: string | null = null): Promise<void> {
  await conn('procedure_versions')
    .insert({ version_id: p.versionId, code: p.code, content: canonicalJson(versionContent(p)), published_by: by })
    .onConflict('version_id').ignore();
}

interface PublicationRow {
  id: string | number;
  code: string;
  folder: string;
  version_id: string;
  source: string;
  published_by: string | null;
  published_at: Date;
}

/** The latest publication of each démarche. */
export async function currentPublications(conn: Db | Trx): Promise<PublicationRow[]> {
  return conn('procedure_publications as p')
    .whereRaw('p.id = (SELECT max(id) FROM procedure_publications q WHERE q.code = p.code)')
    .orderBy('p.code')
    .select('p.*');
}

async function contentsOf(conn: Db | Trx, versionIds: string[]): Promise<Map<string, DemarcheFiles>> {
  const rows = await conn('procedure_versions').whereIn('version_id', versionIds).select('version_id', 'content');
  return new Map(rows.map((r) => [r.version_id, typeof r.content === 'string' ? JSON.parse(r.content) : r.content]));
}

/** The published démarches as a definitions set (each with its own resolved workflow). */
export async function publishedSet(conn: Db | Trx, workflows: Record<string, unknown>): Promise<DefinitionSet> {
  const publications = await currentPublications(conn);
  const contents = await contentsOf(conn, publications.map((p) => p.version_id));
  const procedures: DefinitionFiles[] = publications.map((p) => {
    const c = contents.get(p.version_id)!;
    return { folder: p.folder, procedure: c.procedure, schema: c.schema, uischema: c.uischema, workflow: c.workflow };
  });
  return { procedures, workflows };
}

export function compileSet(set: DefinitionSet, options?: LoadOptions): Catalog {
  const { issues, catalog } = loadDefinitions(set, options);
  if (issues.length || !catalog) throw new DefinitionsError(issues.map(formatIssue));
  return catalog;
}

/**
 * Start-up: publish what the folder ships where it is new (or updates a folder-published
 * démarche), then build the catalog from the publications.
 */
export async function syncPublished(db: Db, folderSet: DefinitionSet, folderCatalog: Catalog): Promise<Catalog> {
  await db.transaction(async (trx) => {
    await trx.raw('LOCK TABLE procedure_publications IN EXCLUSIVE MODE');
    const current = new Map((await currentPublications(trx)).map((p) => [p.code, p]));
    for (const p of folderCatalog.procedures) {
      await storeVersion(trx, p);
      const latest = current.get(p.code);
      if (!latest || (latest.source === 'folder' && latest.version_id !== p.versionId)) {
        await trx('procedure_publications').insert({ code: p.code, folder: p.folder, version_id: p.versionId, source: 'folder' });
      }
    }
  });
  return compileSet(await publishedSet(db, folderSet.workflows));
}

/** The id of the newest publication, to notice another process's publication cheaply. */
export async function publicationMark(conn: Db | Trx): Promise<string> {
  const [row] = await conn('procedure_publications').max({ id: 'id' });
  return String(row?.id ?? 0);
}

/** Rebuilds deps.catalog from the publications (after a publication here or in another process). */
export async function reloadCatalog(deps: AppDeps, workflows: Record<string, unknown>): Promise<void> {
  const mark = await publicationMark(deps.db);
  deps.catalog = compileSet(await publishedSet(deps.db, workflows));
  deps.catalogMark = mark;
}

/** Polls for publications made by other processes; returns a stop function. */
export function watchPublications(deps: AppDeps, workflows: Record<string, unknown>, everyMs = 5000): () => void {
  const timer = setInterval(() => {
    void (async () => {
      const mark = await publicationMark(deps.db);
      if (mark !== deps.catalogMark) await reloadCatalog(deps, workflows);
    })().catch((error) => deps.logger.warn({ err: error }, 'rechargement des démarches impossible'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

