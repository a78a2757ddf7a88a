// A deadline typed in the booking grammar, read back by the server as the administrator
// types: the canonical text and when it ends for an example date, or what is wrong.
import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { activitiesApi, type DeadlinePreview } from './api.js';

export function DeadlineGrammarHelp() {
  return (
    <Box id="deadline-help" sx={{ mb: 2, p: 1.5, bgcolor: 'grey.100', borderRadius: 1 }}>
      <Typography component="p" variant="body2" sx={{ fontWeight: 700 }}>Comment écrire un délai</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, typography: 'body2' }}>
        <li><strong>J-2 ouvrés à 12:00</strong> : 2 jours ouvrés avant (week-ends et jours fériés non comptés), à midi ;</li>
        <li><strong>J-1 à 18:00</strong> : la veille à 18 h ;</li>
        <li><strong>J-15</strong> : 15 jours avant, jusqu’à minuit ;</li>
        <li><strong>jeudi de la semaine précédente à 12:00</strong> : le jeudi de la semaine d’avant.</li>
      </Box>
      <Typography component="p" variant="body2">Heure de Paris. Les accents et majuscules sont facultatifs ; « 12h » vaut « 12:00 ».</Typography>
    </Box>
  );
}

export function DeadlineField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string }) {
  const [preview, setPreview] = useState<DeadlinePreview | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      activitiesApi.deadlinePreview(value).then((p) => live && setPreview(p), () => live && setPreview(null));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value]);
  const invalid = Boolean(error) || preview?.ok === false;
  const message = error ?? (preview ? (preview.ok ? `Compris : « ${preview.text} ». ${preview.example.sentence}` : preview.message) : ' ');
  return (
    <TextField
      id={id}
      label={label}
      required
      fullWidth
      size="small"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={invalid}
      helperText={<span aria-live="polite">{message}</span>}
      slotProps={{ htmlInput: { maxLength: 120, 'aria-describedby': `${id}-helper-text deadline-help` } }}
    />
  );
}
