// An activity's settings (administrators): name and type, capacity and age range, schools,
// booking and cancellation deadlines (live check of the grammar), opening calendar, tariff,
// unpaid-amount threshold. The server checks everything again and answers at the field.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MuiLink from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import { Link, useRouter, useSearchParam } from '../../../renderer/src/router.js';
import { Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { ApiError } from '../api.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { activitiesApi, KIND_LABEL, type Activity, type School } from './api.js';
import { AgeGroupFields, ageGroupFieldId } from './AgeGroupFields.js';
import { CalendarFields } from './CalendarFields.js';
import { DeadlineField, DeadlineGrammarHelp } from './DeadlineField.js';
import { emptyForm, errorsFrom, toForm, toInput, newBandKey, type ActivityForm, type Errors } from './form.js';
import { activityPaths, parisToday } from './paths.js';
import { TariffFields } from './TariffFields.js';
import { useFocusAfterRender } from '../../../renderer/src/useFocusAfterRender.js';

/** Where each error path is shown (focus target of the error summary). */
function fieldIdOf(path: string): string {
  const band = /^\/tariff\/bands\/(\d+)\/(\w+)/.exec(path);
  if (band) return `band-${band[1]}-${band[2]}`;
  const group = /^\/ageGroups\/(\d+)\/(\w+)/.exec(path);
  if (group) return ageGroupFieldId(Number(group[1]), group[2]);
  const ids: [string, string][] = [
    ['/code', 'activity-code'], ['/name', 'activity-name'], ['/kind', 'activity-kind'], ['/capacity', 'activity-capacity'],
    ['/minAgeMonths', 'activity-min-age'], ['/maxAgeMonths', 'activity-max-age'], ['/schoolIds', 'school-0'],
    ['/deadlineRules/book', 'deadline-book'], ['/deadlineRules/cancel', 'deadline-cancel'], ['/calendar/zone', 'calendar-zone'],
    ['/calendar/closedDays', 'closed-day'], ['/calendar', 'calendar-zone'], ['/tariff/schoolYear', 'tariff-year'], ['/tariff/ratePercent', 'tariff-rate'],
    ['/tariff/minCents', 'tariff-min'], ['/tariff/maxCents', 'tariff-max'], ['/tariff', 'tariff-year'], ['/unpaidBlockCents', 'activity-unpaid'],
  ];
  return ids.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 'activity-name';
}

function ErrorSummary({ errors, summaryRef }: { errors: Errors; summaryRef: React.RefObject<HTMLDivElement | null> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <Alert ref={summaryRef} tabIndex={-1} severity="error" sx={{ mb: 2 }}>
      <strong>L’activité n’est pas enregistrée : corrigez {entries.length > 1 ? `les ${entries.length} champs signalés` : 'le champ signalé'}.</strong>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {entries.map(([path, message]) => (
          <li key={path}>
            <MuiLink href={`#${fieldIdOf(path)}`} onClick={(e: React.MouseEvent) => { e.preventDefault(); document.getElementById(fieldIdOf(path))?.focus(); }}>{message}</MuiLink>
          </li>
        ))}
      </Box>
    </Alert>
  );
}

function Field({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } }}>{children}</Box>;
}

