// Calendrier d'ouverture: holiday zone, which periods the activity runs (school days,
// Wednesdays, school holidays), which weekdays, and extra closed days.
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import DeleteIcon from '@mui/icons-material/Delete';
import { formatDate } from '../../../renderer/src/format.js';
import type { OpensOn } from './api.js';
import type { ActivityForm, Errors } from './form.js';

const OPENS: [OpensOn, string][] = [['schoolDays', 'Jours d’école'], ['wednesdays', 'Mercredis'], ['holidays', 'Vacances scolaires']];
const WEEKDAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi'];

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

export function CalendarFields({ form, set, errors }: { form: ActivityForm; set: (patch: Partial<ActivityForm>) => void; errors: Errors }) {
  const [day, setDay] = useState('');
  const [dayError, setDayError] = useState('');
  const closedError = Object.entries(errors).find(([k]) => k.startsWith('/calendar/closedDays'))?.[1];
  const addDay = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setDayError('Choisissez une date.');
    if (form.closedDays.includes(day)) return setDayError('Cette date est déjà fermée.');
    setDayError('');
    set({ closedDays: [...form.closedDays, day].sort() });
    setDay('');
  };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <TextField
        id="calendar-zone" select size="small" label="Zone de vacances scolaires" value={form.zone}
        onChange={(e) => set({ zone: e.target.value as ActivityForm['zone'] })}
        slotProps={{ select: { native: true } }} sx={{ maxWidth: 280 }}
        error={Boolean(errors['/calendar/zone'])} helperText={errors['/calendar/zone'] ?? ' '}
      >
        <option value="A">Zone A</option>
        <option value="B">Zone B</option>
        <option value="C">Zone C</option>
      </TextField>
      <FormControl component="fieldset" error={Boolean(errors['/calendar/opens'])}>
        <FormLabel component="legend">Ouverte pendant</FormLabel>
        <FormGroup row>
          {OPENS.map(([value, label]) => (
            <FormControlLabel key={value} label={label} control={<Checkbox checked={form.opens.includes(value)} onChange={(e) => set({ opens: toggle(form.opens, value, e.target.checked) })} />} />
          ))}
        </FormGroup>
        <FormHelperText>{errors['/calendar/opens'] ?? 'Fermée les jours fériés ; pendant les vacances de la zone, seulement si « Vacances scolaires » est coché.'}</FormHelperText>
      </FormControl>
      <FormControl component="fieldset" error={Boolean(errors['/calendar/weekdays'])}>
        <FormLabel component="legend">Jours de la semaine</FormLabel>
        <FormGroup row>
          {WEEKDAYS.map((label, i) => (
            <FormControlLabel key={label} label={label} control={<Checkbox checked={form.weekdays.includes(i + 1)} onChange={(e) => set({ weekdays: toggle(form.weekdays, i + 1, e.target.checked) })} />} />
          ))}
        </FormGroup>
        <FormHelperText>{errors['/calendar/weekdays'] ?? 'Aucun coché : tous les jours que la période permet.'}</FormHelperText>
      </FormControl>
      <FormControl component="fieldset" error={Boolean(closedError || dayError)}>
        <FormLabel component="legend">Fermetures exceptionnelles</FormLabel>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', mt: 1 }}>
          <TextField
            id="closed-day" type="date" size="small" label="Date de fermeture" value={day} onChange={(e) => setDay(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addDay();
              }
            }}
            slotProps={{ inputLabel: { shrink: true } }} error={Boolean(dayError)} helperText={dayError || ' '}
          />
          <Button variant="outlined" onClick={addDay}>Ajouter la fermeture</Button>
        </Box>
        {form.closedDays.length ? (
          <Box component="ul" aria-label="Dates de fermeture" sx={{ m: 0, pl: 0, listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 1 }}>
            {form.closedDays.map((d) => (
              <Box component="li" key={d} sx={{ display: 'flex', alignItems: 'center', border: 1, borderColor: 'divider', borderRadius: 1, pl: 1 }}>
                {formatDate(d)}
                <IconButton size="small" aria-label={`Retirer la fermeture du ${formatDate(d)}`} onClick={() => set({ closedDays: form.closedDays.filter((x) => x !== d) })}>
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Box>
            ))}
          </Box>
        ) : (
          <FormHelperText>Aucune fermeture exceptionnelle.</FormHelperText>
        )}
        {closedError && <FormHelperText>{closedError}</FormHelperText>}
      </FormControl>
    </Box>
  );
}
