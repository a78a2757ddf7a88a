// Drafts are saved on the server only (never in browser storage): debounced while typing,
// at once on demand (Enregistrer, Suivant, Annuler), and with a keepalive request when the
// page is hidden or closed, so closing the tab loses at most the last instant.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WizardBackend } from './types.js';
import { formatTime } from '../format.js';

const DEBOUNCE_MS = 1200;

export interface SaveStatus {
  kind: 'idle' | 'dirty' | 'saving' | 'saved' | 'error';
  text: string;
}

/** `onSaved` receives each save's answer (a démarche whose choices depend on answers sends its recomputed schema). */
export function useAutosave(
  backend: WizardBackend,
  answers: Record<string, unknown>,
  step: number,
  enabled: boolean,
  onSaved?: (result: { savedAt: string; schema?: unknown }) => void,
) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle', text: '' });
  const latest = useRef({ answers, step });
  latest.current = { answers, step };
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));

  const savedStep = useRef<number | null>(null);

  /** Saves now (after any save in flight) unless nothing changed; resolves to whether it worked. */
  const flush = useCallback(
    (stepToSave?: number, options: { keepalive?: boolean; force?: boolean } = {}): Promise<boolean> => {
      clearTimeout(timer.current);
      const keepalive = options.keepalive ?? false;
      const snapshot = { answers: latest.current.answers, step: stepToSave ?? latest.current.step };
      if (!enabled || (!options.force && !dirty.current && snapshot.step === savedStep.current)) return queue.current;
      dirty.current = false;
      if (!keepalive) setStatus({ kind: 'saving', text: 'Enregistrement en cours…' });
      queue.current = queue.current.then(() =>
        backend.save(snapshot.answers, snapshot.step, { keepalive }).then(
          (result) => {
            savedStep.current = snapshot.step;
            onSaved?.(result);
            setStatus({ kind: 'saved', text: `Enregistré à ${formatTime(result.savedAt || new Date())}` });
            return true;
          },
          (e: unknown) => {
            dirty.current = true;
            setStatus({ kind: 'error', text: `Échec de l’enregistrement : ${(e as Error)?.message ?? 'réessayez'}` });
            return false;
          },
        ),
      );
      return queue.current;
    },
    [backend, enabled, onSaved],
  );

  const changed = useCallback(
    (next: Record<string, unknown>) => {
      latest.current = { ...latest.current, answers: next };
      if (!enabled) return;
      dirty.current = true;
      setStatus({ kind: 'dirty', text: 'Modifications non enregistrées' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [enabled, flush],
  );

  useEffect(() => {
    const leave = () => {
      if (dirty.current) void flush(undefined, { keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving the wizard inside the app (menu, header link): save what is pending.
      leave();
    };
  }, [flush]);

  const announce = useCallback((text: string) => setStatus({ kind: 'saved', text }), []);

  return useMemo(() => ({ status, flush, changed, announce }), [status, flush, changed, announce]);
}
