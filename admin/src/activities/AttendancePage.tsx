// Présences: pick an activity and a day → the children booked (printable list) with their
// class and school, a "PAI / allergie : voir la fiche" flag, presence or absence to record
// (radio buttons: arrow keys move and record), bookings to confirm, and the waiting list.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import { useRouter, useSearchParam } from '../../../renderer/src/router.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError } from '../../../renderer/src/ui.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { activitiesApi, ATTENDANCE_LABEL, type Attendance, type AttendanceList, type AttendanceRow } from './api.js';
import { activityPaths, parisToday } from './paths.js';

const OPTIONS = Object.entries(ATTENDANCE_LABEL) as [Attendance, string][];

const longDate = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

// On paper: no navigation, no controls, the list across the page with its heading.
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        'header, nav, .no-print, .MuiDrawer-root': { display: 'none !important' },
        'main#contenu': { maxWidth: 'none !important', padding: '0 !important' },
        '.print-only': { display: 'inline !important' },
        '.attendance-table': { minWidth: '0 !important' },
        '.attendance-table th, .attendance-table td': { border: '1px solid #000', padding: '4px 6px' },
        '.attendance-scroll': { overflow: 'visible !important', border: '0 !important' },
        body: { background: '#fff' },
      },
      '.print-only': { display: 'none' },
    }}
  />
);

function AttendanceChoice({ row, onRecord }: { row: AttendanceRow; onRecord: (row: AttendanceRow, value: Attendance | null) => void }) {
  const name = `presence-${row.reservationId}`;
  return (
    <Box component="fieldset" className="no-print" sx={{ border: 0, m: 0, p: 0, display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}>
      <legend className="visually-hidden">Présence de {row.childName}</legend>
      {OPTIONS.map(([value, label]) => (
        <Box component="label" key={value} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, minHeight: 32, cursor: 'pointer' }}>
          <Box component="input" type="radio" name={name} value={value} checked={row.attendance === value} onChange={() => onRecord(row, value)} sx={{ width: 18, height: 18, m: 0 }} />
          {label}
        </Box>
      ))}
      {row.attendance && (
        <Button size="small" onClick={() => onRecord(row, null)} aria-label={`Effacer la présence de ${row.childName}`}>Effacer</Button>
      )}
    </Box>
  );
}

