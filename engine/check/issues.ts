// Building definition issues: one shape for the CLI, the server at start-up and the admin editor.
import type { DefinitionIssue, DefinitionIssueCode } from '../types.js';

export class IssueList {
  readonly items: DefinitionIssue[] = [];

  add(file: string, pointer: string, code: DefinitionIssueCode, message: string, hint?: string): void {
    const normalized = pointer === '' || pointer === '#' ? '#' : pointer.startsWith('#') ? pointer : `#${pointer}`;
    const issue: DefinitionIssue = { file, pointer: normalized, code, message };
    if (hint) issue.hint = hint;
    const key = `${file}|${normalized}|${message}`;
    if (!this.items.some((i) => `${i.file}|${i.pointer}|${i.message}` === key)) this.items.push(issue);
  }
}

/** "04-changement-adresse/uischema.json#/elements/0/scope: message" — how the CLI prints an issue. */
export function formatIssue(issue: DefinitionIssue): string {
  return `${issue.file}${issue.pointer}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''} [${issue.code}]`;
}
