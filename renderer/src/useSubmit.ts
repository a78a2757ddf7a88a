// A form's sending: busy while the server answers (the button is disabled, no double send), and
// its refusal — a French message — shown in an alert that takes the focus, so that a screen
// reader reads it and the keyboard starts from it.
import { useState, type FormEvent } from 'react';
import { useFocusAfterRender } from './useFocusAfterRender.js';

export interface Submit {
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  submit: (event?: FormEvent) => Promise<void>;
}

/** `errorId`: the id the form gives its error alert (with tabIndex={-1}). */
export function useSubmit(send: () => Promise<void>, errorId: string): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'L’opération n’a pas abouti.');
      focusAfterRender(() => document.getElementById(errorId));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