function ActivityFormView({ id, initial, schools, created }: { id?: string; initial: ActivityForm; schools: School[]; created?: boolean }) {
  const { navigate } = useRouter();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(created ? { severity: 'success', text: `Activité « ${initial.name} » créée.` } : null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const set = (patch: Partial<ActivityForm>) => setForm((f) => ({ ...f, ...patch }));
  const text = (path: string, field: keyof ActivityForm, label: string, extra: object = {}) => ({
    id: fieldIdOf(path), label, size: 'small' as const, value: form[field] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set({ [field]: e.target.value } as Partial<ActivityForm>),
    error: Boolean(errors[path]), ...extra,
    helperText: errors[path] ?? (extra as { helperText?: string }).helperText ?? ' ',
  });

  const changeYear = async (year: string) => {
    set({ schoolYear: year });
    if (!id) return;
    try {
      const other = await activitiesApi.get(id, year);
      if ('mode' in other.tariff && other.tariff.bands.length) {
        set({ bands: toForm(other, parisToday()).bands });
        setMessage({ severity: 'info', text: `Tarifs de l’année ${year} affichés.` });
      } else {
        setMessage({ severity: 'info', text: `Aucun tarif pour ${year} : les tranches affichées servent de point de départ.` });
        set({ bands: form.bands.map((b) => ({ ...b, key: newBandKey() })) });
      }
    } catch (e) {
      setMessage({ severity: 'error', text: errorMessage(e) });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const { input, errors: local } = toInput(form);
    if (!input) {
      setErrors(local);
      focusAfterRender(() => summaryRef.current);
      return;
    }
    setBusy(true);
    try {
      const saved = id ? await activitiesApi.update(id, input) : await activitiesApi.create(input);
      setErrors({});
      setForm(toForm(saved, parisToday()));
      if (!id) return navigate(`${activityPaths.edit(saved.id)}?cree=1`, { replace: true });
      setMessage({ severity: 'success', text: `Activité « ${saved.name} » enregistrée.` });
      focusAfterRender(() => messageRef.current);
    } catch (err) {
      const fields = err instanceof ApiError ? errorsFrom(err.fieldErrors) : {};
      if (Object.keys(fields).length) {
        setErrors(fields);
        focusAfterRender(() => summaryRef.current);
      } else {
        setMessage({ severity: 'error', text: errorMessage(err) });
        focusAfterRender(() => messageRef.current);
      }
    } finally {
      setBusy(false);
    }
  };

  const schoolError = Object.entries(errors).find(([k]) => k.startsWith('/schoolIds'))?.[1];
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={id ? `Modifier l’activité ${initial.name}` : 'Nouvelle activité'}>
      <LiveRegion>
        {message && <Alert ref={messageRef} tabIndex={-1} severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>{message.text}</Alert>}
      </LiveRegion>
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <Section title="Identification" id="section-identity">
        <Field>
          <TextField {...text('/name', 'name', 'Nom de l’activité')} required slotProps={{ htmlInput: { maxLength: 200 } }} />
          <TextField {...text('/code', 'code', 'Code', { helperText: 'Majuscules, chiffres et tirets (ex. CANTINE)' })} required slotProps={{ htmlInput: { maxLength: 30 } }} />
          <TextField {...text('/kind', 'kind', 'Type')} select slotProps={{ select: { native: true } }}>
            {Object.entries(KIND_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </TextField>
          <TextField {...text('/validation', 'validation', 'Validation des réservations')} select slotProps={{ select: { native: true } }}>
            <option value="automatic">Automatique</option>
            <option value="manual">Par un agent (réservé à confirmer)</option>
          </TextField>
          <FormControlLabel label="Ouverte aux réservations" control={<Checkbox checked={form.active} onChange={(e) => set({ active: e.target.checked })} />} />
        </Field>
      </Section>
      <Section title="Capacité et tranche d’âge" id="section-capacity">
        <Field>
          <TextField {...text('/capacity', 'capacity', 'Capacité (places par jour)', { helperText: 'Vide : illimitée. Au-delà : liste d’attente.' })} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }} />
          <TextField {...text('/minAgeMonths', 'minAgeMonths', 'Âge minimum (mois)', { helperText: 'Ex. 36 pour 3 ans' })} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 3 } }} />
          <TextField {...text('/maxAgeMonths', 'maxAgeMonths', 'Âge maximum (mois)', { helperText: 'Ex. 144 pour 12 ans' })} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 3 } }} />
        </Field>
        <AgeGroupFields form={form} set={set} errors={errors} />
      </Section>
      <Section title="École(s)" id="section-schools">
        <FormControl component="fieldset" error={Boolean(schoolError)}>
          <FormLabel component="legend">Écoles dont les enfants peuvent réserver</FormLabel>
          <FormGroup>
            {schools.map((s, i) => (
              <FormControlLabel
                key={s.id} label={s.name}
                control={<Checkbox id={`school-${i}`} checked={form.schoolIds.includes(s.id)} onChange={(e) => set({ schoolIds: e.target.checked ? [...form.schoolIds, s.id] : form.schoolIds.filter((x) => x !== s.id) })} />}
              />
            ))}
          </FormGroup>
          {schoolError && <FormHelperText>{schoolError}</FormHelperText>}
        </FormControl>
      </Section>
      <Section title="Délais de réservation et d’annulation" id="section-deadlines">
        <DeadlineGrammarHelp />
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
          <DeadlineField id="deadline-book" label="Délai de réservation" value={form.book} onChange={(v) => set({ book: v })} error={errors['/deadlineRules/book']} />
          <DeadlineField id="deadline-cancel" label="Délai d’annulation" value={form.cancel} onChange={(v) => set({ cancel: v })} error={errors['/deadlineRules/cancel']} />
        </Box>
      </Section>
      <Section title="Calendrier d’ouverture" id="section-calendar">
        <CalendarFields form={form} set={set} errors={errors} />
      </Section>
      <Section title="Tarifs" id="section-tariff">
        <TariffFields form={form} set={set} errors={errors} onSchoolYear={changeYear} />
      </Section>
      <Section title="Impayés" id="section-unpaid">
        <TextField
          {...text('/unpaidBlockCents', 'unpaidBlock', 'Seuil de blocage des réservations (€)', { helperText: 'Vide : pas de blocage. Jamais appliqué à la cantine d’un enfant scolarisé en primaire (article L131-13 du Code de l’éducation).' })}
          sx={{ maxWidth: 560 }} slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 12 } }}
        />
      </Section>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 4 }}>
        <Button type="submit" variant="contained" disabled={busy}>{id ? 'Enregistrer' : 'Créer l’activité'}</Button>
        <Button component={Link} href={activityPaths.list}>Retour aux activités</Button>
      </Box>
    </Box>
  );
}

export default function ActivityEditPage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const created = useSearchParam('cree') === '1';
  const [state, setState] = useState<{ activity?: Activity; schools?: School[]; error?: string }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    Promise.all([id ? activitiesApi.get(id) : Promise.resolve(undefined), activitiesApi.schools()]).then(
      ([activity, schools]) => live && setState({ activity, schools }),
      (e: unknown) => live && setState({ error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [id, tick]);
  const title = id ? (state.activity ? `Activité : ${state.activity.name}` : 'Activité') : 'Nouvelle activité';
  return (
    <>
      <PageHeading title={title} tabTitle={title} />
      {state.error ? <LoadError message={state.error} onRetry={() => setTick((t) => t + 1)} />
        : !state.schools || (id && !state.activity) ? <Loading />
        : <ActivityFormView key={state.activity?.id ?? 'new'} id={id} initial={state.activity ? toForm(state.activity, parisToday()) : emptyForm(parisToday())} schools={state.schools} created={created} />}
    </>
  );
}
