// Small pure helpers of the wizard: where an answer or a justificatif lives among the steps,
// and the API error shape it reads.
import { isUnder, scopeToPointer } from './pointers.js';
import type { CategoryElement, UiElement } from './StepForm.js';

/** The step whose controls hold (or lie under) an answer pointer; -1 when none does. */
export function stepOf(categories: CategoryElement[], pointer: string): number {
  const scopes = (elements: UiElement[]): string[] =>
    elements.flatMap((e) => [...(typeof e.scope === 'string' ? [scopeToPointer(e.scope)] : []), ...(e.elements ? scopes(e.elements) : [])]);
  return categories.findIndex((c) => scopes(c.elements ?? []).some((p) => isUnder(p, pointer) || isUnder(pointer, p)));
}

export function hasJustificatif(elements: UiElement[], key: string): boolean {
  return elements.some((e) => (e.type === 'Justificatif' && e.key === key) || (e.elements ? hasJustificatif(e.elements, key) : false));
}

/** An API failure as the wizard reads it (thrown by WizardBackend). */
export function problem(e: unknown): { code: string; message: string; details: unknown[]; status: number } {
  const x = e as { code?: string; message?: string; details?: unknown[]; status?: number };
  return { code: x?.code ?? 'ERROR', message: x?.message ?? 'L’opération n’a pas abouti.', details: Array.isArray(x?.details) ? x.details : [], status: x?.status ?? 0 };
}
