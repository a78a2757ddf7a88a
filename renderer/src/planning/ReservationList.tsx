// « Lister toutes les réservations validées »: id, child, activity, status, date, price, with
// filters by child, activity, status and dates.
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { formatDate, formatEuros } from '../format.js';
import { useAsync } from '../useAsync.js';
import { Empty, LoadError, Loading } from '../ui.js';
import type { Planning, ReservationFilter } from './client.js';
import { planningApi } from './client.js';
import { OUTCOME_LABELS } from './report.js';
import { isDay } from './days.js';

const PAGE = 100;

export function ReservationList({ planning, reloadKey }: { planning: Pick<Planning, 'children' | 'activities'>; reloadKey: number }) {
  const [filter, setFilter] = useState<ReservationFilter>({});
  const [shown, setShown] = useState(PAGE);
  const sent: ReservationFilter = { ...filter, from: isDay(filter.from ?? '') ? filter.from : undefined, to: isDay(filter.to ?? '') ? filter.to : undefined };
  const list = useAsync(() => planningApi.reservations(sent), [JSON.stringify(sent), reloadKey]);
  const items = list.data?.items ?? [];
  const total = items.filter((i) => i.status === 'booked' || i.status === 'requested').reduce((s, i) => s + (i.priceCents ?? 0), 0);
  const set = (key: keyof ReservationFilter) => (e: { target: { value: string } }) => {
    setShown(PAGE);
    setFilter((f) => ({ ...f, [key]: e.target.value || undefined }));
  };
  const select = { select: true, slotProps: { select: { native: true }, inputLabel: { shrink: true } }, size: 'small' as const };

  return (
    <>
      <Box component="form" aria-label="Filtrer les réservations" onSubmit={(e) => e.preventDefault()} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' }, gap: 1.5, mb: 2 }}>
        <TextField {...select} label="Enfant" value={filter.childId ?? ''} onChange={set('childId')}>
          <option value="">Tous</option>
          {planning.children.map((c) => <option key={c.id} value={c.id}>{c.firstName}</option>)}
        </TextField>
        <TextField {...select} label="Activité" value={filter.activityId ?? ''} onChange={set('activityId')}>
          <option value="">Toutes</option>
          {planning.activities.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </TextField>
        <TextField {...select} label="Statut" value={filter.status ?? ''} onChange={set('status')}>
          <option value="">Tous</option>
          {Object.entries(OUTCOME_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </TextField>
        <TextField type="date" size="small" label="Du" value={filter.from ?? ''} onChange={set('from')} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" size="small" label="Au" value={filter.to ?? ''} onChange={set('to')} slotProps={{ inputLabel: { shrink: true } }} />
      </Box>
      {list.loading && !list.data && <Loading />}
      {list.error && <LoadError message={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && <Empty>Aucune réservation ne correspond à ces critères.</Empty>}
      {items.length > 0 && (
        <>
          <p role="status">
            {items.length} réservation{items.length > 1 ? 's' : ''} — montant des réservations : <strong>{formatEuros(total)}</strong>
          </p>
          {/* Focusable: on a phone the table scrolls sideways, from the keyboard too. */}
          <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Réservations validées, tableau défilant">
            <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', fontSize: '0.875rem', '& th, & td': { textAlign: 'left', p: 0.75, borderBottom: '1px solid #c4c9d0' }, '& td:last-of-type, & th:last-of-type': { textAlign: 'right' } }}>
              <caption className="visually-hidden">Réservations validées</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Enfant</th>
                  <th scope="col">Activité</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Date</th>
                  <th scope="col">Prix</th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, shown).map((item) => (
                  <tr key={item.id}>
                    <td title={item.id}>{item.id.length > 8 ? item.id.slice(0, 8) : item.id}</td>
                    <td>{item.childName}</td>
                    <td>{item.activityName}</td>
                    <td>{item.statusLabel || OUTCOME_LABELS[item.status]}</td>
                    <td>{formatDate(item.date)}</td>
                    <td>{item.priceCents === null ? '—' : formatEuros(item.priceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </Box>
          </Box>
          {items.length > shown && (
            <Button sx={{ mt: 1 }} onClick={() => setShown((n) => n + PAGE)}>
              Afficher les réservations suivantes ({items.length - shown} restantes)
            </Button>
          )}
        </>
      )}
    </>
  );
}