function BookedTable({ list, onRecord, onConfirm, busyId }: { list: AttendanceList; onRecord: (row: AttendanceRow, value: Attendance | null) => void; onConfirm: (row: AttendanceRow) => void; busyId: string | null }) {
  if (!list.booked.length) return <Empty>Aucun enfant réservé ce jour.</Empty>;
  return (
    <Box role="region" aria-labelledby="attendance-caption" tabIndex={0} className="attendance-scroll" sx={{ position: 'relative', overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" className="attendance-table" sx={{ minWidth: 720 }}>
        <caption id="attendance-caption" className="visually-hidden">Enfants réservés, {list.activity.name}, {longDate(list.date)}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Enfant</TableCell>
            <TableCell component="th" scope="col">Classe</TableCell>
            <TableCell component="th" scope="col">École</TableCell>
            <TableCell component="th" scope="col">Statut</TableCell>
            <TableCell component="th" scope="col">Santé</TableCell>
            <TableCell component="th" scope="col">Présence</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.booked.map((row) => (
            <TableRow key={row.reservationId}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 700 }}>{row.childName}</TableCell>
              <TableCell>{row.className ?? '—'}</TableCell>
              <TableCell>{row.schoolName ?? '—'}</TableCell>
              <TableCell>{row.statusLabel}</TableCell>
              <TableCell>{row.allergies ? <strong>PAI / allergie : voir la fiche</strong> : ''}</TableCell>
              <TableCell>
                {row.status === 'booked' ? (
                  <AttendanceChoice row={row} onRecord={onRecord} />
                ) : row.status === 'requested' ? (
                  <Button size="small" variant="outlined" className="no-print" disabled={busyId === row.reservationId} onClick={() => onConfirm(row)} aria-label={`Confirmer la réservation de ${row.childName}`}>Confirmer</Button>
                ) : null}
                <span className="print-only">{row.attendance ? ATTENDANCE_LABEL[row.attendance] : ''}</span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function WaitingList({ rows }: { rows: AttendanceRow[] }) {
  if (!rows.length) return <Empty>Personne en liste d’attente.</Empty>;
  return (
    <Box role="region" aria-labelledby="waiting-caption" tabIndex={0} className="attendance-scroll" sx={{ position: 'relative', overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
    <Table size="small" className="attendance-table">
      <caption id="waiting-caption" className="visually-hidden">Liste d’attente</caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">Rang</TableCell>
          <TableCell component="th" scope="col">Enfant</TableCell>
          <TableCell component="th" scope="col">Classe</TableCell>
          <TableCell component="th" scope="col">École</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.reservationId}>
            <TableCell>{row.waitingRank ?? '—'}</TableCell>
            <TableCell component="th" scope="row">{row.childName}</TableCell>
            <TableCell>{row.className ?? '—'}</TableCell>
            <TableCell>{row.schoolName ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    </Box>
  );
}

export default function AttendancePage() {
  const { navigate } = useRouter();
  const activityId = useSearchParam('activite') ?? '';
  const date = useSearchParam('date') ?? parisToday();
  const activities = useAsync(() => activitiesApi.list(), []);
  const [choice, setChoice] = useState({ activityId, date });
  const [list, setList] = useState<AttendanceList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After "Afficher la liste", focus moves to the list's heading once it is there.
  const focusList = useRef(false);
  useEffect(() => {
    if (list && focusList.current) {
      focusList.current = false;
      headingRef.current?.focus();
    }
  }, [list]);

  useEffect(() => setChoice({ activityId, date }), [activityId, date]);
  useEffect(() => {
    if (!activityId) return setList(null);
    let live = true;
    setLoadError(null);
    activitiesApi.attendance(activityId, date).then(
      (l) => live && setList(l),
      (e: unknown) => live && (setList(null), setLoadError(errorMessage(e))),
    );
    return () => {
      live = false;
    };
  }, [activityId, date]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    focusList.current = true;
    navigate(activityPaths.attendance(choice.activityId, choice.date));
  };
  const patchRow = (id: string, patch: Partial<AttendanceRow>) =>
    setList((l) => (l ? { ...l, booked: l.booked.map((r) => (r.reservationId === id ? { ...r, ...patch } : r)) } : l));

  // Shown at once; saved in order per child, so the last choice wins even when the agent
  // runs through the radios with the arrow keys faster than the server answers.
  const queues = useRef(new Map<string, Promise<void>>());
  const record = (row: AttendanceRow, value: Attendance | null) => {
    const previous = row.attendance;
    patchRow(row.reservationId, { attendance: value });
    const run = (queues.current.get(row.reservationId) ?? Promise.resolve())
      .then(() => activitiesApi.record(row.reservationId, value))
      .then(
        () => setMessage({ severity: 'success', text: value ? `${row.childName} : ${ATTENDANCE_LABEL[value].toLowerCase()}.` : `${row.childName} : présence effacée.` }),
        (e: unknown) => {
          patchRow(row.reservationId, { attendance: previous });
          setMessage({ severity: 'error', text: `${row.childName} : ${errorMessage(e)}` });
        },
      );
    queues.current.set(row.reservationId, run);
  };
  const confirm = async (row: AttendanceRow) => {
    setBusyId(row.reservationId);
    try {
      const done = await activitiesApi.confirm(row.reservationId);
      patchRow(row.reservationId, { status: done.status, statusLabel: 'Réservé' });
      setMessage({ severity: 'success', text: `Réservation de ${row.childName} confirmée : la famille est prévenue.` });
    } catch (e) {
      setMessage({ severity: 'error', text: `${row.childName} : ${errorMessage(e)}` });
    } finally {
      setBusyId(null);
    }
  };

  const booked = list?.booked.filter((r) => r.status === 'booked').length ?? 0;
  return (
    <>
      {printStyles}
      <Box className="no-print"><PageHeading title="Présences" tabTitle="Présences" /></Box>
      <Box component="form" onSubmit={show} className="no-print" aria-label="Choisir la liste de présence" sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }}>
        {activities.error ? <LoadError message={activities.error} onRetry={activities.reload} /> : (
          <TextField
            id="attendance-activity" select size="small" label="Activité" value={choice.activityId} onChange={(e) => setChoice({ ...choice, activityId: e.target.value })}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} sx={{ minWidth: 260, flex: '1 1 260px', maxWidth: 420 }}
          >
            <option value="">Choisissez une activité</option>
            {(activities.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </TextField>
        )}
        <TextField id="attendance-date" type="date" size="small" label="Date" value={choice.date} onChange={(e) => setChoice({ ...choice, date: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <Button type="submit" variant="contained" disabled={!choice.activityId || !choice.date}>Afficher la liste</Button>
      </Box>
      <LiveRegion>
        {message && <Alert severity={message.severity} className="no-print" sx={{ mb: 2 }} onClose={() => setMessage(null)}>{message.text}</Alert>}
      </LiveRegion>
      {!activityId ? <Empty>Choisissez une activité et une date pour afficher la liste des enfants réservés.</Empty>
        : loadError ? <LoadError message={loadError} />
        : !list ? <Loading />
        : (
          <Box component="section" aria-labelledby="attendance-title">
            <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
              <Typography id="attendance-title" ref={headingRef} tabIndex={-1} component="h2" variant="h2" sx={{ outline: 'none' }}>
                Liste de présence — {list.activity.name} — {longDate(list.date)}
              </Typography>
              <Button className="no-print" variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()}>Imprimer la liste</Button>
            </Box>
            {!list.opening.open && <Alert severity="info" sx={{ mb: 1 }}>Activité fermée ce jour : {list.opening.reason}.</Alert>}
            <Typography sx={{ mb: 1 }}>
              {booked} enfant{booked > 1 ? 's' : ''} réservé{booked > 1 ? 's' : ''}{list.capacity ? ` sur ${list.capacity} places` : ''}
              {list.booked.length > booked ? `, ${list.booked.length - booked} à confirmer` : ''}.
            </Typography>
            <BookedTable list={list} onRecord={record} onConfirm={confirm} busyId={busyId} />
            <Typography component="h3" variant="h3" sx={{ mt: 3, mb: 1 }}>Liste d’attente</Typography>
            <WaitingList rows={list.waiting} />
          </Box>
        )}
    </>
  );
}
