// A small typed client for server/API.md. Same-origin cookies; every state-changing request
// carries the CSRF token read once from GET /api/session.
import type { AttachmentRef, CorrectionRequest, FieldError, JustificatifSpec, LegalNotice } from '../../engine/types.js';

export type Role = 'parent' | 'agent' | 'admin';
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  familyId: string | null;
  displayName: string;
  /** Agents and administrators: second factor awaited ('totp') or to be enrolled first ('enrol'). */
  pending?: 'totp' | 'enrol';
}
export interface Session {
  user: SessionUser | null;
  csrfToken: string;
}

/** `{ error: { code, message, details } }` of the API, as a throwable value. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** Ajv-shaped field errors among the details. */
  get fieldErrors(): FieldError[] {
    return this.details.filter((d): d is FieldError => typeof d === 'object' && d !== null && 'instancePath' in d);
  }
}

/** A refusal as the user reads it: the server's French message, or a plain one. */
export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : 'L’opération n’a pas abouti.');

export interface ProcedureLock {
  message: string;
  doFirst?: string | null;
}
export interface ProcedureSummary {
  code: string;
  title: string;
  summary: string;
  subject: 'family' | 'child';
  category?: string | null;
  available: boolean;
  lock: ProcedureLock | null;
  children?: { id: string; firstName: string; available: boolean; lock: ProcedureLock | null }[];
}
export interface DossierListItem {
  id: string;
  number: string | null;
  code: string;
  title: string;
  childName?: string | null;
  status: string;
  statusLabel: string;
  reason?: string | null;
  createdAt: string;
  submittedAt?: string | null;
  decidedAt?: string | null;
}
export interface StepInfo {
  label: string;
}
/** The definition a dossier is pinned to, as the wizard needs it. */
export interface DossierDefinition {
  versionId: string;
  legalNotice: LegalNotice;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  justificatifs: JustificatifSpec[];
  steps: StepInfo[];
}
export type Attachments = Record<string, AttachmentRef[]>;
export interface Dossier {
  id: string;
  number: string | null;
  code: string;
  title: string;
  status: string;
  statusLabel: string;
  editable: boolean;
  answers: Record<string, unknown>;
  attachments: Attachments;
  noticeConfirmed: boolean;
  step: number;
  resumeStep: number;
  reason?: string | null;
  correction?: CorrectionRequest | null;
  revision?: number;
  definition: DossierDefinition;
}
export interface StepCheck {
  errors: FieldError[];
  missingJustificatifs: { key: string; label: string }[];
}
export interface InboxItem {
  id: string;
  subject: string;
  body: string;
  sentAt: string;
  readAt: string | null;
}
export interface Inbox {
  items: InboxItem[];
  unread: number;
  total: number;
}
export interface Me {
  email: string;
  role: Role;
  family: { name: string } | null;
}
export interface Address {
  street?: string;
  complement?: string;
  postalCode?: string;
  city?: string;
}
export interface Guardian {
  id?: string;
  civility?: string;
  lastName?: string;
  birthName?: string;
  firstName?: string;
  birthDate?: string;
  relation?: string;
  email?: string;
  mobilePhone?: string;
  homePhone?: string;
  workPhone?: string;
  profession?: string;
  employer?: string;
  custody?: string;
}
export interface Child {
  id?: string;
  lastName?: string;
  firstName?: string;
  birthDate?: string;
  sex?: string;
  schooling?: { schoolYear?: string; schoolName?: string; level?: string; className?: string };
  enrolments?: { id?: string; activityName?: string; schoolYear?: string }[];
}
export interface Contact {
  id?: string;
  lastName?: string;
  firstName?: string;
  relation?: string;
  mobilePhone?: string;
  homePhone?: string;
  canPickUp?: boolean;
  emergencyContact?: boolean;
}
/** engine/meta/household.schema.json#/properties/family */
export interface Family {
  id?: string;
  name?: string;
  email?: string;
  homePhone?: string;
  cafNumber?: string;
  address?: Address;
  billingAddress?: Address;
  consents?: { email?: boolean; sms?: boolean };
  directDebit?: boolean;
  quotient?: { value?: number; validFrom?: string; validTo?: string };
  guardians?: Guardian[];
  children?: Child[];
  contacts?: Contact[];
}

let csrfToken: string | null = null;

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? defaultMessage(res.status),
      Array.isArray(error?.details) ? error.details : [],
    );
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré : reconnectez-vous.';
  if (status === 413) return 'Le fichier dépasse la taille autorisée (3 Mo).';
  if (status === 429) return 'Trop de tentatives : réessayez dans quelques minutes.';
  if (status >= 500) return 'Le service est momentanément indisponible. Réessayez dans un instant.';
  return 'La demande n’a pas abouti.';
}

