// Loads the démarche definitions at start-up and records each version, so a dossier
// pinned to an older version can be re-compiled later.
import { readDefinitionsFolder } from '../engine/fs-loader.js';
import { canonicalJson, formatIssue, loadDefinitions, type Catalog } from '../engine/index.js';
import type { Db } from './db.js';

export class DefinitionsError extends Error {
  constructor(public lines: string[]) {
    super(`Les définitions des démarches contiennent ${lines.length} problème(s) :\n${lines.join('\n')}`);
  }
}

export async function loadCatalog(dir: string): Promise<Catalog> {
  const set = await readDefinitionsFolder(dir);
  const { issues, catalog } = loadDefinitions(set);
  if (issues.length || !catalog) throw new DefinitionsError(issues.map(formatIssue));
  return catalog;
}

export async function recordVersions(db: Db, catalog: Catalog): Promise<void> {
  for (const p of catalog.procedures) {
    const content = { procedure: p.spec, schema: p.schema, uischema: p.uischema, workflow: p.workflow };
    await db('procedure_versions')
      .insert({ version_id: p.versionId, code: p.code, content: canonicalJson(content) })
      .onConflict('version_id').ignore();
  }
}
