// « Semaine type » (Type de réservation): for each child, which activities on which weekdays,
// applied over a period or the whole school year, every week or every other week.
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { ApiError } from '../api.js';
import { formatDate } from '../format.js';
import type { BookingReport, Planning, TemplateWeek } from './client.js';
import { planningApi } from './client.js';
import { addDays, isDay, schoolYearEnd, WEEKDAYS } from './days.js';

const SCHOOL_WEEK = [1, 2, 3, 4, 5];

interface Props {
  open: boolean;
  planning: Planning;
  today: string;
  onClose: () => void;
  onDone: (report: BookingReport) => void;
}

type Choice = Record<string, number[]>; // "childId|activityId" → weekdays

export function TemplateWeekDialog({ open, planning, today, onClose, onDone }: Props) {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const [choice, setChoice] = useState<Choice>({});
  const [whole, setWhole] = useState<'year' | 'period'>('period');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 30));
  const [every, setEvery] = useState<1 | 2>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const toggle = (key: string, day: number) =>
    setChoice((c) => {
      const days = c[key] ?? [];
      return { ...c, [key]: days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort() };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pattern = Object.entries(choice)
      .filter(([, days]) => days.length > 0)
      .map(([key, weekdays]) => {
        const [childId, activityId] = key.split('|');
        return { childId, activityId, weekdays };
      });
    const period = whole === 'year' ? { from: today, to: schoolYearEnd(today) } : { from, to };
    if (pattern.length === 0) return setError('Cochez au moins un jour pour une activité.');
    if (!isDay(period.from) || !isDay(period.to)) return setError('Indiquez les dates de début et de fin de la période (jj/mm/aaaa).');
    if (period.from > period.to) return setError('La date de fin doit être postérieure ou égale à la date de début.');
    const week: TemplateWeek = { ...period, every, pattern };
    setBusy(true);
    setError(null);
    try {
      onDone(await planningApi.template(week));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors.map((f) => f.message).filter(Boolean) : [];
      setError([err instanceof Error ? err.message : String(err), ...fields].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} aria-labelledby="semaine-type-titre" fullWidth maxWidth="md" fullScreen={phone}>
      <Box component="form" onSubmit={submit} noValidate sx={{ display: 'contents' }}>
        <DialogTitle id="semaine-type-titre">Semaine type</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 2 }}>
            Type de réservation : cochez, pour chaque enfant, les activités et les jours de la semaine à réserver. Les réservations sont dupliquées sur la période choisie ;
            un compte rendu indique ce qui a été réservé et ce qui ne l’a pas été, et pourquoi.
          </Typography>
          {planning.children.map((child) => {
            const activities = planning.activities.filter((a) => a.childIds.includes(child.id));
            if (activities.length === 0) return null;
            return (
              <Box component="fieldset" key={child.id} sx={{ border: '1px solid #c4c9d0', borderRadius: 1, mb: 2, p: 1.5, minWidth: 0 }}>
                <Box component="legend" sx={{ fontWeight: 700, px: 0.5 }}>{child.firstName}</Box>
                {activities.map((activity) => {
                  const key = `${child.id}|${activity.id}`;
                  return (
                    <Box component="fieldset" key={key} sx={{ border: 0, p: 0, m: 0, mb: 1, minWidth: 0 }}>
                      <Box component="legend" sx={{ fontSize: '0.95rem', p: 0 }}>{activity.name}</Box>
                      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
                        {SCHOOL_WEEK.map((day) => (
                          <FormControlLabel
                            key={day}
                            label={WEEKDAYS[day - 1]}
                            control={
                              <Checkbox
                                checked={(choice[key] ?? []).includes(day)}
                                onChange={() => toggle(key, day)}
                                slotProps={{ input: { 'aria-label': `${WEEKDAYS[day - 1]}, ${activity.name}, ${child.firstName}` } }}
                              />
                            }
                          />
                        ))}
                      </Box>
                    </Box>
                  );
                })}
              </Box>
            );
          })}
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, minWidth: 0 }}>
            <Box component="legend" sx={{ fontWeight: 700, mb: 1 }}>Sur quelle période voulez-vous appliquer la semaine type ?</Box>
            <RadioGroup value={whole} onChange={(e) => setWhole(e.target.value as 'year' | 'period')}>
              <FormControlLabel value="period" control={<Radio />} label="Sur une période donnée" />
              <FormControlLabel value="year" control={<Radio />} label={`Sur toute l’année scolaire (du ${formatDate(today)} au ${formatDate(schoolYearEnd(today))})`} />
            </RadioGroup>
            {whole === 'period' && (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 1 }}>
                <TextField type="date" label="Du" value={from} onChange={(e) => setFrom(e.target.value)} required slotProps={{ inputLabel: { shrink: true } }} />
                <TextField type="date" label="Au" value={to} onChange={(e) => setTo(e.target.value)} required slotProps={{ inputLabel: { shrink: true } }} />
              </Box>
            )}
          </Box>
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
            <Box component="legend" sx={{ fontWeight: 700, mb: 1 }}>Fréquence</Box>
            <RadioGroup value={String(every)} onChange={(e) => setEvery(Number(e.target.value) as 1 | 2)}>
              <FormControlLabel value="1" control={<Radio />} label="Toutes les semaines" />
              <FormControlLabel value="2" control={<Radio />} label="Une semaine sur deux (à partir de la semaine du premier jour)" />
            </RadioGroup>
          </Box>
          {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
          {busy && <Typography role="status" sx={{ mt: 2 }}>Réservations en cours…</Typography>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>Annuler</Button>
          <Button type="submit" variant="contained" disabled={busy}>OK</Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
