// The renderer set of every form of the portal: JSONForms' material renderers, each control
// marked with its data path (so an error summary can move focus to the field), plus the
// Justificatif renderer, a plain-text Label, an accessible list of objects and rows that
// stack on a phone.
import { createElement, type ComponentType } from 'react';
import { composeWithUi, rankWith, uiTypeIs, type JsonFormsRendererRegistryEntry, type JsonFormsCellRendererRegistryEntry, type Scopable } from '@jsonforms/core';
import { materialRenderers, materialCells } from '@jsonforms/material-renderers';
import { JustificatifRenderer, justificatifTester } from './JustificatifRenderer.js';
import { TextLabelRenderer } from './TextLabel.js';
import { ObjectListRenderer, objectListTester } from './ObjectListRenderer.js';
import { ResponsiveRowRenderer, responsiveRowTester } from './ResponsiveRow.js';

type AnyProps = { path?: string; uischema?: Scopable & { type?: string } };

function markPath(Renderer: ComponentType<AnyProps>): ComponentType<AnyProps> {
  // The dispatcher passes the parent's path; the control's own path adds its scope.
  const Marked = (props: AnyProps) =>
    props.uischema?.type === 'Control'
      ? createElement('div', { 'data-jf-path': composeWithUi(props.uischema, props.path ?? '') }, createElement(Renderer, props))
      : createElement(Renderer, props);
  Marked.displayName = `Marked(${Renderer.displayName ?? Renderer.name ?? 'Renderer'})`;
  return Marked;
}

export const renderers: JsonFormsRendererRegistryEntry[] = [
  ...materialRenderers.map((entry) => ({ tester: entry.tester, renderer: markPath(entry.renderer as ComponentType<AnyProps>) })),
  { tester: justificatifTester, renderer: JustificatifRenderer },
  // A Label is a paragraph of plain text, not a heading (material's is an h6).
  { tester: rankWith(2, uiTypeIs('Label')), renderer: TextLabelRenderer },
  // Lists of objects as always-open fieldsets (material's expand panels nest buttons).
  { tester: objectListTester, renderer: markPath(ObjectListRenderer as ComponentType<AnyProps>) },
  { tester: responsiveRowTester, renderer: ResponsiveRowRenderer },
];

export const cells: JsonFormsCellRendererRegistryEntry[] = materialCells;

const FOCUSABLE = 'input:not([type=hidden]):not([tabindex="-1"]), textarea, select, [role=combobox], button, [tabindex="0"]';

/** Moves focus to the field at an answer path ("a.b.0.c"), else its first field inside, else its closest marked ancestor. */
export function focusField(container: HTMLElement | null, path: string): boolean {
  if (!container) return false;
  const at = (selector: string) => container.querySelector<HTMLElement>(selector)?.querySelector<HTMLElement>(FOCUSABLE);
  const segments = path.split('.').filter(Boolean);
  const target =
    at(`[data-jf-path="${CSS.escape(path)}"]`) ??
    (path ? at(`[data-jf-path^="${CSS.escape(`${path}.`)}"]`) : undefined) ??
    segments.map((_, i) => at(`[data-jf-path="${CSS.escape(segments.slice(0, segments.length - 1 - i).join('.'))}"]`)).find(Boolean);
  target?.focus();
  return Boolean(target);
}
