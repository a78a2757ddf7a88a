// Completion in the JSON editor, from the meta-schemas: property names where a key is typed,
// literal values (enum, const, booleans) where a value is, plus what the other files offer —
// schema.json's fields for a uischema scope, procedure.json's justificatifs for a key, the
// shared workflows for procedure.json's workflow.
import { startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import { getLocation, parse, type Node } from 'jsonc-parser';
import { propertiesAt, valuesAt } from './metaSchema.js';

export interface CompletionData {
  /** The meta-schema of the file being edited. */
  meta: Record<string, unknown> | null;
  /** Extra values for the field at `path` (scopes, justificatif keys, workflow names). */
  extraValues?: (path: (string | number)[], doc: unknown) => { value: string; detail?: string }[];
}

/** Inserts a key and its value's shape, leaving the cursor inside "" , {} or []. */
function insertion(text: string, template: string, eatQuote = false) {
  const back = ['""', '{}', '[]'].includes(template) ? 1 : 0;
  return (view: EditorView, _c: Completion, from: number, to: number) => {
    // The range CodeMirror filters by stops before the closing quote; the insertion replaces it too.
    const end = eatQuote && view.state.sliceDoc(to, to + 1) === '"' ? to + 1 : to;
    view.dispatch({ changes: { from, to: end, insert: text }, selection: { anchor: from + text.length - back }, userEvent: 'input.complete' });
    // Inside the value's quotes: offer its values at once (enum, names from the other files).
    if (template === '""') window.setTimeout(() => startCompletion(view), 0);
  };
}

function lenientParse(text: string): unknown {
  return parse(text, [], { allowTrailingComma: true, disallowComments: false });
}

function shortText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export function jsonSchemaCompletion(getData: () => CompletionData) {
  return (context: CompletionContext): CompletionResult | null => {
    const { meta, extraValues } = getData();
    const text = context.state.doc.toString();
    const pos = context.pos;
    const location = getLocation(text, pos);
    const doc = lenientParse(text);
    const node: Node | undefined = location.previousNode;
    const word = context.matchBefore(/[\w$@#/.-]+/);
    const recent = text.slice(Math.max(0, pos - 20), pos);
    // Inside a string ("typ|"): complete its content; CodeMirror filters by what is typed after the quote.
    const inString = !!node && (node.type === 'string' || node.type === 'property') && pos > node.offset && pos <= node.offset + node.length;
    if (!context.explicit && !inString && !word && !/[{,:[]\s*$/.test(recent)) return null;
    const stringEnd = inString ? node!.offset + node!.length - (text[node!.offset + node!.length - 1] === '"' && node!.length > 1 ? 1 : 0) : pos;
    const from = inString ? node!.offset + 1 : word?.from ?? pos;
    const to = inString ? Math.max(stringEnd, pos) : pos;
    const inner = (value: string) => JSON.stringify(value).slice(1, -1);

    if (location.isAtPropertyKey) {
      if (!meta) return null;
      const objectPath = location.path.slice(0, -1);
      // A key typed in its quotes and not yet followed by ":": complete the colon and the value's shape.
      const closing = inString && text[stringEnd] === '"' && !/^"\s*:/.test(text.slice(stringEnd));
      const present = new Set(Object.keys((valueAtPath(doc, objectPath) as Record<string, unknown>) ?? {}));
      const options: Completion[] = propertiesAt(meta, objectPath, doc)
        .filter((p) => !present.has(p.name) || p.name === location.path[location.path.length - 1])
        .map((p) => ({
          label: p.name,
          type: 'property',
          detail: p.required ? 'obligatoire' : undefined,
          info: shortText(p.description),
          boost: p.required ? 1 : 0,
          apply: inString ? (closing ? insertion(`${inner(p.name)}": ${p.template}`, p.template, true) : inner(p.name)) : insertion(`${JSON.stringify(p.name)}: ${p.template}`, p.template),
        }));
      return options.length ? { from, to, options, validFor: /^[\w$@-]*$/ } : null;
    }

    const path = location.path;
    const options: Completion[] = [];
    const add = (value: unknown, extra: Partial<Completion>) => {
      if (inString && typeof value !== 'string') return;
      options.push({ label: inString ? String(value) : JSON.stringify(value), apply: inString ? inner(String(value)) : JSON.stringify(value), ...extra });
    };
    if (meta) for (const v of valuesAt(meta, path, doc)) add(v.value, { type: 'constant', info: shortText(v.description) });
    for (const extra of extraValues?.(path, doc) ?? []) add(extra.value, { type: 'variable', detail: extra.detail });
    return options.length ? { from, to, options, validFor: /^[^"]*$/ } : null;
  };
}

export function valueAtPath(doc: unknown, path: (string | number)[]): unknown {
  let value = doc;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** "#/properties/a/properties/b" for every field of a schema.json (for uischema scopes). */
export function scopesOf(schema: unknown): { value: string; detail?: string }[] {
  const out: { value: string; detail?: string }[] = [];
  const root = schema as Record<string, unknown>;
  const resolve = (node: Record<string, unknown>): Record<string, unknown> => {
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      let target: unknown = root;
      for (const k of node.$ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[k];
      if (target && typeof target === 'object') return { ...(target as Record<string, unknown>), ...node };
    }
    return node;
  };
  const walk = (node: unknown, scope: string, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 6) return;
    const resolved = resolve(node as Record<string, unknown>);
    const props = resolved.properties;
    if (!props || typeof props !== 'object') return;
    for (const [name, sub] of Object.entries(props as Record<string, unknown>)) {
      const here = `${scope}/properties/${name}`;
      const title = (sub as { title?: unknown })?.title;
      out.push({ value: here, detail: typeof title === 'string' ? title : undefined });
      walk(sub, here, depth + 1);
    }
  };
  walk(schema, '#', 0);
  return out;
}
