// The wizard's fixed pieces around the form: the navigation bar with the save status, the
// correction notice, the confirmation once sent, and a dossier that can no longer change.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { CorrectionRequest } from '../../../engine/types.js';
import { DossierSummary } from './DossierSummary.js';
import { labelAt } from './pointers.js';
import type { Attachments, WizardDefinition, WizardDossier } from './types.js';
import type { SaveStatus } from './useAutosave.js';

export interface WizardNavProps {
  onPrevious?: () => void;
  onCancel: () => void;
  onSave: () => void;
  onNext?: () => void;
  onSubmit?: () => void;
  busy: boolean;
  status: SaveStatus;
}

/** Précédent / Annuler … Enregistrer / Suivant (or Envoyer), and the polite save status. */
export function WizardNav({ onPrevious, onCancel, onSave, onNext, onSubmit, busy, status }: WizardNavProps) {
  // Buttons stay enabled (and focusable) while busy: the wizard ignores a second click.
  return (
    <>
      <Box
        component="nav"
        aria-label="Navigation dans la démarche"
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, justifyContent: 'space-between', alignItems: 'center', mt: 3, pt: 2, borderTop: 1, borderColor: 'divider' }}
      >
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {onPrevious && (
            <Button variant="outlined" onClick={onPrevious}>
              Précédent
            </Button>
          )}
          <Button variant="text" onClick={onCancel}>
            Annuler
          </Button>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <Button variant="outlined" onClick={onSave}>
            Enregistrer
          </Button>
          {onNext && (
            <Button variant="contained" onClick={onNext} aria-busy={busy || undefined}>
              Suivant
            </Button>
          )}
          {onSubmit && (
            <Button variant="contained" color="success" onClick={onSubmit} aria-busy={busy || undefined}>
              Envoyer ma démarche
            </Button>
          )}
        </Box>
      </Box>
      <Box role="status" aria-live="polite" sx={{ mt: 1, minHeight: '1.5em', color: status.kind === 'error' ? 'error.main' : 'text.secondary', textAlign: 'right' }}>
        {status.text}
      </Box>
    </>
  );
}

/** The agent's message and what it names, when a dossier comes back to the parent. */
export function CorrectionNotice({ definition, correction, reason }: { definition: WizardDefinition; correction: CorrectionRequest | null; reason?: string | null }) {
  return (
    <Alert severity="warning" sx={{ mb: 2 }}>
      <AlertTitle component="p" sx={{ fontWeight: 700 }}>Votre démarche vous a été renvoyée pour correction</AlertTitle>
      {correction?.message || reason}
      {correction && (correction.fields.length > 0 || correction.justificatifs.length > 0) && (
        <>
          <Typography sx={{ mt: 1 }}>À corriger :</Typography>
          <ul style={{ margin: 0 }}>
            {correction.fields.map((f) => <li key={f}>{labelAt(definition.schema, f)}</li>)}
            {correction.justificatifs.map((k) => <li key={k}>{definition.justificatifs.find((j) => j.key === k)?.label ?? k}</li>)}
          </ul>
        </>
      )}
    </Alert>
  );
}

export function SubmittedNotice({ number }: { number: string }) {
  return (
    <Alert severity="success" sx={{ mb: 2 }}>
      <AlertTitle component="h2" tabIndex={-1} data-step-heading sx={{ fontSize: '1.2rem', fontWeight: 700, outline: 'none' }}>
        Votre démarche a bien été envoyée
      </AlertTitle>
      <Typography>
        N° de traitement : <strong>{number}</strong>
      </Typography>
      <Typography>Un accusé de réception vous a été envoyé par mail ; vous le retrouvez aussi dans votre boîte de réception.</Typography>
    </Alert>
  );
}

/** A dossier the parent can no longer change (sent, decided): its status and answers. */
export function ReadOnlyDossier({ dossier, answers, attachments, fileUrl }: { dossier: WizardDossier; answers: Record<string, unknown>; attachments: Attachments; fileUrl: (id: string) => string }) {
  return (
    <>
      <Typography sx={{ mb: 1 }}>
        Statut : <strong>{dossier.statusLabel ?? dossier.status}</strong>
        {dossier.number ? ` — N° de traitement ${dossier.number}` : ''}
      </Typography>
      {dossier.reason && <Alert severity="info" sx={{ mb: 2 }}>Motif : {dossier.reason}</Alert>}
      <Typography component="h2" variant="h2" sx={{ my: 2 }}>Récapitulatif</Typography>
      <DossierSummary {...dossier.definition} answers={answers} attachments={attachments} fileUrl={fileUrl} />
    </>
  );
}
