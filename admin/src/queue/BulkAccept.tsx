// Bulk acceptance of the selected dossiers: a confirmation, then one line per dossier
// (accepted, or failed with the server's reason), announced to screen readers.
import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { adminApi, type BulkResult } from '../api.js';
import { errorMessage } from '../ui.js';

interface Props {
  selected: string[];
  /** N° de traitement of each id known on screen. */
  numbers: Map<string, string>;
  onDone: () => void;
}

export function BulkAccept({ selected, numbers, onDone }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ bulk: BulkResult; names: Map<string, string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const nameOf = (id: string, names = numbers) => (names.get(id) ? `N° ${names.get(id)}` : 'Dossier');

  const run = async () => {
    setBusy(true);
    setError(null);
    const names = new Map(numbers);
    try {
      const bulk = await adminApi.bulkAccept(selected);
      setResult({ bulk, names });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setConfirming(false);
      trigger.current?.focus();
    }
  };

  return (
    <Box sx={{ my: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Button ref={trigger} variant="contained" color="success" disabled={!selected.length || busy} onClick={() => setConfirming(true)}>
          Accepter la sélection ({selected.length})
        </Button>
        <Typography variant="body2" color="text.secondary">
          {selected.length ? `${selected.length} dossier${selected.length > 1 ? 's' : ''} sélectionné${selected.length > 1 ? 's' : ''}.` : 'Cochez des dossiers pour les accepter en une fois.'}
        </Typography>
      </Box>
      <Dialog open={confirming} onClose={() => !busy && setConfirming(false)} aria-labelledby="bulk-title" aria-describedby="bulk-text">
        <DialogTitle id="bulk-title">Accepter {selected.length} dossier{selected.length > 1 ? 's' : ''} ?</DialogTitle>
        <DialogContent>
          <DialogContentText id="bulk-text">
            Chaque dossier est accepté séparément : ses modifications sont appliquées au dossier de la famille et un mail de confirmation lui est envoyé. Un dossier déjà traité par un collègue est signalé sans bloquer les autres.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={busy}>Annuler</Button>
          <Button variant="contained" color="success" onClick={run} disabled={busy}>
            {busy ? 'Acceptation en cours…' : 'Accepter'}
          </Button>
        </DialogActions>
      </Dialog>
      <Box role="status" aria-live="polite" aria-atomic="false">
        {result && (
          <Alert severity={result.bulk.failed ? 'warning' : 'success'} sx={{ mt: 2 }} onClose={() => setResult(null)}>
            <Typography sx={{ fontWeight: 700 }}>
              {result.bulk.accepted} accepté{result.bulk.accepted > 1 ? 's' : ''}, {result.bulk.failed} en échec.
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }} aria-label="Résultat par dossier">
              {result.bulk.results.map((r) => (
                <li key={r.id}>
                  {nameOf(r.id, result.names)} : {r.ok ? 'accepté' : `échec — ${r.error?.message ?? 'raison inconnue'}`}
                </li>
              ))}
            </Box>
          </Alert>
        )}
      </Box>
      {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
    </Box>
  );
}
