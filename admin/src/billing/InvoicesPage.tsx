// Agents: the invoices list, filtered by month billed, status and family (name or number).
import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatDate, formatEuros } from '../../../renderer/src/format.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { LiveRegion, PageHeading } from '../ui.js';
import { billingApi, type InvoiceFilters } from './api.js';
import { billingPaths } from './paths.js';

const PAGE = 50;
const STATUSES: [string, string][] = [['', 'Tous'], ['open', 'À payer'], ['paid', 'Payées'], ['cancelled', 'Annulées'], ['credit_note', 'Avoirs']];

export default function InvoicesPage() {
  const [filters, setFilters] = useState<InvoiceFilters>({});
  const [form, setForm] = useState<InvoiceFilters>({});
  const [offset, setOffset] = useState(0);
  const [monthError, setMonthError] = useState<string | null>(null);
  const list = useAsync(() => billingApi.invoices(filters, offset, PAGE), [JSON.stringify(filters), offset]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(form.month)) {
      setMonthError('Saisissez un mois au format AAAA-MM (exemple : 2026-11).');
      document.getElementById('filtre-mois')?.focus();
      return;
    }
    setMonthError(null);
    setOffset(0);
    setFilters({ ...form, family: form.family?.trim() || undefined });
  };
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeading title="Factures" tabTitle="Factures" />
      <Box component="form" role="search" aria-label="Filtrer les factures" onSubmit={submit} noValidate sx={{ mb: 2 }}>
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr auto' }, alignItems: 'start' }}>
          <TextField id="filtre-mois" size="small" label="Mois facturé" placeholder="AAAA-MM" value={form.month ?? ''} onChange={(e) => setForm((f) => ({ ...f, month: e.target.value }))}
            error={Boolean(monthError)} helperText={monthError ?? 'Exemple : 2026-11'} slotProps={{ inputLabel: { shrink: true }, htmlInput: { maxLength: 7 } }} />
          <TextField size="small" select label="Statut" value={form.status ?? ''} onChange={(e) => setForm((f) => ({ ...f, status: e.target.value }))} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} helperText=" ">
            {STATUSES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </TextField>
          <TextField size="small" label="Famille ou numéro" value={form.family ?? ''} onChange={(e) => setForm((f) => ({ ...f, family: e.target.value }))} helperText="Début du nom, ou numéro exact" slotProps={{ htmlInput: { maxLength: 100 } }} />
          <Button type="submit" variant="contained">Filtrer</Button>
        </Box>
      </Box>
      <Section title="Liste des factures" id="liste-factures" action={<Button href={billingPaths.run} size="small">Lancer la facturation</Button>}>
        {list.loading && <Loading />}
        {list.error && <LoadError message={list.error} onRetry={list.reload} />}
        <LiveRegion>{list.data ? <Typography variant="body2">{total} facture(s) trouvée(s).</Typography> : null}</LiveRegion>
        {list.data && list.data.items.length === 0 && <Empty>Aucune facture ne correspond à ces critères.</Empty>}
        {list.data && list.data.items.length > 0 && (
          <ScrollTable labelId="factures-caption">
            <Table size="small" sx={{ minWidth: 760 }}>
              <caption id="factures-caption" className="visually-hidden">Factures et avoirs</caption>
              <TableHead>
                <TableRow>
                  {['Numéro', 'Famille', 'Période', 'Émise le', 'Total', 'Reste à payer', 'Règlement', 'Statut'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {list.data.items.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell component="th" scope="row"><Link href={billingPaths.invoice(i.id)}>{i.number}</Link></TableCell>
                    <TableCell>{i.familyName}</TableCell>
                    <TableCell>{i.periodLabel}</TableCell>
                    <TableCell>{formatDate(i.issuedAt)}</TableCell>
                    <TableCell align="right">{formatEuros(i.totalCents)}</TableCell>
                    <TableCell align="right">{formatEuros(i.remainingCents)}</TableCell>
                    <TableCell>{i.collectionMethod === 'direct_debit' ? 'Prélèvement' : 'En ligne / régie'}</TableCell>
                    <TableCell>{i.statusLabel}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        )}
        {total > PAGE && (
          <Box sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Page précédente</Button>
            <Typography variant="body2">{offset + 1}–{Math.min(total, offset + PAGE)} sur {total}</Typography>
            <Button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Page suivante</Button>
          </Box>
        )}
      </Section>
    </>
  );
}
