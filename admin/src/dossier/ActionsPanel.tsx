// What an agent can do with the dossier: take it (or take it back from a colleague), release
// it, and decide — accept, reject, request a correction — on the revision shown. A decision
// arriving after a colleague's (409 ALREADY_DECIDED) shows the server's message and reloads.
import { useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { adminApi, ApiError, type Review } from '../api.js';
import { errorMessage } from '../ui.js';
import { AcceptDialog, CorrectionDialog, RejectDialog, type DecisionInput } from './DecisionDialogs.js';
import type { FieldChoice } from './fieldChoices.js';

export interface Notice {
  severity: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

interface Props {
  review: Review;
  userId: string;
  fields: FieldChoice[];
  /** After any change: the message to announce, and whether to reload the dossier. */
  onResult: (notice: Notice, reload: boolean) => void;
}

const DONE: Record<string, string> = {
  ACCEPT: 'Dossier accepté : la famille est prévenue par mail.',
  REJECT: 'Dossier rejeté : la famille reçoit le motif par mail.',
  REQUEST_CORRECTION: 'Demande de correction envoyée à la famille.',
};

export function ActionsPanel({ review, userId, fields, onResult }: Props) {
  const [dialog, setDialog] = useState<'ACCEPT' | 'REJECT' | 'REQUEST_CORRECTION' | 'FORCE' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstButton = useRef<HTMLButtonElement>(null);
  const number = review.number ?? 'sans numéro';
  const mine = review.assignedTo?.id === userId;
  const other = review.assignedTo && !mine ? review.assignedTo.name ?? 'un collègue' : null;
  const canDecide = review.actions.length > 0;

  const close = () => {
    setDialog(null);
    setError(null);
  };

  const guard = async (run: () => Promise<Notice>) => {
    setBusy(true);
    setError(null);
    try {
      const notice = await run();
      setDialog(null);
      onResult(notice, true);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'ALREADY_DECIDED' || e.code === 'VERSION_CONFLICT' || e.status === 409)) {
        // A colleague was faster (or the dossier moved): say so, and show the dossier as it is now.
        setDialog(null);
        onResult({ severity: 'warning', text: e.message }, true);
      } else if (dialog && dialog !== 'FORCE') {
        setError(errorMessage(e));
      } else {
        setDialog(null);
        onResult({ severity: 'error', text: errorMessage(e) }, false);
      }
    } finally {
      setBusy(false);
    }
  };

  const decide = (input: DecisionInput) =>
    guard(async () => {
      await adminApi.decide(review.id, { ...input, revision: review.revision });
      return { severity: 'success', text: DONE[input.action] };
    });
  const take = (force = false) =>
    guard(async () => {
      await adminApi.take(review.id, force);
      return { severity: 'success', text: force ? 'Vous avez repris ce dossier.' : 'Dossier pris en charge : il apparaît dans « Pris en charge par moi ».' };
    });
  const release = () =>
    guard(async () => {
      await adminApi.release(review.id);
      return { severity: 'success', text: 'Dossier remis dans la file.' };
    });

  return (
    <Box>
      <Typography sx={{ mb: 1 }}>
        {mine ? 'Ce dossier vous est attribué.' : other ? `Ce dossier est pris en charge par ${other}.` : 'Ce dossier n’est attribué à personne.'}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        {!review.assignedTo && canDecide && (
          <Button ref={firstButton} variant="outlined" disabled={busy} onClick={() => take()}>Prendre en charge</Button>
        )}
        {other && canDecide && <Button variant="outlined" disabled={busy} onClick={() => setDialog('FORCE')}>Reprendre le dossier</Button>}
        {mine && <Button variant="outlined" disabled={busy} onClick={release}>Relâcher</Button>}
        {review.actions.includes('ACCEPT') && (
          <Button variant="contained" color="success" disabled={busy} onClick={() => setDialog('ACCEPT')}>Accepter</Button>
        )}
        {review.actions.includes('REJECT') && (
          <Button variant="contained" color="error" disabled={busy} onClick={() => setDialog('REJECT')}>Rejeter</Button>
        )}
        {review.actions.includes('REQUEST_CORRECTION') && (
          <Button variant="contained" disabled={busy} onClick={() => setDialog('REQUEST_CORRECTION')}>Demander une correction</Button>
        )}
      </Box>
      {!canDecide && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          Aucune décision possible : le dossier est « {review.statusLabel} ».
        </Typography>
      )}
      <AcceptDialog open={dialog === 'ACCEPT'} busy={busy} error={error} onClose={close} onSubmit={decide} changesCount={review.changes.length} number={number} />
      <RejectDialog open={dialog === 'REJECT'} busy={busy} error={error} onClose={close} onSubmit={decide} />
      <CorrectionDialog
          open={dialog === 'REQUEST_CORRECTION'}
          busy={busy}
          error={error}
          onClose={close}
          onSubmit={decide}
          fields={fields}
          justificatifs={review.definition.justificatifs.map((j) => ({ key: j.key, label: j.label }))}
        />
      <Dialog open={dialog === 'FORCE'} onClose={() => !busy && close()} aria-labelledby="force-title" aria-describedby="force-text">
        <DialogTitle id="force-title">Reprendre ce dossier ?</DialogTitle>
        <DialogContent>
          <DialogContentText id="force-text">Il est pris en charge par {other}. Le reprendre vous l’attribue ; l’historique garde la trace du changement.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={busy}>Annuler</Button>
          <Button variant="contained" onClick={() => take(true)} disabled={busy}>Reprendre</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
