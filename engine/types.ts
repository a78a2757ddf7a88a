// Types shared by the engine, the server and the front ends.
// A definition (démarche) is plain JSON; these types describe its shape once parsed.
// The meta-schemas in engine/meta/ are the authoritative, documented form.

export type JsonLogic = unknown;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a definition problem is: the file (relative to the definitions folder) and a JSON pointer. */
export interface DefinitionIssue {
  file: string;
  pointer: string;
  code: DefinitionIssueCode;
  message: string;
  hint?: string;
}

export type DefinitionIssueCode =
  | 'FILE_MISSING'
  | 'JSON_SYNTAX'
  | 'META_SCHEMA'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'UNSAFE_PATTERN'
  | 'SCHEMA_INVALID'
  | 'UNKNOWN_SCOPE'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_RECORD_FIELD'
  | 'UNKNOWN_JUSTIFICATIF'
  | 'UNUSED_JUSTIFICATIF'
  | 'DUPLICATE_JUSTIFICATIF'
  | 'UNKNOWN_GUARD'
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_TEMPLATE'
  | 'UNKNOWN_WORKFLOW'
  | 'UNREACHABLE_STATE'
  | 'DEAD_END_STATE'
  | 'UNKNOWN_TARGET'
  | 'WORKFLOW_INVALID'
  | 'UNKNOWN_PROCEDURE'
  | 'PREREQUISITE_CYCLE'
  | 'DUPLICATE_CODE'
  | 'UNKNOWN_OPERATOR'
  | 'UNKNOWN_PARAM'
  | 'UNKNOWN_LOOKUP'
  | 'MISSING_PARAM'
  | 'SCENARIO_INVALID';

/** Files of one démarche, as parsed JSON (before checks). */
export interface DefinitionFiles {
  /** Folder name, e.g. "04-changement-adresse". */
  folder: string;
  procedure: unknown;
  schema: unknown;
  uischema: unknown;
  /** Own workflow.json, when the folder has one. */
  workflow?: unknown;
  scenarios?: Record<string, unknown>;
}

/** A whole definitions tree: démarches and shared workflows. */
export interface DefinitionSet {
  procedures: DefinitionFiles[];
  /** Shared workflows by name (file name without .json). */
  workflows: Record<string, unknown>;
  /** Problems met while reading files (syntax, missing files), reported with the checks. */
  readIssues?: DefinitionIssue[];
}

export type Subject = 'family' | 'child';
export type Frequency = 'unlimited' | 'oncePerSchoolYear' | 'once';

export interface LegalNotice {
  title: string;
  paragraphs: string[];
  confirmationLabel: string;
}

export interface Availability {
  /** "MM-DD" each school year, or an absolute "YYYY-MM-DD". */
  opensOn?: string;
  closesOn?: string;
  frequency?: Frequency;
}

export interface Prerequisite {
  id: string;
  rule: JsonLogic;
  message: string;
  /** Code of the démarche to do first, offered as a link. */
  doFirst?: string;
}

export interface JustificatifSpec {
  key: string;
  label: string;
  description?: string;
  required: boolean | JsonLogic;
  accept: string[];
  maxSize: number;
  multiple?: boolean;
}

/** Copies between the answers and the household record (prefill, and effects on acceptance). */
export interface Mapping {
  answer: string;
  record: string;
  fields?: Record<string, string>;
}

export interface RecordEffectSpec extends Mapping {
  kind: 'updateRecord' | 'syncCollection';
  when?: JsonLogic;
  /** syncCollection: remove record items the answers no longer list. */
  delete?: boolean;
}

export interface NamedEffectSpec {
  kind: string;
  when?: JsonLogic;
  params: Record<string, JsonLogic>;
}

export type EffectSpec = RecordEffectSpec | NamedEffectSpec;

export interface MailTemplate {
  subject: string;
  body: string;
}

