// What the wizard needs of a dossier and of the server. The parents' app implements
// WizardBackend over the HTTP API (renderer/src/pages/DossierPage.tsx); the admin live preview
// can implement it locally with the engine's functions.
import type { AttachmentRef, ComputedSpec, CorrectionRequest, FieldError, JustificatifSpec, LegalNotice } from '../../../engine/types.js';

export type Attachments = Record<string, AttachmentRef[]>;

export interface StepCheck {
  errors: FieldError[];
  missingJustificatifs: { key: string; label: string }[];
}

export interface WizardDefinition {
  legalNotice: LegalNotice;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  justificatifs: JustificatifSpec[];
  steps?: { label: string }[];
  /** Computed answers (procedure.json computed) and the facts they read, to show them live. */
  computed?: { fields: ComputedSpec[]; inputs: Record<string, unknown> };
}

export interface WizardDossier {
  code?: string;
  title: string;
  number?: string | null;
  status?: string;
  statusLabel?: string;
  editable: boolean;
  answers: Record<string, unknown>;
  attachments: Attachments;
  noticeConfirmed: boolean;
  /** Step to open on (the summary when equal to the number of steps). */
  resumeStep: number;
  reason?: string | null;
  correction?: CorrectionRequest | null;
  definition: WizardDefinition;
}

/**
 * The server side of the wizard. Failures are thrown as `{ status, code, message, details }`
 * (the API's error body; details hold Ajv-shaped field errors or { key, label } items).
 */
export interface WizardBackend {
  confirmNotice(): Promise<void>;
  /** Saves a draft (may be incomplete). `keepalive` when the page is going away. */
  /** Saves a draft; `schema` comes back when choices depend on the answers (the classes of the chosen school). */
  save(answers: Record<string, unknown>, step: number, options?: { keepalive?: boolean }): Promise<{ savedAt: string; schema?: unknown }>;
  checkStep(index: number): Promise<StepCheck>;
  upload(key: string, files: File[]): Promise<Attachments>;
  remove(key: string, fileId: string): Promise<Attachments>;
  submit(idempotencyKey: string): Promise<{ status: string; number: string }>;
  fileUrl(fileId: string): string;
}
