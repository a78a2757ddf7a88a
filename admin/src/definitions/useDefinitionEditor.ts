// The state of the editor page: the texts, the engine's checks as you type (debounced POST
// /check), saving the draft, publishing, and the outcome messages read out to screen readers.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, definitionsApi, issuesOf, type DefinitionDetail, type DefinitionFiles, type FileName, type Issue } from './api.js';
import { parseTexts, textsOf, type Parsed, type Texts } from './files.js';
import type { CheckStatus } from './IssuesPanel.js';

const CHECK_DELAY_MS = 600;

export interface Outcome {
  severity: 'success' | 'error' | 'info';
  text: string;
  issues?: Issue[];
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : 'L’opération n’a pas abouti.');

export function useDefinitionEditor(code: string) {
  const [detail, setDetail] = useState<DefinitionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [texts, setTexts] = useState<Texts | null>(null);
  const [savedTexts, setSavedTexts] = useState<Texts | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [status, setStatus] = useState<CheckStatus>('checking');
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'publish' | 'export'>(null);
  const [published, setPublished] = useState(0);
  const seq = useRef(0);
  const lastValid = useRef<DefinitionFiles | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const d = await definitionsApi.get(code);
      setDetail(d);
      const t = textsOf(d.draft?.files ?? d.current?.files);
      setTexts(t);
      setSavedTexts(t);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [code]);
  useEffect(() => void load(), [load]);

  const parsed: Parsed = useMemo(() => (texts ? parseTexts(texts) : { files: null, syntax: {} }), [texts]);
  if (parsed.files) lastValid.current = parsed.files;

  // The engine's full checks, a moment after the last keystroke; a late answer to an older text is dropped.
  useEffect(() => {
    if (!texts) return;
    if (!parsed.files) {
      setStatus('syntax');
      return;
    }
    setStatus('checking');
    const mine = ++seq.current;
    const files = parsed.files;
    const timer = window.setTimeout(() => {
      definitionsApi.check(files).then(
        (r) => {
          if (mine !== seq.current) return;
          setIssues(r.issues ?? []);
          setStatus('done');
          setFailure(null);
        },
        (e) => {
          if (mine !== seq.current) return;
          setStatus('failed');
          setFailure(errorText(e));
        },
      );
    }, CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [parsed, texts]);

  const dirty = !!texts && !!savedTexts && JSON.stringify(texts) !== JSON.stringify(savedTexts);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const setText = useCallback((file: FileName, text: string) => setTexts((t) => (t && t[file] !== text ? { ...t, [file]: text } : t)), []);

  const saveDraft = async (): Promise<boolean> => {
    if (!texts || !parsed.files) {
      setOutcome({ severity: 'error', text: 'Enregistrement impossible : corrigez d’abord les erreurs de syntaxe JSON.' });
      return false;
    }
    const snapshot = texts;
    const r = await definitionsApi.saveDraft(code, parsed.files);
    setSavedTexts(snapshot);
    setIssues(r.issues ?? []);
    setStatus('done');
    return true;
  };

  const save = async () => {
    setBusy('save');
    try {
      if (await saveDraft()) setOutcome({ severity: 'success', text: `Brouillon enregistré à ${new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}.` });
    } catch (e) {
      setOutcome({ severity: 'error', text: `Le brouillon n’a pas été enregistré : ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    setOutcome(null);
    try {
      if (!(await saveDraft())) return;
      const r = await definitionsApi.publish(code);
      setOutcome({ severity: 'success', text: `Démarche publiée : les familles la démarrent dès maintenant avec cette version (${r.versionId.slice(0, 12)}). Les dossiers déjà commencés restent sur leur version.` });
      setPublished((n) => n + 1);
      const d = await definitionsApi.get(code).catch(() => null);
      if (d) setDetail(d);
    } catch (e) {
      const found = issuesOf(e);
      if (found.length) setIssues(found);
      const text = e instanceof ApiError && e.code === 'DEFINITION_INVALID' ? `Publication refusée : la définition comporte ${found.length} problème${found.length > 1 ? 's' : ''}.` : `Publication impossible : ${errorText(e)}`;
      setOutcome({ severity: 'error', text, issues: found });
    } finally {
      setBusy(null);
    }
  };

  const exportFile = async () => {
    setBusy('export');
    try {
      const document = await definitionsApi.exportDocument(code);
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = window.document.createElement('a');
      a.href = url;
      a.download = `demarche-${code}.json`;
      window.document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setOutcome({ severity: 'info', text: `Export téléchargé : demarche-${code}.json.` });
    } catch (e) {
      setOutcome({ severity: 'error', text: `Export impossible : ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  /** After a restore: the restored content is now published; show it. */
  const restored = async () => {
    setPublished((n) => n + 1);
    const d = await definitionsApi.get(code).catch(() => null);
    if (!d) return;
    setDetail(d);
    if (!dirty) {
      const t = textsOf(d.draft?.files ?? d.current?.files);
      setTexts(t);
      setSavedTexts(t);
    }
  };

  return { detail, loadError, reload: load, texts, setText, parsed, lastValid: lastValid.current, issues, status, failure, outcome, busy, dirty, published, save, publish, exportFile, restored };
}
