// Tarifs: by family-quotient band (tranches de quotient familial) for one school year, or by
// effort rate (taux d'effort, a percentage of the quotient between a floor and a ceiling).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { newBandKey, type ActivityForm, type BandForm, type Errors } from './form.js';
import { useFocusAfterRender } from '../../../renderer/src/useFocusAfterRender.js';

function yearsAround(year: string): string[] {
  const start = Number(year.slice(0, 4));
  return [start - 1, start, start + 1].map((y) => `${y}-${y + 1}`);
}

function BandFields({ band, index, count, errors, onChange, onRemove }: { band: BandForm; index: number; count: number; errors: Errors; onChange: (b: BandForm) => void; onRemove: () => void }) {
  const at = (field: string) => errors[`/tariff/bands/${index}/${field}`];
  const id = (field: string) => `band-${index}-${field}`;
  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, m: 0, p: 1.5, minWidth: 0 }}>
      <Typography component="legend" sx={{ px: 0.5, fontWeight: 700 }}>Tranche {index + 1}</Typography>
      <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr auto' }, alignItems: 'start' }}>
        <TextField id={id('qfMin')} size="small" label="Quotient minimum" value={band.qfMin} onChange={(e) => onChange({ ...band, qfMin: e.target.value })} error={Boolean(at('qfMin'))} helperText={at('qfMin') ?? ' '} slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 14 } }} />
        <TextField id={id('qfMax')} size="small" label="Quotient maximum" value={band.qfMax} onChange={(e) => onChange({ ...band, qfMax: e.target.value })} error={Boolean(at('qfMax'))} helperText={at('qfMax') ?? (index === count - 1 ? 'Vide : sans limite' : ' ')} slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 14 } }} />
        <TextField id={id('priceCents')} size="small" label="Prix (€)" value={band.price} onChange={(e) => onChange({ ...band, price: e.target.value })} error={Boolean(at('priceCents'))} helperText={at('priceCents') ?? ' '} slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 10 } }} />
        <Button color="error" onClick={onRemove} disabled={count === 1} aria-label={`Supprimer la tranche ${index + 1}`} sx={{ mt: 0.5 }}>Supprimer</Button>
      </Box>
    </Box>
  );
}

export function TariffFields({ form, set, errors, onSchoolYear }: { form: ActivityForm; set: (patch: Partial<ActivityForm>) => void; errors: Errors; onSchoolYear: (year: string) => void }) {
  const focusAfterRender = useFocusAfterRender();
  const bandsError = errors['/tariff/bands'] ?? errors['/tariff'];
  const addBand = () => {
    const last = form.bands[form.bands.length - 1];
    const after = Number((last?.qfMax ?? '').replace(',', '.'));
    const qfMin = last && last.qfMax && Number.isFinite(after) ? (after + 0.01).toFixed(2).replace('.', ',') : '';
    set({ bands: [...form.bands, { key: newBandKey(), qfMin, qfMax: '', price: '' }] });
    focusAfterRender(() => document.getElementById(`band-${form.bands.length}-qfMax`));
  };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <FormControl component="fieldset">
        <FormLabel component="legend">Mode de calcul</FormLabel>
        <RadioGroup row value={form.tariffMode} onChange={(e) => set({ tariffMode: e.target.value === 'effortRate' ? 'effortRate' : 'bands' })}>
          <FormControlLabel value="bands" control={<Radio />} label="Tranches de quotient familial" />
          <FormControlLabel value="effortRate" control={<Radio />} label="Taux d’effort" />
        </RadioGroup>
      </FormControl>
      {form.tariffMode === 'bands' ? (
        <>
          <TextField
            id="tariff-year" select size="small" label="Année scolaire des tarifs" value={form.schoolYear} onChange={(e) => onSchoolYear(e.target.value)}
            slotProps={{ select: { native: true } }} sx={{ maxWidth: 280 }} error={Boolean(errors['/tariff/schoolYear'])} helperText={errors['/tariff/schoolYear'] ?? ' '}
          >
            {yearsAround(form.schoolYear).map((y) => <option key={y} value={y}>{y.replace('-', ' – ')}</option>)}
          </TextField>
          <Typography variant="body2">
            Les tranches se suivent par quotient croissant, sans se chevaucher (ex. 0 à 500, puis 500,01 à 900). La dernière n’a pas de maximum : elle s’applique aussi aux familles sans quotient connu.
          </Typography>
          {form.bands.map((band, i) => (
            <BandFields
              key={band.key} band={band} index={i} count={form.bands.length} errors={errors}
              onChange={(b) => set({ bands: form.bands.map((x) => (x.key === b.key ? b : x)) })}
              onRemove={() => set({ bands: form.bands.filter((x) => x.key !== band.key) })}
            />
          ))}
          {bandsError && <FormHelperText error>{bandsError}</FormHelperText>}
          <Box><Button variant="outlined" startIcon={<AddIcon />} onClick={addBand} disabled={form.bands.length >= 20}>Ajouter une tranche</Button></Box>
        </>
      ) : (
        <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' } }}>
          <TextField id="tariff-rate" size="small" label="Taux d’effort (% du quotient)" value={form.ratePercent} onChange={(e) => set({ ratePercent: e.target.value })} error={Boolean(errors['/tariff/ratePercent'])} helperText={errors['/tariff/ratePercent'] ?? 'Ex. 0,8 : 8 € pour un quotient de 1 000'} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
          <TextField id="tariff-min" size="small" label="Prix plancher (€)" value={form.minPrice} onChange={(e) => set({ minPrice: e.target.value })} error={Boolean(errors['/tariff/minCents'])} helperText={errors['/tariff/minCents'] ?? ' '} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
          <TextField id="tariff-max" size="small" label="Prix plafond (€)" value={form.maxPrice} onChange={(e) => set({ maxPrice: e.target.value })} error={Boolean(errors['/tariff/maxCents'])} helperText={errors['/tariff/maxCents'] ?? 'Aussi le prix sans quotient connu'} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
        </Box>
      )}
    </Box>
  );
}
