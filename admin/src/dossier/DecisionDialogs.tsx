// The three decisions' dialogs: accept (confirm), reject (a reason is mandatory), request a
// correction (fields and justificatifs to fix, and a message for the family).
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Decision } from '../api.js';
import type { FieldChoice } from './fieldChoices.js';

export interface DecisionInput {
  action: Decision;
  reason?: string;
  fields?: string[];
  justificatifs?: string[];
  message?: string;
}

interface CommonProps {
  open: boolean;
  busy: boolean;
  /** The server's refusal, shown in the dialog. */
  error: string | null;
  onClose: () => void;
  onSubmit: (input: DecisionInput) => void;
}

export function AcceptDialog({ open, busy, error, onClose, onSubmit, changesCount, number }: CommonProps & { changesCount: number; number: string }) {
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} aria-labelledby="accept-title" aria-describedby="accept-text">
      <DialogTitle id="accept-title">Accepter le dossier N° {number} ?</DialogTitle>
      <DialogContent>
        <DialogContentText id="accept-text">
          {changesCount
            ? `${changesCount} modification${changesCount > 1 ? 's seront appliquées' : ' sera appliquée'} au dossier de la famille, qui recevra un mail de confirmation.`
            : 'La famille recevra un mail de confirmation.'}
        </DialogContentText>
        {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>Annuler</Button>
        <Button variant="contained" color="success" disabled={busy} onClick={() => onSubmit({ action: 'ACCEPT' })}>
          {busy ? 'Acceptation…' : 'Accepter'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RejectDialog({ open, busy, error, onClose, onSubmit }: CommonProps) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setMissing(true);
      document.getElementById('reject-reason')?.focus();
      return;
    }
    setMissing(false);
    onSubmit({ action: 'REJECT', reason: reason.trim() });
  };
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} aria-labelledby="reject-title" fullWidth maxWidth="sm">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="reject-title">Rejeter le dossier</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Le motif est envoyé à la famille par mail et affiché dans ses démarches en cours, pour qu’elle corrige et renvoie sa demande.
          </DialogContentText>
          <TextField
            id="reject-reason"
            label="Motif du rejet"
            required
            multiline
            minRows={3}
            fullWidth
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={missing}
            helperText={missing ? 'Le motif est obligatoire (3 caractères au moins).' : 'Obligatoire. Expliquez ce qui manque ou ne convient pas.'}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>Annuler</Button>
          <Button type="submit" variant="contained" color="error" disabled={busy}>
            {busy ? 'Rejet…' : 'Rejeter le dossier'}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

export function CorrectionDialog({ open, busy, error, onClose, onSubmit, fields, justificatifs }: CommonProps & { fields: FieldChoice[]; justificatifs: { key: string; label: string }[] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [keys, setKeys] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = (set: Set<string>, value: string) => {
    const copy = new Set(set);
    if (copy.has(value)) copy.delete(value);
    else copy.add(value);
    return copy;
  };
  const steps = [...new Set(fields.map((f) => f.step))];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.size + keys.size === 0) return setProblem('Cochez au moins un champ ou un justificatif à corriger.');
    if (message.trim().length < 3) {
      document.getElementById('correction-message')?.focus();
      return setProblem('Écrivez un message pour la famille (3 caractères au moins).');
    }
    setProblem(null);
    onSubmit({ action: 'REQUEST_CORRECTION', fields: [...chosen], justificatifs: [...keys], message: message.trim() });
  };
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} aria-labelledby="correction-title" fullWidth maxWidth="md">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="correction-title">Demander une correction</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>
            Seuls les éléments cochés pourront être modifiés par la famille ; le reste de sa demande est verrouillé.
          </DialogContentText>
          {steps.map((step, i) => (
            <Box key={step} component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, mb: 1.5, px: 1.5, pb: 1 }}>
              <Typography component="legend" sx={{ fontWeight: 700, px: 0.5 }}>Champs — {step}</Typography>
              {fields.filter((f) => f.step === step).map((f) => (
                <FormControlLabel
                  key={f.pointer}
                  sx={{ display: 'flex' }}
                  control={<Checkbox checked={chosen.has(f.pointer)} onChange={() => setChosen((s) => toggle(s, f.pointer))} name={`champ-${i}`} />}
                  label={f.label}
                />
              ))}
            </Box>
          ))}
          {justificatifs.length > 0 && (
            <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, mb: 1.5, px: 1.5, pb: 1 }}>
              <Typography component="legend" sx={{ fontWeight: 700, px: 0.5 }}>Justificatifs à fournir à nouveau</Typography>
              {justificatifs.map((j) => (
                <FormControlLabel
                  key={j.key}
                  sx={{ display: 'flex' }}
                  control={<Checkbox checked={keys.has(j.key)} onChange={() => setKeys((s) => toggle(s, j.key))} />}
                  label={j.label}
                />
              ))}
            </Box>
          )}
          <TextField
            id="correction-message"
            label="Message pour la famille"
            required
            multiline
            minRows={3}
            fullWidth
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            helperText="Obligatoire. Il est envoyé par mail et affiché avec la demande."
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            sx={{ mt: 1 }}
          />
          {(problem ?? error) && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{problem ?? error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>Annuler</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? 'Envoi…' : 'Envoyer la demande de correction'}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
