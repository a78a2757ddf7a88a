// The renderer set of every form of the portal: JSONForms' material renderers, each control
// marked with its data path (so an error summary can move focus to the field), plus the
// Justificatif renderer.
import { createElement, type ComponentType } from 'react';
import type { JsonFormsRendererRegistryEntry, JsonFormsCellRendererRegistryEntry } from '@jsonforms/core';
import { materialRenderers, materialCells } from '@jsonforms/material-renderers';
import { JustificatifRenderer, justificatifTester } from './JustificatifRenderer.js';

type AnyProps = { path?: string; uischema?: { type?: string } };

function markPath(Renderer: ComponentType<AnyProps>): ComponentType<AnyProps> {
  const Marked = (props: AnyProps) =>
    props.uischema?.type === 'Control'
      ? createElement('div', { 'data-jf-path': props.path ?? '' }, createElement(Renderer, props))
      : createElement(Renderer, props);
  Marked.displayName = `Marked(${Renderer.displayName ?? Renderer.name ?? 'Renderer'})`;
  return Marked;
}

export const renderers: JsonFormsRendererRegistryEntry[] = [
  ...materialRenderers.map((entry) => ({ tester: entry.tester, renderer: markPath(entry.renderer as ComponentType<AnyProps>) })),
  { tester: justificatifTester, renderer: JustificatifRenderer },
];

export const cells: JsonFormsCellRendererRegistryEntry[] = materialCells;

/** Moves focus to the field at an answer path ("a.b.0.c"), or to its closest marked ancestor. */
export function focusField(container: HTMLElement | null, path: string): boolean {
  if (!container) return false;
  const segments = path.split('.').filter(Boolean);
  for (let n = segments.length; n >= 1; n--) {
    const marked = container.querySelector<HTMLElement>(`[data-jf-path="${CSS.escape(segments.slice(0, n).join('.'))}"]`);
    const target = marked?.querySelector<HTMLElement>('input:not([type=hidden]):not([tabindex="-1"]), textarea, select, [role=combobox], button, [tabindex="0"]');
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}
