// The fields an agent can send back for correction: the definition's answer pointers
// (`fieldPointers`, e.g. "/nouvelleAdresse/rue", "/contacts/*/nom"), each named as the parent
// saw it — the uischema Control's label, else the schema titles — and grouped by step.
import { labelAt, scopeToPointer } from '../../../renderer/src/forms/pointers.js';

type Node = Record<string, any>;

export interface FieldChoice {
  pointer: string;
  label: string;
  step: string;
}

/** Control labels written in the uischema, by answer pointer (array detail layouts included). */
function uiLabels(uischema: Node): Map<string, { label?: string; step: string }> {
  const out = new Map<string, { label?: string; step: string }>();
  const categories: Node[] = uischema.type === 'Categorization' ? uischema.elements ?? [] : [uischema];
  categories.forEach((category, index) => {
    const step = typeof category.label === 'string' && category.label ? category.label : `Étape ${index + 1}`;
    const walk = (element: Node, base: string) => {
      if (element.type === 'Control' && typeof element.scope === 'string') {
        out.set(base + scopeToPointer(element.scope), { label: typeof element.label === 'string' ? element.label : undefined, step });
      }
      for (const child of (element.elements ?? []) as Node[]) walk(child, base);
      const detail = element.options?.detail;
      if (detail && typeof detail === 'object' && typeof element.scope === 'string') walk(detail, `${base}${scopeToPointer(element.scope)}/*`);
    };
    walk(category, '');
  });
  return out;
}

export function fieldChoices(schema: Node, uischema: Node, pointers: string[]): FieldChoice[] {
  const labels = uiLabels(uischema);
  return pointers.map((pointer) => {
    const ui = labels.get(pointer);
    return { pointer, label: ui?.label ?? labelAt(schema, pointer), step: ui?.step ?? 'Autres champs' };
  });
}
