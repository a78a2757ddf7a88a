// Mail templates: plain text with {{dotted.path}} placeholders, nothing else (no logic, no HTML).

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

/** Replaces each {{path}} by the value found in data; a missing value becomes an empty string. */
export function renderTemplate(text: string, data: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const value = path.split('.').reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      data,
    );
    return value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value);
  });
}

/** The paths a template reads, for the checker. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Roots a template may read, and what they hold. */
export const TEMPLATE_ROOTS = ['family', 'child', 'dossier', 'procedure', 'reason', 'answers', 'selections', 'schoolYear', 'targetSchoolYear'] as const;
