// The four texts of the editor ↔ the démarche's files as JSON values.
import { FILE_NAMES, type DefinitionFiles, type FileName } from './api.js';
import { syntaxProblems, type SyntaxProblem } from './locate.js';

export type Texts = Record<FileName, string>;

export function textsOf(files: DefinitionFiles | null | undefined): Texts {
  const show = (v: unknown) => (v === undefined || v === null ? '' : `${JSON.stringify(v, null, 2)}\n`);
  return { procedure: show(files?.procedure), schema: show(files?.schema), uischema: show(files?.uischema), workflow: show(files?.workflow) };
}

export interface Parsed {
  /** All files, when every one is valid JSON (an empty workflow.json means: the shared workflow). */
  files: DefinitionFiles | null;
  syntax: Partial<Record<FileName, SyntaxProblem[]>>;
}

export function parseTexts(texts: Texts): Parsed {
  const syntax: Partial<Record<FileName, SyntaxProblem[]>> = {};
  const values: Partial<Record<FileName, unknown>> = {};
  for (const name of FILE_NAMES) {
    const text = texts[name];
    if (name === 'workflow' && text.trim() === '') continue;
    const problems = text.trim() === '' ? [{ from: 0, to: 0, message: 'Fichier vide : un document JSON est attendu.' }] : syntaxProblems(text);
    if (problems.length) {
      syntax[name] = problems;
      continue;
    }
    try {
      values[name] = JSON.parse(text);
    } catch (e) {
      syntax[name] = [{ from: 0, to: 1, message: `JSON invalide : ${e instanceof Error ? e.message : String(e)}` }];
    }
  }
  if (Object.keys(syntax).length) return { files: null, syntax };
  const files: DefinitionFiles = { procedure: values.procedure, schema: values.schema, uischema: values.uischema };
  if (values.workflow !== undefined) files.workflow = values.workflow;
  return { files, syntax };
}

export const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
