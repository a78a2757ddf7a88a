// Client for the administrators' definition routes (server/API.md, "Définitions —
// administrators (issue 7)"). Same cookies, CSRF token and error shape as ../api.ts.
import { ApiError } from '../../../renderer/src/api.js';
import { request } from '../api.js';
import type { DefinitionIssue } from '../../../engine/types.js';

export { ApiError };
export type Issue = DefinitionIssue;

export type FileName = 'procedure' | 'schema' | 'uischema' | 'workflow';
export const FILE_NAMES: FileName[] = ['procedure', 'schema', 'uischema', 'workflow'];

/** A démarche's files as plain JSON values (workflow absent ⇒ the shared workflow of procedure.json). */
export interface DefinitionFiles {
  procedure: unknown;
  schema: unknown;
  uischema: unknown;
  workflow?: unknown;
}

export interface DefinitionListItem {
  code: string;
  title: string;
  current: { versionId: string; publishedAt: string; publishedBy: string | null } | null;
  draft: { updatedAt: string; updatedBy: string | null } | null;
}

export interface DefinitionDetail {
  code: string;
  current: { versionId: string; files: DefinitionFiles } | null;
  draft: { files: DefinitionFiles; updatedAt: string } | null;
  workflows: string[];
  meta?: Partial<Record<FileName, unknown>>;
}

export interface VersionItem {
  /** The publication (a restore publishes an old versionId again). */
  id?: string;
  versionId: string;
  publishedAt: string;
  publishedBy: string | null;
  /** admin (published from a draft), restore, import. */
  source?: string;
  current: boolean;
}

export interface DryRunMail {
  template: string;
  subject: string;
  body: string;
}
/** One event of the dry run; a refused event (or a refused preparation: SAVE, ATTACH, START) has no effects. */
export interface DryRunStep {
  event: string;
  ok: boolean;
  status?: string;
  statusLabel?: string;
  refusal?: { code?: string; message?: string; details?: unknown[] };
  effects?: unknown[];
  mails?: DryRunMail[];
}
export type DryRunResult = { issues: Issue[]; steps?: undefined } | { steps: DryRunStep[]; issues?: Issue[] };

export interface ExportDocument {
  format: 'portail-famille/demarche';
  formatVersion: number;
  code: string;
  files: DefinitionFiles;
}

/** The definition issues an error carries (422 DEFINITION_INVALID, refused import). */
export function issuesOf(e: unknown): Issue[] {
  if (!(e instanceof ApiError)) return [];
  return e.details.filter((d): d is Issue => typeof d === 'object' && d !== null && 'pointer' in d && 'message' in d);
}

const enc = encodeURIComponent;
const base = '/api/admin/definitions';

export const definitionsApi = {
  list: () => request<DefinitionListItem[]>('GET', base),
  create: (input: { code: string; title: string; from?: string }) => request<{ code: string }>('POST', base, input),
  get: (code: string) => request<DefinitionDetail>('GET', `${base}/${enc(code)}`),
  saveDraft: (code: string, files: DefinitionFiles) => request<{ issues: Issue[]; updatedAt: string }>('PUT', `${base}/${enc(code)}/draft`, { files }),
  check: (files: DefinitionFiles) => request<{ issues: Issue[] }>('POST', `${base}/check`, { files }),
  dryRun: (input: { files: DefinitionFiles; answers: unknown; attachments?: Record<string, number>; events?: string[] }) =>
    request<DryRunResult>('POST', `${base}/dry-run`, input),
  publish: (code: string) => request<{ versionId: string }>('POST', `${base}/${enc(code)}/publish`),
  versions: (code: string) => request<VersionItem[]>('GET', `${base}/${enc(code)}/versions`),
  version: (code: string, versionId: string) => request<{ versionId: string; files: DefinitionFiles }>('GET', `${base}/${enc(code)}/versions/${enc(versionId)}`),
  restore: (code: string, versionId: string) => request<{ versionId: string }>('POST', `${base}/${enc(code)}/versions/${enc(versionId)}/restore`),
  exportDocument: (code: string) => request<ExportDocument>('GET', `${base}/${enc(code)}/export`),
  importDocument: (document: unknown) => request<{ code: string; issues: Issue[] }>('POST', `${base}/import`, { document }),
};
