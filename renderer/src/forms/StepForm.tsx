// One step of a démarche: the elements of one Category of the definition's Categorization,
// rendered as a VerticalLayout with the whole schema. Validation is the server's: its
// Ajv-shaped errors arrive as `errors` (JSONForms additionalErrors).
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { JsonForms } from '@jsonforms/react';
import { UPDATE_CORE, type CoreActions, type JsonFormsCore, type JsonSchema, type Middleware, type UISchemaElement } from '@jsonforms/core';
import type { CorrectionRequest, FieldError } from '../../../engine/types.js';
import { renderers, cells } from './renderers.js';
import { frenchI18n, formsConfig } from './i18n.js';
import { schemaInterpreter } from './schemaInterpreter.js';
import { isUnder, scopeToPointer } from './pointers.js';

export interface CategoryElement {
  type: string;
  label?: string;
  elements?: UiElement[];
}
export interface UiElement {
  type: string;
  scope?: string;
  label?: string | boolean;
  elements?: UiElement[];
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface StepFormProps {
  schema: Record<string, unknown>;
  /** A Category of the definition's uischema (its elements are rendered). */
  category: CategoryElement;
  data: unknown;
  onChange?: (data: Record<string, unknown>) => void;
  /** Derives values from the answers at each change (computed answers); returns the same object when nothing changes. */
  transform?: (data: Record<string, unknown>) => Record<string, unknown>;
  readonly?: boolean;
  errors?: FieldError[];
  /** Sent back by an agent: only the named fields stay editable, and they are marked. */
  correction?: CorrectionRequest | null;
}

/** The categories (steps) of a definition's uischema. */
export function categoriesOf(uischema: Record<string, unknown>): CategoryElement[] {
  const elements = (uischema as { elements?: CategoryElement[] }).elements ?? [];
  return uischema.type === 'Categorization' ? elements : [{ type: 'Category', label: '', elements: [uischema as UiElement] }];
}

function forCorrection(element: UiElement, correction: CorrectionRequest): UiElement {
  if (element.type === 'Control' && typeof element.scope === 'string') {
    const pointer = scopeToPointer(element.scope);
    const toFix = correction.fields.some((f) => isUnder(f, pointer) || isUnder(pointer, f));
    if (toFix) return { type: 'Group', label: 'À corriger', elements: [element] };
    return { ...element, options: { ...element.options, readonly: true } };
  }
  if (Array.isArray(element.elements)) return { ...element, elements: element.elements.map((e) => forCorrection(e, correction)) };
  return element;
}

export function StepForm({ schema, category, data, onChange, readonly, errors, correction, transform }: StepFormProps) {
  // JSONForms tells its changes 10 ms late; a re-render in between (new errors, say) would hand
  // it back data it has already moved past, and the newest keystrokes would be lost. So data it
  // has already seen (emitted by it, or given to it before) never overwrites newer data; data
  // never seen (another dossier, a reset) does.
  const produced = useRef(new WeakSet<object>());
  // Runs after JSONForms (a child) has taken this data in.
  useEffect(() => {
    if (data && typeof data === 'object') produced.current.add(data);
  }, [data]);
  // Computed answers are applied inside JSONForms' own update, so they never race the keystrokes.
  const transformRef = useRef(transform);
  transformRef.current = transform;
  const middleware = useCallback<Middleware>((state: JsonFormsCore, action: CoreActions, reducer) => {
    const next = action.type === UPDATE_CORE && action.data !== state.data && typeof action.data === 'object' && action.data !== null && produced.current.has(action.data)
      ? reducer(state, { ...action, data: state.data })
      : reducer(state, action);
    const apply = transformRef.current;
    if (!apply || !next.data || typeof next.data !== 'object') return next;
    const data = apply(next.data as Record<string, unknown>);
    return data === next.data ? next : { ...next, data };
  }, []);
  const uischema = useMemo(() => {
    const layout: UiElement = { type: 'VerticalLayout', elements: category.elements ?? [] };
    return (correction && !readonly ? forCorrection(layout, correction) : layout) as unknown as UISchemaElement;
  }, [category, correction, readonly]);
  return (
    <JsonForms
      schema={schema as JsonSchema}
      uischema={uischema}
      data={data}
      renderers={renderers}
      cells={cells}
      ajv={schemaInterpreter as never}
      validationMode="NoValidation"
      additionalErrors={errors as never}
      readonly={readonly}
      i18n={frenchI18n}
      config={formsConfig}
      middleware={middleware}
      onChange={({ data: next }) => {
        if (next && typeof next === 'object') produced.current.add(next);
        if (onChange && next !== data) onChange(next as Record<string, unknown>);
      }}
    />
  );
}
