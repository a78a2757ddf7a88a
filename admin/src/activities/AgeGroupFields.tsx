// Tranches d'âge: capacity per age group. The child's age on the booked date picks the group;
// each group has its own places and waiting list. Without groups, the activity's capacity
// applies to every child. The server checks the ranges (no overlap) and answers at each field.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { newBandKey, type ActivityForm, type AgeGroupForm, type Errors } from './form.js';
import { useFocusAfterRender } from '../../../renderer/src/useFocusAfterRender.js';

const FIELDS: { field: keyof AgeGroupForm; path: string; label: string; helper: string; mode: 'text' | 'numeric'; max: number }[] = [
  { field: 'label', path: 'label', label: 'Libellé', helper: 'Ex. Maternelle (3-5 ans)', mode: 'text', max: 100 },
  { field: 'code', path: 'key', label: 'Code de la tranche', helper: 'Minuscules, chiffres, - ou _', mode: 'text', max: 40 },
  { field: 'minAgeMonths', path: 'minAgeMonths', label: 'Âge min. (mois)', helper: 'Inclus', mode: 'numeric', max: 3 },
  { field: 'maxAgeMonths', path: 'maxAgeMonths', label: 'Âge max. (mois)', helper: 'Inclus', mode: 'numeric', max: 3 },
  { field: 'capacity', path: 'capacity', label: 'Places par jour', helper: ' ', mode: 'numeric', max: 5 },
];

export const ageGroupFieldId = (index: number, path: string) => `age-group-${index}-${path}`;

export function AgeGroupFields({ form, set, errors }: { form: ActivityForm; set: (patch: Partial<ActivityForm>) => void; errors: Errors }) {
  const focusAfterRender = useFocusAfterRender();
  const update = (g: AgeGroupForm) => set({ ageGroups: form.ageGroups.map((x) => (x.key === g.key ? g : x)) });
  const add = () => {
    const last = form.ageGroups[form.ageGroups.length - 1];
    const after = Number(last?.maxAgeMonths);
    const minAgeMonths = last && last.maxAgeMonths && Number.isInteger(after) ? String(after + 1) : '';
    set({ ageGroups: [...form.ageGroups, { key: newBandKey(), code: '', label: '', minAgeMonths, maxAgeMonths: '', capacity: '' }] });
    focusAfterRender(() => document.getElementById(ageGroupFieldId(form.ageGroups.length, 'label')));
  };
  const listError = errors['/ageGroups'];
  return (
    <Box sx={{ display: 'grid', gap: 1.5, mt: 2 }}>
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>Capacité par tranche d’âge</Typography>
      <Typography variant="body2">
        Facultatif. L’âge de l’enfant le jour réservé détermine sa tranche ; chaque tranche a ses places et sa liste d’attente, et la capacité ci-dessus ne s’applique plus.
        Les tranches ne doivent pas se chevaucher (ex. 30 à 71 mois, puis 72 à 143 mois).
      </Typography>
      {form.ageGroups.map((g, i) => (
        <Box key={g.key} component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, m: 0, p: 1.5, minWidth: 0 }}>
          <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>Tranche d’âge {i + 1}</Typography>
          <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '2fr 1fr 1fr 1fr 1fr auto' }, alignItems: 'start' }}>
            {FIELDS.map(({ field, path, label, helper, mode, max }) => {
              const error = errors[`/ageGroups/${i}/${path}`];
              return (
                <TextField
                  key={field} id={ageGroupFieldId(i, path)} size="small" label={label} value={g[field] as string}
                  onChange={(e) => update({ ...g, [field]: e.target.value })} error={Boolean(error)} helperText={error ?? helper}
                  slotProps={{ htmlInput: { inputMode: mode, maxLength: max } }}
                />
              );
            })}
            <Button color="error" onClick={() => set({ ageGroups: form.ageGroups.filter((x) => x.key !== g.key) })} aria-label={`Supprimer la tranche d’âge ${i + 1}`} sx={{ mt: 0.5 }}>Supprimer</Button>
          </Box>
        </Box>
      ))}
      {listError && <FormHelperText error>{listError}</FormHelperText>}
      <Box><Button variant="outlined" startIcon={<AddIcon />} onClick={add} disabled={form.ageGroups.length >= 20}>Ajouter une tranche d’âge</Button></Box>
    </Box>
  );
}
