// The queue's filters: démarche, status, submission dates, family name, N° de traitement,
// waiting time and order. Applied on submit (one request, not one per keystroke).
import { useEffect, useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { QueueCount } from '../api.js';
import { emptyForm, type FilterForm } from './filters.js';

interface Props {
  value: FilterForm;
  queues: QueueCount[];
  onApply: (form: FilterForm) => void;
}

export function QueueFilterForm({ value, queues, onApply }: Props) {
  const [form, setForm] = useState<FilterForm>(value);
  const [errors, setErrors] = useState<{ olderThanDays?: string; submittedTo?: string }>({});
  useEffect(() => setForm(value), [value]);
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const procedures = [...new Map(queues.map((q) => [q.code, q.title])).entries()];
  const statuses = [...new Map(queues.map((q) => [q.status, q.statusLabel])).entries()];
  if (value.status && !statuses.some(([s]) => s === value.status)) statuses.push([value.status, value.status]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    const days = form.olderThanDays.trim();
    if (days && !(/^\d{1,4}$/.test(days) && Number(days) <= 3650)) found.olderThanDays = 'Saisissez un nombre de jours entre 0 et 3650 (exemple : 15).';
    if (form.submittedFrom && form.submittedTo && form.submittedTo < form.submittedFrom) found.submittedTo = 'Cette date doit suivre la date de début.';
    setErrors(found);
    if (found.olderThanDays || found.submittedTo) {
      document.getElementById(found.submittedTo ? 'filtre-au' : 'filtre-anciennete')?.focus();
      return;
    }
    onApply(form);
  };
  const reset = () => {
    const cleared = emptyForm();
    setErrors({});
    setForm(cleared);
    onApply(cleared);
  };
  const field = { size: 'small' as const, fullWidth: true };
  const dateLabel = { inputLabel: { shrink: true } };

  return (
    <Box component="form" role="search" aria-label="Filtrer les dossiers" onSubmit={submit} noValidate sx={{ mb: 2 }}>
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' } }}>
        <TextField {...field} select label="Démarche" value={form.code} onChange={set('code')} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
          <option value="">Toutes les démarches</option>
          {procedures.map(([code, title]) => (
            <option key={code} value={code}>{code} — {title}</option>
          ))}
        </TextField>
        <TextField {...field} select label="Statut" value={form.status} onChange={set('status')} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
          <option value="">À traiter (en attente d’un agent)</option>
          {statuses.map(([status, label]) => (
            <option key={status} value={status}>{label}</option>
          ))}
        </TextField>
        <TextField {...field} type="date" label="Déposé à partir du" value={form.submittedFrom} onChange={set('submittedFrom')} slotProps={dateLabel} />
        <TextField {...field} id="filtre-au" type="date" label="Déposé jusqu’au (inclus)" value={form.submittedTo} onChange={set('submittedTo')} slotProps={dateLabel} error={Boolean(errors.submittedTo)} helperText={errors.submittedTo} />
        <TextField {...field} label="Nom de famille (début)" value={form.family} onChange={set('family')} slotProps={{ htmlInput: { maxLength: 100 } }} />
        <TextField {...field} label="N° de traitement" value={form.number} onChange={set('number')} slotProps={{ htmlInput: { maxLength: 30 } }} />
        <TextField
          {...field}
          id="filtre-anciennete"
          label="En attente depuis plus de (jours)"
          value={form.olderThanDays}
          onChange={set('olderThanDays')}
          slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 4 } }}
          error={Boolean(errors.olderThanDays)}
          helperText={errors.olderThanDays}
        />
        <TextField {...field} select label="Ordre" value={form.order} onChange={set('order')} slotProps={{ select: { native: true } }}>
          <option value="oldest">Les plus anciens d’abord</option>
          <option value="newest">Les plus récents d’abord</option>
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mt: 1.5, flexWrap: 'wrap' }}>
        <Button type="submit" variant="contained">Filtrer</Button>
        <Button type="button" variant="outlined" onClick={reset}>Réinitialiser les filtres</Button>
      </Box>
    </Box>
  );
}
