// Paiements: every payment (online, direct debit, counter) with filters on status, method,
// period and a search on invoice number, reference or family; the « À régulariser » ones
// say why (e.g. paid after the 15 minutes) so the billing office can refund or apply them.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError } from '../../../renderer/src/ui.js';
import { LiveRegion, PageHeading } from '../ui.js';
import { euros, frenchDateTime, METHOD_OPTIONS, paymentsApi, STATUS_OPTIONS, type PaymentFilters } from './api.js';

export default function PaymentsPage() {
  const [draft, setDraft] = useState<PaymentFilters>({ status: '', method: '', from: '', to: '', q: '' });
  const [filters, setFilters] = useState<PaymentFilters>({});
  const list = useAsync(() => paymentsApi.list(filters), [JSON.stringify(filters)]);
  const set = (key: keyof PaymentFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  return (
    <>
      <PageHeading title="Paiements" tabTitle="Paiements" />
      <Box component="form" onSubmit={submit} aria-label="Filtrer les paiements" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2, alignItems: 'flex-end' }}>
        <TextField select label="Statut" value={draft.status} onChange={set('status')} sx={{ minWidth: 160 }} size="small">
          <MenuItem value="">Tous</MenuItem>
          {STATUS_OPTIONS.map(([v, l]) => <MenuItem key={v} value={v}>{l}</MenuItem>)}
        </TextField>
        <TextField select label="Mode" value={draft.method} onChange={set('method')} sx={{ minWidth: 160 }} size="small">
          <MenuItem value="">Tous</MenuItem>
          {METHOD_OPTIONS.map(([v, l]) => <MenuItem key={v} value={v}>{l}</MenuItem>)}
        </TextField>
        <TextField label="Du" type="date" value={draft.from} onChange={set('from')} size="small" slotProps={{ inputLabel: { shrink: true } }} />
        <TextField label="Au" type="date" value={draft.to} onChange={set('to')} size="small" slotProps={{ inputLabel: { shrink: true } }} />
        <TextField label="Facture, référence ou famille" value={draft.q} onChange={set('q')} size="small" slotProps={{ htmlInput: { maxLength: 100 } }} />
        <Button type="submit" variant="contained">Filtrer</Button>
      </Box>
      {list.loading && <Loading />}
      {list.error && <LoadError message={list.error} onRetry={list.reload} />}
      <LiveRegion>{list.data && !list.loading ? `${list.data.items.length} paiement${list.data.items.length > 1 ? 's' : ''}` : ''}</LiveRegion>
      {list.data && !list.data.items.length && <Empty>Aucun paiement ne correspond à ces critères.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <Box role="region" aria-labelledby="payments-caption" tabIndex={0} sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" sx={{ minWidth: 760 }}>
            <caption id="payments-caption" className="visually-hidden">Paiements, du plus récent au plus ancien</caption>
            <TableHead>
              <TableRow>
                {['Date', 'Famille', 'Facture', 'Montant', 'Mode', 'Statut', 'Référence'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.items.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>{frenchDateTime(p.createdAt)}</TableCell>
                  <TableCell component="th" scope="row">{p.familyName}</TableCell>
                  <TableCell>{p.invoiceNumber ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{euros(p.amountCents)}</TableCell>
                  <TableCell>{p.methodLabel}</TableCell>
                  <TableCell>
                    <strong>{p.statusLabel}</strong>
                    {p.anomaly && <Alert severity="warning" sx={{ mt: 0.5, py: 0 }}>{p.anomaly}</Alert>}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{p.reference}{p.authorisation ? ` (autorisation ${p.authorisation})` : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </>
  );
}
