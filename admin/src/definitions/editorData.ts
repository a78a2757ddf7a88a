// What completion knows for each file: its meta-schema (from the server, or the copy bundled
// from engine/meta) and the names the other files define.
import procedureMeta from '../../../engine/meta/procedure.schema.json';
import uischemaMeta from '../../../engine/meta/uischema.schema.json';
import workflowMeta from '../../../engine/meta/workflow.schema.json';
import { scopeToPointer } from '../../../renderer/src/forms/pointers.js';
import type { DefinitionDetail, DefinitionFiles, FileName } from './api.js';
import { scopesOf, type CompletionData } from './completion.js';
import { jsonSchemaMeta } from './metaSchema.js';
import { asObject } from './files.js';

const bundled: Record<FileName, Record<string, unknown>> = {
  procedure: procedureMeta as Record<string, unknown>,
  schema: jsonSchemaMeta(),
  uischema: uischemaMeta as Record<string, unknown>,
  workflow: workflowMeta as Record<string, unknown>,
};

// The shared workflows of definitions/workflows/, for the picture when procedure.json names one.
const shared = import.meta.glob('../../../definitions/workflows/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export function sharedWorkflow(name: string): unknown {
  const entry = Object.entries(shared).find(([path]) => path.endsWith(`/${name}.json`));
  return entry?.[1];
}

export function completionFor(file: FileName, detail: DefinitionDetail | null, files: DefinitionFiles | null): CompletionData {
  const fromServer = detail?.meta?.[file];
  const meta = fromServer && typeof fromServer === 'object' ? (fromServer as Record<string, unknown>) : bundled[file];
  const scopes = scopesOf(files?.schema);
  const justificatifs = (Array.isArray(asObject(files?.procedure).justificatifs) ? (asObject(files?.procedure).justificatifs as unknown[]) : [])
    .map((j) => asObject(j))
    .filter((j) => typeof j.key === 'string')
    .map((j) => ({ value: j.key as string, detail: typeof j.label === 'string' ? j.label : undefined }));
  const workflows = detail?.workflows ?? [];
  return {
    meta,
    extraValues: (path) => {
      const last = path[path.length - 1];
      if (file === 'uischema' && last === 'scope') return scopes;
      if (file === 'uischema' && last === 'key') return justificatifs;
      if (file === 'procedure' && last === 'answer') return scopes.map((s) => ({ value: scopeToPointer(s.value), detail: s.detail }));
      if (file === 'procedure' && path.length === 1 && last === 'workflow') return workflows.map((w) => ({ value: w }));
      return [];
    },
  };
}
