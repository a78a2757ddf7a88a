// Definitions are untrusted input (administrators write them): bound their size and depth,
// and refuse regular expressions that can backtrack catastrophically.
import safeRegex from 'safe-regex2';
import type { IssueList } from './issues.js';

export const MAX_FILE_BYTES = 512 * 1024;
export const MAX_DEPTH = 40;

/** Checks size and depth; returns false when the file must not be looked at further. */
export function checkBounds(issues: IssueList, file: string, value: unknown, text?: string): boolean {
  const size = text !== undefined ? new TextEncoder().encode(text).length : JSON.stringify(value ?? null).length;
  if (size > MAX_FILE_BYTES) {
    issues.add(file, '#', 'TOO_LARGE', `Le fichier fait ${Math.round(size / 1024)} Ko ; la limite est ${MAX_FILE_BYTES / 1024} Ko.`);
    return false;
  }
  const deep = deepestPointer(value, '', 0);
  if (deep) {
    issues.add(file, deep, 'TOO_DEEP', `Le fichier est imbriqué sur plus de ${MAX_DEPTH} niveaux.`);
    return false;
  }
  return true;
}

function deepestPointer(value: unknown, at: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return at;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = deepestPointer(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Why a pattern is refused, or undefined when it is safe. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > 500) return 'expression régulière trop longue (500 caractères au plus)';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'expression régulière invalide';
  }
  const check = (safeRegex as unknown as { default?: typeof safeRegex }).default ?? safeRegex;
  if (!check(pattern)) return 'expression régulière à risque de retour arrière catastrophique (quantificateurs imbriqués)';
  return undefined;
}
