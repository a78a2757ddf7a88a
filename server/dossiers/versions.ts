// Which compiled démarche a dossier runs on: the version it was started with. Current
// versions come from the catalog; older ones are re-compiled from procedure_versions once.
import { compileProcedure, type CompiledProcedure, type ProcedureSpec, type WorkflowConfig } from '../../engine/index.js';
import type { AppDeps } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { notFound } from '../http/errors.js';

const older = new Map<string, CompiledProcedure>();

/** The current (published) version of a démarche, or 404. */
export function currentProcedure(deps: AppDeps, code: string): CompiledProcedure {
  const procedure = deps.catalog?.byCode.get(code);
  if (!procedure) throw notFound('Démarche');
  return procedure;
}

export async function procedureForVersion(deps: AppDeps, conn: Db | Trx, versionId: string): Promise<CompiledProcedure> {
  const hit = deps.catalog?.byVersion.get(versionId) ?? older.get(versionId);
  if (hit) return hit;
  const row = await conn('procedure_versions').where({ version_id: versionId }).first('content');
  if (!row) throw notFound('Version de démarche');
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as {
    procedure: ProcedureSpec;
    schema: Record<string, unknown>;
    uischema: Record<string, unknown>;
    workflow: WorkflowConfig;
  };
  const compiled = compileProcedure({ folder: `version-${versionId}`, spec: content.procedure, ...content });
  older.set(versionId, compiled);
  return compiled;
}
