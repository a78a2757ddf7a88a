// The back office's client for server/backoffice/routes.ts. Session, login and logout go
// through the parents' app client (renderer/src/api.ts: same cookies, same error shape); this
// module adds the agents' and administrators' calls, with the CSRF token on every change.
import { api as portalApi, ApiError, UNAUTHENTICATED_EVENT, type SessionUser } from '../../renderer/src/api.js';
import type { AttachmentRef, CorrectionRequest, JustificatifSpec, LegalNotice } from '../../engine/types.js';

export { ApiError, type SessionUser };

export interface QueueCount {
  code: string;
  title: string;
  status: string;
  statusLabel: string;
  count: number;
}
export interface Queues {
  queues: QueueCount[];
  mine: number;
}
export interface Assignee {
  id: string;
  name?: string;
}
export interface QueueItem {
  id: string;
  number: string | null;
  code: string;
  title: string;
  familyName: string;
  childName: string | null;
  status: string;
  statusLabel: string;
  submittedAt: string;
  ageDays: number;
  revision: number;
  assignedTo: Assignee | null;
}
export interface QueuePage {
  items: QueueItem[];
  next: string | null;
}
export interface QueueFilters {
  code?: string;
  status?: string;
  submittedFrom?: string;
  submittedTo?: string;
  family?: string;
  number?: string;
  olderThanDays?: number;
  mine?: boolean;
  order?: 'oldest' | 'newest';
}

/** What accepting the dossier would change in the household (engine/changes.ts). */
export interface HouseholdChange {
  record: string;
  kind: 'set' | 'add' | 'update' | 'remove' | 'effect';
  field?: string;
  itemId?: string;
  before?: unknown;
  after?: unknown;
}
export interface HistoryEntry {
  at: string;
  type: string;
  from: string | null;
  to: string | null;
  actor: { name: string; role: string | null };
  data: Record<string, unknown> | null;
}
export interface OtherDossier {
  id: string;
  number: string | null;
  code: string;
  title: string;
  status: string;
  statusLabel: string;
  submittedAt: string | null;
  decidedAt: string | null;
}
export type Decision = 'ACCEPT' | 'REJECT' | 'REQUEST_CORRECTION';
export interface ReviewDefinition {
  versionId: string;
  code: string;
  title: string;
  legalNotice: LegalNotice;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  justificatifs: JustificatifSpec[];
  steps: { label: string }[];
}
export interface Review {
  id: string;
  number: string | null;
  code: string;
  title: string;
  status: string;
  statusLabel: string;
  revision: number;
  family: { id: string; name?: string };
  child: { id: string; name: string } | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy?: string;
  ageDays: number | null;
  assignedTo: Assignee | null;
  reason: string | null;
  correction: CorrectionRequest | null;
  answers: Record<string, unknown>;
  attachments: { key: string; label: string; files: AttachmentRef[] }[];
  changes: HouseholdChange[];
  actions: Decision[];
  fieldPointers: string[];
  otherDossiers: OtherDossier[];
  history: HistoryEntry[];
  definition: ReviewDefinition;
}
export interface BulkResult {
  accepted: number;
  failed: number;
  results: { id: string; ok: boolean; status?: string; error?: { code: string; message: string } }[];
}
export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: 'agent' | 'admin';
  disabled: boolean;
  createdAt: string;
  /** Double authentification activée. */
  secondFactor?: boolean;
}

let csrfToken: string | null = null;

async function ensureCsrf(): Promise<string> {
  if (csrfToken === null) csrfToken = (await portalApi.getSession()).csrfToken;
  return csrfToken ?? '';
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré : reconnectez-vous.';
  if (status === 403) return 'Cette action est réservée à d’autres profils.';
  if (status === 429) return 'Trop de demandes : réessayez dans quelques instants.';
  if (status >= 500) return 'Le service est momentanément indisponible. Réessayez dans un instant.';
  return 'La demande n’a pas abouti.';
}

/** One JSON call of the back office: session cookie, CSRF token (read again once after a rotation), errors as ApiError. */
export async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = await ensureCsrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Connexion au serveur impossible : vérifiez votre connexion.');
  }
  const text = res.status === 204 ? '' : await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const error = (parsed as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined)?.error;
  if (res.status === 403 && error?.code === 'CSRF' && !retried) {
    // The token is bound to the session: after a rotation, read it again once.
    csrfToken = null;
    return request<T>(method, path, body, true);
  }
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? defaultMessage(res.status), Array.isArray(error?.details) ? error.details : []);
}

function query(filters: QueueFilters & { after?: string | null; limit?: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export const adminApi = {
  login: async (email: string, password: string) => {
    const result = await portalApi.login(email, password);
    csrfToken = null;
    return result;
  },
  logout: async () => {
    await portalApi.logout().catch(() => undefined);
    csrfToken = null;
  },
  queues: () => request<Queues>('GET', '/api/agent/queues'),
  dossiers: (filters: QueueFilters, after?: string | null, limit = 50) => request<QueuePage>('GET', `/api/agent/dossiers${query({ ...filters, after, limit })}`),
  dossier: (id: string) => request<Review>('GET', `/api/agent/dossiers/${enc(id)}`),
  take: (id: string, force = false) => request<Review>('POST', `/api/agent/dossiers/${enc(id)}/take`, force ? { force: true } : {}),
  release: (id: string) => request<void>('POST', `/api/agent/dossiers/${enc(id)}/release`),
  decide: (id: string, body: { action: Decision; revision: number; reason?: string; fields?: string[]; justificatifs?: string[]; message?: string }) =>
    request<{ status: string; revision: number }>('POST', `/api/agent/dossiers/${enc(id)}/decision`, body),
  bulkAccept: (ids: string[]) => request<BulkResult>('POST', '/api/agent/dossiers/bulk-accept', { ids }),
  note: (id: string, text: string) => request<void>('POST', `/api/agent/dossiers/${enc(id)}/notes`, { text }),
  staff: () => request<StaffMember[]>('GET', '/api/admin/staff'),
  createStaff: (input: { email: string; displayName: string; role: 'agent' | 'admin' }) => request<{ id: string }>('POST', '/api/admin/staff', input),
  setStaffDisabled: (id: string, disabled: boolean) => request<void>('POST', `/api/admin/staff/${enc(id)}/${disabled ? 'disable' : 'enable'}`),
  resetSecondFactor: (id: string) => request<void>('POST', `/api/admin/staff/${enc(id)}/second-factor/reset`),
  fileUrl: (fileId: string, inline = false) => `/api/files/${enc(fileId)}${inline ? '?inline=1' : ''}`,
};
