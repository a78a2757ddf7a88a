// A form's sending: busy while the server answers (the button is disabled, no double send), and
// its refusal — a French message — shown in an alert that takes the focus, so that a screen
// reader reads it and the keyboard starts from it.
import { useState, type FormEvent } from 'react';
import { errorMessage } from './api.js';
import { useFocusAfterRender } from './useFocusAfterRender.js';

/** The server's field errors by top-level field name ("email", "password"…). */
export function fieldMessages(e: unknown): Record<string, string> {
  const details = (e as { details?: unknown[] })?.details ?? [];
  const out: Record<string, string> = {};
  for (const d of details) {
    const x = d as { instancePath?: string; message?: string; params?: { missingProperty?: string } };
    const name = (x.instancePath ?? '').replace(/^\//, '') || x.params?.missingProperty;
    if (name && x.message) out[name] = x.message;
  }
  return out;
}

export interface Submit {
  busy: boolean;
  error: string | null;
  /** The refusal's messages by field, to show at each field. */
  fields: Record<string, string>;
  setError: (message: string | null) => void;
  submit: (event?: FormEvent) => Promise<void>;
}

/** `errorId`: the id the form gives its error alert (with tabIndex={-1}). */
export function useSubmit(send: () => Promise<void>, errorId: string): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const focusAfterRender = useFocusAfterRender();
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await send();
    } catch (e) {
      setError(errorMessage(e));
      setFields(fieldMessages(e));
      focusAfterRender(() => document.getElementById(errorId));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields, setError, submit };
}
