// The family's quotient for agents, on a dossier's review page: the quotient in force, how it
// was obtained, and a form to record or correct it (an attestation CAF's figure, or the tax
// notice's income and the number of children — the server applies the CAF formula). Audited.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatDate } from '../../../renderer/src/format.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Facts, LoadError, Loading } from '../../../renderer/src/ui.js';
import { SOURCE_LABELS, formatParts, formatQuotient, type QuotientSheet } from '../../../renderer/src/billing/quotientClient.js';
import { ApiError, request } from '../api.js';

const sheetOf = (familyId: string) => request<QuotientSheet & { current: (QuotientSheet['current'] & { recordedBy: string | null }) | null }>('GET', `/api/agent/families/${encodeURIComponent(familyId)}/quotient`);

type Field = 'value' | 'annualIncome' | 'monthlyBenefits' | 'children' | 'validFrom' | 'validTo' | 'note';
const LABELS: Record<Field, string> = {
  value: 'Quotient (attestation CAF), en euros',
  annualIncome: 'Ou revenu fiscal de référence annuel, en euros',
  monthlyBenefits: 'Prestations familiales mensuelles, en euros',
  children: 'Nombre d’enfants à charge',
  validFrom: 'Valable à partir du',
  validTo: 'Jusqu’au (vide : fin de l’année scolaire)',
  note: 'Motif (justificatif vu, erreur corrigée…)',
};

const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(/\s/g, '').replace(',', '.')));

/** Today in Paris, YYYY-MM-DD (the default start of validity). */
const parisToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

export function QuotientPanel({ familyId }: { familyId: string }) {
  const today = parisToday();
  const state = useAsync(() => sheetOf(familyId), [familyId]);
  const [values, setValues] = useState<Record<Field, string>>({ value: '', annualIncome: '', monthlyBenefits: '', children: '', validFrom: today, validTo: '', note: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    const body: Record<string, unknown> = { validFrom: values.validFrom, note: values.note.trim() };
    for (const key of ['value', 'annualIncome', 'monthlyBenefits', 'children'] as const) {
      const n = toNumber(values[key]);
      if (n !== undefined) body[key] = n;
    }
    if (values.validTo) body.validTo = values.validTo;
    try {
      await request('POST', `/api/agent/families/${encodeURIComponent(familyId)}/quotient`, body);
      setMessage({ severity: 'success', text: 'Quotient enregistré.' });
      setValues((v) => ({ ...v, value: '', annualIncome: '', monthlyBenefits: '', children: '', note: '' }));
      state.reload();
    } catch (e) {
      const error = e as ApiError;
      const byField: Partial<Record<Field, string>> = {};
      for (const d of error.fieldErrors ?? []) {
        const key = d.instancePath.split('/')[1] as Field;
        if (key in LABELS) byField[key] = d.message ?? 'Valeur invalide.';
      }
      if (error.code === 'INVALID_INPUT' && !values.note.trim()) byField.note ??= 'Indiquez le motif.';
      setErrors(byField);
      setMessage({ severity: 'error', text: error.message || 'Le quotient n’a pas pu être enregistré.' });
    } finally {
      setBusy(false);
    }
  };

  const current = state.data?.current ?? null;
  return (
    <Box>
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {state.data && (current ? (
        <Facts
          rows={[
            ['Quotient en vigueur', formatQuotient(current.value)],
            ['Valable', current.validTo ? `du ${formatDate(current.validFrom)} au ${formatDate(current.validTo)}` : `à partir du ${formatDate(current.validFrom)}`],
            ['Origine', `${SOURCE_LABELS[current.source] ?? current.source}${current.recordedBy ? ` (${current.recordedBy})` : ''}`],
            ['Calcul', current.annualIncome !== null && current.parts !== null ? `(${formatQuotient(current.annualIncome)} ÷ 12 + ${formatQuotient(current.monthlyBenefits ?? 0)}) ÷ ${formatParts(current.parts)} parts` : undefined],
            ['Motif', current.note],
          ]}
        />
      ) : (
        <Empty>Aucun quotient en vigueur : la tranche la plus haute s’applique.</Empty>
      ))}
      <Box component="form" onSubmit={submit} noValidate aria-labelledby="quotient-form-title" sx={{ mt: 2, display: 'grid', gap: 1.5 }}>
        <Typography id="quotient-form-title" component="h3" variant="h3">Enregistrer ou corriger le quotient</Typography>
        {(Object.keys(LABELS) as Field[]).map((key) => (
          <TextField
            key={key}
            id={`quotient-${key}`}
            label={LABELS[key]}
            size="small"
            type={key === 'validFrom' || key === 'validTo' ? 'date' : 'text'}
            inputMode={key === 'note' || key === 'validFrom' || key === 'validTo' ? undefined : 'decimal'}
            slotProps={{ inputLabel: { shrink: true } }}
            required={key === 'validFrom' || key === 'note'}
            value={values[key]}
            onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
            error={Boolean(errors[key])}
            helperText={errors[key]}
          />
        ))}
        <Box role="status" aria-live="polite">
          {message && <Alert severity={message.severity}>{message.text}</Alert>}
        </Box>
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>Enregistrer le quotient</Button>
        </Box>
      </Box>
    </Box>
  );
}
