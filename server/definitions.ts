// A broken definitions folder stops the start: every issue, as the CLI prints it.
export class DefinitionsError extends Error {
  constructor(public lines: string[]) {
    super(`Les définitions des démarches contiennent ${lines.length} problème(s) :\n${lines.join('\n')}`);
  }
}
