// From a definition issue's JSON pointer to a place in the text the administrator edits, with a
// location-aware parser (jsonc-parser): the issue is shown at its line even while the rest of
// the file is being typed.
import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { FileName, Issue } from './api.js';

export interface TextRange {
  from: number;
  to: number;
}

/** "#/elements/0/scope" → ["elements", 0, "scope"] (RFC 6901 escapes; numbers index arrays later). */
export function pointerSegments(pointer: string): string[] {
  let text = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  try {
    text = decodeURIComponent(text);
  } catch {
    /* keep it as is */
  }
  if (text === '' || text === '/') return [];
  return text.replace(/^\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toPath(root: Node, segments: string[]): (string | number)[] {
  // Segments are strings; an array in the tree is indexed by number.
  const path: (string | number)[] = [];
  let node: Node | undefined = root;
  for (const segment of segments) {
    const key: string | number = node?.type === 'array' && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(key);
    node = node ? findNodeAtLocation(node, [key]) : undefined;
  }
  return path;
}

/** The text range an issue points at: the property (key and value), or its closest existing ancestor. */
export function rangeOfPointer(text: string, pointer: string): TextRange {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return { from: 0, to: Math.min(text.length, 1) };
  const path = toPath(root, pointerSegments(pointer));
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (!node) continue;
    // A missing member (required property, unknown key…) is reported on its parent object: mark
    // only the object's first line rather than its whole body.
    const target = node.parent?.type === 'property' ? node.parent : node;
    const whole = { from: target.offset, to: target.offset + target.length };
    if (length < path.length || node.type === 'object' || node.type === 'array') {
      const lineEnd = text.indexOf('\n', target.offset);
      return { from: whole.from, to: lineEnd > whole.from && lineEnd < whole.to ? lineEnd : whole.to };
    }
    return whole;
  }
  return { from: 0, to: Math.min(text.length, 1) };
}

/** "Ligne 12, colonne 5" for an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const SYNTAX_FR: Record<string, string> = {
  InvalidSymbol: 'symbole inattendu',
  InvalidNumberFormat: 'nombre mal formé',
  PropertyNameExpected: 'nom de propriété attendu (entre guillemets)',
  ValueExpected: 'valeur attendue',
  ColonExpected: '« : » attendu',
  CommaExpected: '« , » attendue',
  CloseBraceExpected: '« } » attendue',
  CloseBracketExpected: '« ] » attendu',
  EndOfFileExpected: 'fin du fichier attendue',
  InvalidCommentToken: 'les commentaires ne sont pas permis en JSON',
  UnexpectedEndOfComment: 'commentaire non terminé',
  UnexpectedEndOfString: 'chaîne non terminée',
  UnexpectedEndOfNumber: 'nombre non terminé',
  InvalidUnicode: 'séquence unicode invalide',
  InvalidEscapeCharacter: 'échappement invalide',
  InvalidCharacter: 'caractère invalide',
};

export interface SyntaxProblem extends TextRange {
  message: string;
}

/** JSON syntax errors of a text, in French, with their ranges (checked here, before any request). */
export function syntaxProblems(text: string): SyntaxProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return { from: e.offset, to: e.offset + Math.max(e.length, 1), message: `JSON invalide : ${SYNTAX_FR[code] ?? code}` };
  });
}

/**
 * Which editor file an issue's `file` ("11-sortie/uischema.json") belongs to; null for another
 * démarche's file (a prerequisite cycle through 02 is reported on 02's procedure.json).
 */
export function fileOfIssue(issue: Issue, code?: string): FileName | null {
  const parts = issue.file.split('/');
  const name = parts.pop() ?? '';
  const folder = parts[parts.length - 1] ?? '';
  if (code && folder && folder !== 'workflows' && folder !== code && !folder.startsWith(`${code}-`) && !folder.startsWith('??')) return null;
  const match = /^(procedure|schema|uischema|workflow)\.json$/.exec(name);
  if (match) return match[1] as FileName;
  // A shared workflow named by procedure.json is reported under definitions/workflows/.
  if (issue.file.includes('workflows/')) return 'workflow';
  return null;
}
