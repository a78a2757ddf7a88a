// A JSON diff by pointer between two versions of a démarche's files: every leaf (or whole
// subtree added or removed) that differs, with its value before and after.
import { FILE_NAMES, type DefinitionFiles, type FileName } from './api.js';

export interface Change {
  file: FileName;
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function diffJson(before: unknown, after: unknown, pointer = ''): Omit<Change, 'file'>[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ pointer: pointer || '/', kind: 'added', after }];
  if (after === undefined) return [{ pointer: pointer || '/', kind: 'removed', before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffJson(before[k], after[k], `${pointer}/${escape(k)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    const out: Omit<Change, 'file'>[] = [];
    for (let i = 0; i < length; i++) out.push(...diffJson(before[i], after[i], `${pointer}/${i}`));
    return out;
  }
  return [{ pointer: pointer || '/', kind: 'changed', before, after }];
}

export function diffFiles(before: DefinitionFiles | null, after: DefinitionFiles): Change[] {
  return FILE_NAMES.flatMap((file) => diffJson(before?.[file], after[file]).map((c) => ({ ...c, file })));
}

export const KIND_LABELS: Record<Change['kind'], string> = { added: 'Ajout', removed: 'Suppression', changed: 'Modification' };
