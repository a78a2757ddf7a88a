// The wizard's backend for the live preview: nothing is stored. Answers stay in memory, files
// stay in the browser (object URLs), a step is checked here for what the preview can know
// (required fields and justificatifs), and "Envoyer" submits the answers to the server's dry
// run, whose refusal comes back at the fields exactly as for a parent.
import type { AttachmentRef, FieldError, JustificatifSpec } from '../../../engine/types.js';
import { categoriesOf, isRequired, scopeToPointer, type Attachments, type StepCheck, type WizardBackend } from '../../../renderer/src/forms/index.js';
import type { CategoryElement } from '../../../renderer/src/forms/index.js';

type Schema = Record<string, unknown>;

function resolve(root: Schema, node: unknown): Schema | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as Schema;
  if (typeof n.$ref === 'string' && n.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const k of n.$ref.slice(2).split('/')) target = (target as Schema | undefined)?.[k];
    return target && typeof target === 'object' ? { ...(target as Schema), ...n, $ref: undefined } : n;
  }
  return n;
}

function valueAt(data: unknown, tokens: string[]): unknown {
  let node = data;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

interface UiNode {
  type?: string;
  scope?: string;
  key?: string;
  elements?: UiNode[];
}

function walk(node: UiNode, visit: (n: UiNode) => void) {
  visit(node);
  for (const child of node.elements ?? []) walk(child, visit);
}

/** Required fields left empty and required justificatifs without a file, in one category. */
export function checkCategory(schema: Schema, category: CategoryElement, answers: Record<string, unknown>, attachments: Attachments, specs: JustificatifSpec[]): StepCheck {
  const errors: FieldError[] = [];
  const keys: string[] = [];
  walk(category as UiNode, (n) => {
    if (n.type === 'Justificatif' && typeof n.key === 'string') keys.push(n.key);
    if (n.type !== 'Control' || typeof n.scope !== 'string') return;
    const pointer = scopeToPointer(n.scope);
    if (pointer.includes('*')) return;
    const tokens = pointer.split('/').filter(Boolean);
    if (tokens.length === 0) return;
    // Walk down the schema to the parent object of the field; check its `required`.
    let parent = resolve(schema, schema);
    for (const t of tokens.slice(0, -1)) parent = resolve(schema, (parent?.properties as Schema | undefined)?.[t]);
    const name = tokens[tokens.length - 1];
    const required = Array.isArray(parent?.required) ? (parent!.required as string[]) : [];
    const parentValue = valueAt(answers, tokens.slice(0, -1));
    const parentExists = tokens.length === 1 || (parentValue !== undefined && parentValue !== null);
    const parentRequired = tokens.length === 1 || parentExists;
    if (required.includes(name) && parentRequired && empty(valueAt(answers, tokens))) {
      errors.push({ instancePath: `/${tokens.slice(0, -1).join('/')}`.replace(/\/$/, ''), keyword: 'required', message: 'Ce champ est obligatoire.', params: { missingProperty: name } });
    }
  });
  const missingJustificatifs = specs
    .filter((spec) => keys.includes(spec.key) && isRequired(spec, answers) && (attachments[spec.key]?.length ?? 0) === 0)
    .map((spec) => ({ key: spec.key, label: spec.label }));
  return { errors, missingJustificatifs };
}

export interface PreviewInput {
  schema: Schema;
  uischema: Schema;
  justificatifs: JustificatifSpec[];
}

export interface PreviewHooks {
  /** The answers as the wizard autosaves them (kept across redraws of the preview). */
  onAnswers: (answers: Record<string, unknown>, step: number) => void;
  /** "Envoyer ma démarche": the dry run of the preview's answers and file counts. */
  submit: (answers: Record<string, unknown>, attachments: Record<string, number>) => Promise<{ status: string; number: string }>;
}

export function previewBackend(input: PreviewInput, initial: { answers: Record<string, unknown>; attachments: Attachments }, hooks: PreviewHooks): WizardBackend & { attachments: () => Attachments } {
  let answers = initial.answers;
  let attachments: Attachments = initial.attachments;
  const urls = new Map<string, string>();
  const categories = categoriesOf(input.uischema);
  return {
    attachments: () => attachments,
    async confirmNotice() {
      hooks.onAnswers(answers, 0);
    },
    async save(next, step) {
      answers = next;
      hooks.onAnswers(next, step);
      return { savedAt: new Date().toISOString() };
    },
    async checkStep(index) {
      const category = categories[index];
      return category ? checkCategory(input.schema, category, answers, attachments, input.justificatifs) : { errors: [], missingJustificatifs: [] };
    },
    async upload(key, files) {
      const added: AttachmentRef[] = files.map((file) => {
        const id = crypto.randomUUID();
        urls.set(id, URL.createObjectURL(file));
        return { id, name: file.name, type: file.type || 'application/octet-stream', size: file.size };
      });
      attachments = { ...attachments, [key]: [...(attachments[key] ?? []), ...added] };
      return attachments;
    },
    async remove(key, fileId) {
      const url = urls.get(fileId);
      if (url) URL.revokeObjectURL(url);
      attachments = { ...attachments, [key]: (attachments[key] ?? []).filter((f) => f.id !== fileId) };
      return attachments;
    },
    async submit() {
      const counts = Object.fromEntries(Object.entries(attachments).map(([k, list]) => [k, list.length]));
      return hooks.submit(answers, counts);
    },
    fileUrl: (fileId) => urls.get(fileId) ?? '#',
  };
}
