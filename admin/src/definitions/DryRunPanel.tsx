// The dry run (essai à blanc): the preview's answers go through the workflow on the server, on
// a demo family, touching nothing; each event's outcome, effects and mails are listed.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatIssue } from '../../../engine/check/issues.js';
import type { DryRunMail, DryRunResult } from './api.js';

export interface DryRunView {
  result: DryRunResult | null;
  error: string | null;
  running: boolean;
}

function effectText(effect: unknown): string {
  if (effect && typeof effect === 'object') {
    const e = effect as Record<string, unknown>;
    const name = typeof e.kind === 'string' ? e.kind : typeof e.type === 'string' ? e.type : typeof e.name === 'string' ? e.name : null;
    if (name) return `${name} — ${JSON.stringify(effect, null, 1).replace(/\s*\n\s*/g, ' ')}`;
  }
  return JSON.stringify(effect);
}

/** A refusal detail: an Ajv-shaped field error, a missing justificatif { key, label }, or else its JSON. */
function detailText(d: unknown): string {
  if (!d || typeof d !== 'object') return JSON.stringify(d);
  const x = d as { instancePath?: string; key?: string; label?: string; message?: string; params?: { missingProperty?: string } };
  if (x.message) return `${x.instancePath ?? ''}${x.params?.missingProperty ? `/${x.params.missingProperty}` : ''} : ${x.message}`;
  if (x.label) return `${x.label} : justificatif manquant`;
  return JSON.stringify(d);
}

export function DryRunPanel({ view, answersCount, onRun }: { view: DryRunView; answersCount: number; onRun: (events: string[]) => void }) {
  const [events, setEvents] = useState('SUBMIT, ACCEPT');
  const run = (e: React.FormEvent) => {
    e.preventDefault();
    onRun(events.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean));
  };
  const { result, error, running } = view;
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Les réponses saisies dans l’aperçu ({answersCount} champ{answersCount > 1 ? 's' : ''} renseigné{answersCount > 1 ? 's' : ''}) et ses fichiers passent par le workflow, sur une famille de démonstration. Aucune donnée réelle n’est modifiée et aucun mail n’est envoyé.
      </Typography>
      <Box component="form" onSubmit={run} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }}>
        <TextField
          label="Événements, dans l’ordre"
          helperText="Par exemple : SUBMIT, ACCEPT — ou SUBMIT, REJECT"
          value={events}
          onChange={(e) => setEvents(e.target.value)}
          size="small"
          sx={{ minWidth: 220, flexGrow: 1 }}
        />
        <Button type="submit" variant="contained" disabled={running}>Lancer l’essai à blanc</Button>
      </Box>
      <Box role="status" aria-live="polite" aria-atomic="false">
        {running && <Typography>Essai à blanc en cours…</Typography>}
        {error && <Alert severity="error">{error}</Alert>}
        {result?.issues && result.issues.length > 0 && !result.steps && (
          <Alert severity="error">
            La définition comporte {result.issues.length} problème{result.issues.length > 1 ? 's' : ''} : l’essai à blanc est impossible.
            <Box component="ul" sx={{ m: 0, pl: 2 }}>{result.issues.map((i, n) => <li key={n}>{formatIssue(i)}</li>)}</Box>
          </Alert>
        )}
        {result?.steps && (
          <Box component="ol" sx={{ pl: 0, listStyle: 'none', m: 0 }} aria-label="Résultat de l’essai à blanc">
            {result.steps.map((step, i) => (
              <Box component="li" key={i} sx={{ border: 1, borderColor: step.ok ? 'success.main' : 'error.main', borderRadius: 1, p: 1.5, mb: 1.5 }}>
                <Typography component="h3" variant="h6" sx={{ fontSize: '1.05rem' }}>
                  {i + 1}. {EVENT_NAMES[step.event] ?? step.event} — {step.ok ? 'accepté' : 'refusé'}{step.status ? ` ; statut : ${step.statusLabel ?? step.status} (${step.status})` : ''}
                </Typography>
                {step.refusal && (
                  <Alert severity="warning" sx={{ my: 1 }}>
                    {step.refusal.message ?? step.refusal.code}
                    {Array.isArray(step.refusal.details) && step.refusal.details.length > 0 && (
                      <Box component="ul" sx={{ m: 0, pl: 2 }}>
                        {step.refusal.details.map((d, n) => <li key={n}>{detailText(d)}</li>)}
                      </Box>
                    )}
                  </Alert>
                )}
                {step.ok && <StepDetails effects={step.effects ?? []} mails={step.mails ?? []} />}
              </Box>
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}

const EVENT_NAMES: Record<string, string> = {
  START: 'Démarrage',
  CONFIRM_NOTICE: 'Confirmation des informations légales',
  SAVE: 'Enregistrement des réponses',
  ATTACH: 'Ajout d’un justificatif',
};

function StepDetails({ effects, mails }: { effects: unknown[]; mails: DryRunMail[] }) {
  return (
    <>
      <Typography sx={{ fontWeight: 700, mt: 1 }}>Effets ({effects.length})</Typography>
      {effects.length === 0 ? <Typography variant="body2">Aucun.</Typography> : (
        <Box component="ul" sx={{ m: 0, pl: 2, wordBreak: 'break-word' }}>{effects.map((e, n) => <li key={n}><code>{effectText(e)}</code></li>)}</Box>
      )}
      <Typography sx={{ fontWeight: 700, mt: 1 }}>Mails ({mails.length})</Typography>
      {mails.length === 0 ? <Typography variant="body2">Aucun.</Typography> : mails.map((m, n) => (
        <Box key={n} sx={{ bgcolor: 'grey.100', p: 1, mt: 1, borderRadius: 1 }}>
          <Typography variant="body2">Modèle : {m.template}</Typography>
          <Typography sx={{ fontWeight: 700 }}>Objet : {m.subject}</Typography>
          <Box component="pre" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', m: 0 }}>{m.body}</Box>
        </Box>
      ))}
    </>
  );
}