/** One request to the API (CSRF, keepalive fallback, French errors); page modules build their clients on it. */
export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, keepalive = false, retried = false): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', keepalive, headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    (init.headers as Record<string, string>)['x-csrf-token'] = await ensureCsrf();
  }
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    // A keepalive body is limited (64 KiB): past it, fetch refuses at once — send it normally.
    res = await fetch(path, init).catch((e: unknown) => (keepalive ? fetch(path, { ...init, keepalive: false }) : Promise.reject(e)));
  } catch {
    throw new ApiError(0, 'NETWORK', 'Connexion au serveur impossible : vérifiez votre connexion internet.');
  }
  if (res.status === 403 && method !== 'GET' && !retried) {
    // The token is bound to the session: after a rotation (expiry, login elsewhere) read it again once.
    const problem = (await res.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
    if (problem?.error?.code === 'CSRF') {
      csrfToken = null;
      return request<T>(method, path, body, headers, keepalive, true);
    }
  }
  if (res.status === 401 && path !== '/api/auth/login') window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  return parse<T>(res);
}

/** Fired when the server says the session is gone; the session provider shows the login form. */
export const UNAUTHENTICATED_EVENT = 'portail:unauthenticated';

async function ensureCsrf(): Promise<string> {
  if (csrfToken === null) await getSession();
  return csrfToken ?? '';
}

export async function getSession(): Promise<Session> {
  const session = await request<Session>('GET', '/api/session');
  csrfToken = session.csrfToken;
  return session;
}

/** A sessionless token changes at login and logout: read it again. */
async function refreshCsrf<T>(result: T): Promise<T> {
  csrfToken = null;
  await getSession().catch(() => undefined);
  return result;
}

const enc = encodeURIComponent;

export const api = {
  getSession,
  login: (email: string, password: string) =>
    request<{ user: SessionUser }>('POST', '/api/auth/login', { email, password }).then(refreshCsrf),
  logout: () => request<void>('POST', '/api/auth/logout').then(refreshCsrf),
  passwordLink: (email: string) => request<{ message: string }>('POST', '/api/auth/password-link', { email }),
  resetPassword: (token: string, password: string, confirmation: string) =>
    request<{ message: string }>('POST', '/api/auth/reset', { token, password, confirmation }),
  me: () => request<Me>('GET', '/api/me'),
  changeEmail: (email: string) => request<{ message?: string } | undefined>('POST', '/api/me/email', { email }),
  confirmEmail: (token: string) => request<{ message?: string } | undefined>('POST', '/api/me/email/confirm', { token }),
  changePassword: (currentPassword: string, password: string, confirmation: string) =>
    request<{ message?: string } | undefined>('POST', '/api/me/password', { currentPassword, password, confirmation }),
  family: () => request<Family>('GET', '/api/family'),
  inbox: (limit?: number) => request<Inbox>('GET', `/api/inbox${limit ? `?limit=${limit}` : ''}`),
  markRead: (id: string) => request<void>('POST', `/api/inbox/${enc(id)}/read`),
  procedures: () => request<ProcedureSummary[]>('GET', '/api/procedures'),
  dossiers: () => request<{ inProgress: DossierListItem[]; processed: DossierListItem[] }>('GET', '/api/dossiers'),
  createDossier: (code: string, childId?: string) =>
    request<Dossier>('POST', '/api/dossiers', childId ? { code, childId } : { code }),
  dossier: (id: string) => request<Dossier>('GET', `/api/dossiers/${enc(id)}`),
  confirmNotice: (id: string) => request<Dossier>('POST', `/api/dossiers/${enc(id)}/notice`),
  /** Autosave of a draft; `keepalive` lets the request outlive a page being closed. */
  saveAnswers: (id: string, answers: unknown, step: number, revision?: number, keepalive = false) =>
    request<{ revision: number; savedAt: string; schema?: unknown }>(
      'PUT',
      `/api/dossiers/${enc(id)}/answers`,
      revision === undefined ? { answers, step } : { answers, step, revision },
      {},
      keepalive,
    ),
  checkStep: (id: string, index: number) => request<StepCheck>('POST', `/api/dossiers/${enc(id)}/steps/${index}/check`),
  upload: (id: string, key: string, files: File[]) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return request<{ attachments: Attachments; revision: number }>('POST', `/api/dossiers/${enc(id)}/attachments/${enc(key)}`, form);
  },
  deleteAttachment: (id: string, key: string, fileId: string) =>
    request<{ attachments: Attachments; revision: number }>('DELETE', `/api/dossiers/${enc(id)}/attachments/${enc(key)}/${enc(fileId)}`),
  submit: (id: string, idempotencyKey: string) =>
    request<{ status: string; number: string }>('POST', `/api/dossiers/${enc(id)}/submit`, undefined, { 'Idempotency-Key': idempotencyKey }),
  abandon: (id: string) => request<void>('POST', `/api/dossiers/${enc(id)}/abandon`),
  fileUrl: (fileId: string, inline = false) => `/api/files/${enc(fileId)}${inline ? '?inline=1' : ''}`,
};

export type Api = typeof api;
