// An internal note on the dossier: kept in the history for agents, never shown to the family.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { adminApi } from '../api.js';
import { errorMessage } from '../ui.js';

export function NoteForm({ dossierId, onAdded }: { dossierId: string; onAdded: (message: string) => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError('Écrivez la note avant de l’ajouter.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await adminApi.note(dossierId, text.trim());
      setText('');
      onAdded('Note interne ajoutée à l’historique.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Ajouter une note interne" sx={{ mt: 2 }}>
      <TextField
        label="Note interne (jamais montrée à la famille)"
        multiline
        minRows={2}
        fullWidth
        value={text}
        onChange={(e) => setText(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 4000 } }}
        error={Boolean(error)}
        helperText={error ?? ' '}
      />
      <Button type="submit" variant="outlined" disabled={busy}>Ajouter la note</Button>
      {error && <Alert severity="error" role="alert" sx={{ mt: 1 }} className="visually-hidden">{error}</Alert>}
    </Box>
  );
}
