// « Le calendrier de réservations »: date, 1/5/7 days, previous / next, filters; a click marks
// a request (demande, yellow); « Enregistrer » (Validation) sends them all at once and shows the
// summary window; « Aide » shows the legend; « Semaine type » books a weekly pattern.
import { useCallback, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import SaveIcon from '@mui/icons-material/Save';
import { LoadError, Loading } from '../ui.js';
import { useFocusAfterRender } from '../useFocusAfterRender.js';
import type { Action, BookingReport, BookingRequest, Planning, PlanningCell } from './client.js';
import { planningApi } from './client.js';
import { cellKey, cellView } from './cellView.js';
import { addDays, isDay, longDay, shiftView, viewStart } from './days.js';
import { cellName, PlanningGrid, type GridRow } from './PlanningGrid.js';
import { LegendDialog } from './LegendDialog.js';
import { ReportDialog } from './ReportDialog.js';
import { TemplateWeekDialog } from './TemplateWeekDialog.js';

interface Props {
  planning: Planning | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
  date: string;
  days: number;
  today: string;
  onDate: (date: string) => void;
  onDays: (days: number) => void;
  /** Called after a validation or a template week changed reservations. */
  onChanged: () => void;
}

/** The API takes 500 requests per « Enregistrer ». */
const MAX_REQUESTS = 500;
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function ReservationCalendar({ planning, loading, error, reload, date, days, today, onDate, onDays, onChanged }: Props) {
  const [pending, setPending] = useState(new Map<string, BookingRequest>());
  const [childId, setChildId] = useState('');
  const [activityId, setActivityId] = useState('');
  const [announce, setAnnounce] = useState('');
  const [dialog, setDialog] = useState<'help' | 'template' | null>(null);
  const [report, setReport] = useState<{ title: string; report: BookingReport } | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const actions = useMemo(() => new Map<string, Action>([...pending].map(([k, r]) => [k, r.action])), [pending]);
  const shown = useMemo<Planning | undefined>(
    () => planning && {
      ...planning,
      children: planning.children.filter((c) => !childId || c.id === childId),
      activities: planning.activities.filter((a) => !activityId || a.id === activityId),
    },
    [planning, childId, activityId],
  );
  const names = useMemo(() => ({
    child: (id: string) => planning?.children.find((c) => c.id === id)?.firstName ?? '',
    activity: (id: string) => planning?.activities.find((a) => a.id === id)?.name ?? '',
  }), [planning]);

  const onActivate = useCallback((cell: PlanningCell, row: GridRow) => {
    const key = cellKey(cell);
    const view = cellView(cell, pending.get(key)?.action);
    if (!view.next) return;
    const next = new Map(pending);
    if (view.next.kind === 'unmark') next.delete(key);
    else next.set(key, { childId: cell.childId, activityId: cell.activityId, date: cell.date, action: view.next.action });
    setPending(next);
    const after = cellView(cell, next.get(key)?.action);
    setAnnounce(`${cellName(row, cell.date, after.label, '')}. ${next.size === 0 ? 'Aucune demande à enregistrer.' : `${plural(next.size, 'demande', 'demandes')} à enregistrer.`}`);
  }, [pending]);

  const save = async () => {
    if (pending.size === 0) return;
    if (pending.size > MAX_REQUESTS) {
      setSendError(`${MAX_REQUESTS} demandes au plus par enregistrement : enregistrez-en une partie, ou utilisez « Semaine type » pour une longue période.`);
      return;
    }
    setSending(true);
    setSendError(null);
    try {
      const result = await planningApi.send([...pending.values()]);
      setPending(new Map());
      setReport({ title: 'Récapitulatif de vos réservations', report: result });
      setAnnounce('Demandes enregistrées.');
      reload();
      onChanged();
    } catch (e) {
      setSendError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const closeReport = () => {
    setReport(null);
    // The « Enregistrer » button is disabled now: give focus back to the calendar (after the
    // render that closes the report, where the dialog hands the focus back to that button).
    focusAfterRender(() => gridRef.current?.querySelector<HTMLElement>('button[tabindex="0"]') ?? gridRef.current);
  };

  const select = { select: true, size: 'small' as const, slotProps: { select: { native: true }, inputLabel: { shrink: true } } };
  const from = viewStart(date, days);

  return (
    <>
      <Typography sx={{ mb: 2 }}>
        Cliquez sur une activité pour marquer votre demande de réservation (en jaune), puis sur « Enregistrer » pour valider toutes vos demandes en une fois.
        Selon les conditions de réservation et d’annulation, un clic sur une réservation marque une demande d’annulation.
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 2 }}>
        <TextField type="date" size="small" label="Date" value={date} onChange={(e) => isDay(e.target.value) && onDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ width: '11rem' }} />
        <ToggleButtonGroup exclusive size="small" value={days} onChange={(_, v: number | null) => v && onDays(v)} aria-label="Nombre de jours affichés">
          {[1, 5, 7].map((n) => <ToggleButton key={n} value={n}>{n === 1 ? '1 jour' : `${n} jours`}</ToggleButton>)}
        </ToggleButtonGroup>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <Button size="small" variant="outlined" startIcon={<ChevronLeftIcon aria-hidden />} onClick={() => onDate(shiftView(from, days, -1))}>Précédent</Button>
          <Button size="small" variant="outlined" endIcon={<ChevronRightIcon aria-hidden />} onClick={() => onDate(shiftView(from, days, 1))}>Suivant</Button>
          {date !== today && <Button size="small" onClick={() => onDate(today)}>Aujourd’hui</Button>}
        </Box>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 2 }}>
        <TextField {...select} label="Enfant" value={childId} onChange={(e) => setChildId(e.target.value)} sx={{ minWidth: '9rem' }}>
          <option value="">Tous les enfants</option>
          {planning?.children.map((c) => <option key={c.id} value={c.id}>{c.firstName}</option>)}
        </TextField>
        <TextField {...select} label="Activité" value={activityId} onChange={(e) => setActivityId(e.target.value)} sx={{ minWidth: '12rem', maxWidth: '100%' }}>
          <option value="">Toutes les activités</option>
          {planning?.activities.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </TextField>
        <Button size="small" startIcon={<HelpOutlineIcon aria-hidden />} onClick={() => setDialog('help')}>Aide</Button>
        <Button size="small" variant="outlined" startIcon={<EventRepeatIcon aria-hidden />} onClick={() => setDialog('template')} disabled={!planning?.children.length}>
          Semaine type
        </Button>
      </Box>

      <Typography id="planning-periode" component="p" sx={{ fontWeight: 700, mb: 1 }}>
        {days === 1 ? longDay(from) : `Du ${longDay(from)} au ${longDay(addDays(from, days - 1))}`}
      </Typography>
      <p id="planning-clavier" className="visually-hidden">
        Flèches : se déplacer d’une case à l’autre. Entrée ou Espace : marquer ou retirer une demande.
      </p>
      {loading && !planning && <Loading />}
      {error && <LoadError message={error} onRetry={reload} />}
      {shown && (
        <Box ref={gridRef} tabIndex={-1} sx={{ opacity: loading ? 0.6 : 1, outline: 'none' }} aria-busy={loading || undefined}>
          <PlanningGrid planning={shown} days={days} pending={actions} onActivate={onActivate} />
        </Box>
      )}

      <Box component="section" aria-labelledby="validation-titre" sx={{ mt: 2, p: 1.5, borderRadius: 1, bgcolor: pending.size ? '#fff8cc' : 'transparent', border: '1px solid #c4c9d0', display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
        <Typography id="validation-titre" component="h3" variant="h3" sx={{ m: 0 }}>Validation</Typography>
        <Typography sx={{ flex: '1 1 12rem' }}>
          {pending.size === 0 ? 'Aucune demande en attente.' : `${plural(pending.size, 'demande', 'demandes')} à enregistrer : elles ne sont prises en compte qu’après « Enregistrer ».`}
        </Typography>
        {pending.size > 0 && <Button onClick={() => { setPending(new Map()); setAnnounce('Demandes retirées.'); }}>Effacer les demandes</Button>}
        <Button variant="contained" color="success" startIcon={<SaveIcon aria-hidden />} onClick={save} disabled={pending.size === 0 || sending}>
          Enregistrer
        </Button>
      </Box>
      {sendError && <Box sx={{ mt: 1 }}><LoadError message={sendError} /></Box>}
      {pending.size > 0 && <Alert severity="warning" sx={{ mt: 1 }}>Si vous quittez le calendrier sans cliquer sur « Enregistrer », vos demandes ne seront pas prises en compte.</Alert>}
      <Box role="status" aria-live="polite" className="visually-hidden" data-testid="annonce">{announce}</Box>

      <LegendDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
      {planning && (
        <TemplateWeekDialog
          open={dialog === 'template'}
          planning={planning}
          today={today}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            setReport({ title: 'Compte rendu de la semaine type', report: result });
            reload();
            onChanged();
          }}
        />
      )}
      <ReportDialog title={report?.title ?? ''} report={report?.report ?? null} names={names} onClose={closeReport} />
    </>
  );
}
