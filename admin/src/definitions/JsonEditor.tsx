// One JSON file in CodeMirror 6: highlighting, folding, bracket matching, completion from the
// meta-schema, and the problems shown at their line (JSON syntax at once, the engine's checks
// when they come back). Tab is left to the page (keyboard users leave the editor with it);
// Ctrl+Espace opens the completion, F8 goes to the next problem.
import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, type Extension } from '@codemirror/state';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, nextDiagnostic, type Diagnostic } from '@codemirror/lint';
import { jsonSchemaCompletion, type CompletionData } from './completion.js';
import { rangeOfPointer, syntaxProblems } from './locate.js';
import { formatIssue } from '../../../engine/check/issues.js';
import type { Issue } from './api.js';

export interface JsonEditorProps {
  /** Names the text box for screen readers ("procedure.json"). */
  label: string;
  describedBy?: string;
  value: string;
  onChange: (text: string) => void;
  /** The engine's issues for this file (their pointers are placed in the current text). */
  issues: Issue[];
  completion: () => CompletionData;
  /** Asked to move the cursor to a range (from the problems list). */
  reveal?: { from: number; to: number; seq: number } | null;
}

function readNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce && !nonce.includes('CSP_NONCE') ? nonce : undefined;
}

const theme = EditorView.theme({
  '&': { fontSize: '14px', border: '1px solid #6b6b6b', borderRadius: '4px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #1a56a8', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '320px' },
  '.cm-gutters': { backgroundColor: '#f3f3f3', color: '#4a4a4a' },
});

export function diagnosticsFor(text: string, issues: Issue[]): Diagnostic[] {
  const syntax = syntaxProblems(text).map<Diagnostic>((p) => ({ from: Math.min(p.from, text.length), to: Math.min(p.to, text.length), severity: 'error', message: p.message, source: 'JSON' }));
  if (syntax.length) return syntax;
  return issues.map<Diagnostic>((issue) => {
    const range = rangeOfPointer(text, issue.pointer);
    return { from: range.from, to: Math.max(range.to, range.from), severity: 'error', message: formatIssue(issue), source: issue.code };
  });
}

export function JsonEditor({ label, describedBy, value, onChange, issues, completion, reveal }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const completionRef = useRef(completion);
  onChangeRef.current = onChange;
  completionRef.current = completion;

  useEffect(() => {
    const nonce = readNonce();
    const extensions: Extension[] = [
      basicSetup,
      json(),
      jsonLanguage.data.of({ autocomplete: jsonSchemaCompletion(() => completionRef.current()) }),
      lintGutter(),
      keymap.of([{ key: 'F8', run: nextDiagnostic }]),
      EditorView.lineWrapping,
      theme,
      EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}), spellcheck: 'false' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChangeRef.current(update.state.doc.toString());
      }),
    ];
    if (nonce) extensions.push(EditorView.cspNonce.of(nonce));
    const editor = new EditorView({ parent: host.current!, state: EditorState.create({ doc: value, extensions }) });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once per file; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);

  // A value replaced from outside (restored version, import): put it in the editor.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const text = editor.state.doc.toString();
    editor.dispatch(setDiagnostics(editor.state, diagnosticsFor(text, issues)));
  }, [issues, value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !reveal) return;
    const length = editor.state.doc.length;
    const from = Math.min(reveal.from, length);
    editor.dispatch({ selection: { anchor: from, head: Math.min(reveal.to, length) }, scrollIntoView: true });
    editor.focus();
  }, [reveal]);

  return <div ref={host} data-file={label} />;
}