export interface ProcedureSpec {
  code: string;
  title: string;
  summary: string;
  legalNotice: LegalNotice;
  subject: Subject;
  availability?: Availability;
  prerequisites?: Prerequisite[];
  justificatifs?: JustificatifSpec[];
  prefill?: Mapping[];
  effects?: EffectSpec[];
  notifications: Record<string, MailTemplate>;
  review: 'agent' | 'automatic';
  workflow?: string;
  sensitive?: boolean;
  category?: string;
  /** Answers the engine derives with json-logic (engine/computed.ts). */
  computed?: ComputedSpec[];
}

/** One computed answer: procedure.schema.json#/properties/computed. */
export interface ComputedSpec {
  /** Answer pointer written ("/foyer/parts"). */
  answer: string;
  /** json-logic over the answers (earlier computed values included) and the facts. */
  rule: unknown;
  /** Decimal places a number is rounded to (half up). */
  decimals?: number;
  /** How the value is obtained, in French, for agents and the formula shown to parents. */
  description?: string;
}

/** Facts about the family the server gathers before calling the engine. See engine/meta/facts.schema.json. */
export interface DossierFacts {
  accepted: boolean;
  acceptedThisSchoolYear: boolean;
  openThisSchoolYear: boolean;
  submittedThisSchoolYear: boolean;
  [key: string]: unknown;
}

export interface Facts {
  family: Record<string, unknown>;
  child?: Record<string, unknown> | null;
  /** Per démarche code, about the whole family. */
  dossiers: Record<string, DossierFacts>;
  [key: string]: unknown;
}

export interface AttachmentRef {
  id: string;
  name: string;
  type: string;
  size: number;
  /** The server's antivirus verdict, when an antivirus is configured. */
  scan?: 'pending' | 'clean' | 'infected';
}

export interface CorrectionRequest {
  fields: string[];
  justificatifs: string[];
  message: string;
}

/** What the engine knows of one dossier. The server stores it; the engine never mutates it. */
export interface DossierState {
  status: string;
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
  noticeConfirmed: boolean;
  step: number;
  reason?: string | null;
  correction?: CorrectionRequest | null;
}

export interface Actor {
  id: string;
  role: 'parent' | 'agent' | 'admin' | 'system';
  name?: string;
}

/**
 * An event sent to a dossier. Editing events (CONFIRM_NOTICE, SAVE, ATTACH, DETACH) are
 * handled by the engine; any other type is a workflow event (SUBMIT, ACCEPT, REJECT…).
 */
export interface EngineEvent {
  type: string;
  /** SAVE: the whole answer document, and the step the parent is on. */
  answers?: Record<string, unknown>;
  step?: number;
  /** ATTACH / DETACH: the justificatif key, and the file (type read from its content by the server). */
  key?: string;
  file?: AttachmentRef;
  fileId?: string;
  /** REJECT: why. REQUEST_CORRECTION: what to correct and the message for the family. */
  reason?: string;
  fields?: string[];
  justificatifs?: string[];
  message?: string;
  actor?: Actor;
  [key: string]: unknown;
}

/** A field error in Ajv's shape, so JSONForms shows it at the field (additionalErrors). */
export interface FieldError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
  schemaPath?: string;
}

export type RefusalCode =
  | 'PREREQUISITE_NOT_MET'
  | 'NOT_AVAILABLE'
  | 'INVALID_DATA'
  | 'JUSTIFICATIF_MISSING'
  | 'JUSTIFICATIF_INVALID'
  | 'NOTICE_NOT_CONFIRMED'
  | 'REASON_REQUIRED'
  | 'CORRECTION_EMPTY'
  | 'NOT_EDITABLE'
  | 'EVENT_NOT_ALLOWED';

export interface Refusal {
  code: RefusalCode;
  message: string;
  details?: unknown[];
}

/** An effect, as data, for the server to carry out in the transaction that stores the new state. */
export type Effect =
  | { kind: 'mail'; template: string; to: 'family'; subject: string; body: string }
  | { kind: 'updateRecord'; record: string; values: Record<string, unknown> }
  | { kind: 'syncCollection'; record: string; items: Record<string, unknown>[]; delete: boolean }
  | { kind: string; [key: string]: unknown };

export type TransitionResult =
  | { ok: true; state: DossierState; effects: Effect[]; changed: boolean }
  | { ok: false; refusal: Refusal };
