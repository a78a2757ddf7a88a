// Prélèvements: prepare a SEPA direct-debit run for a date (at least 14 days ahead: each
// family is pre-notified by mail), then download its pain.008 file for the bank; earlier
// runs are listed with their file.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
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
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError } from '../../../renderer/src/ui.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { euros, frenchDate, frenchDateTime, paymentsApi, type DebitRun } from './api.js';

export default function DebitRunsPage() {
  const runs = useAsync(() => paymentsApi.debitRuns(), []);
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<DebitRun | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      setCreated(await paymentsApi.createDebitRun(dueDate));
      runs.reload();
    } catch (err) {
      setError(errorMessage(err));
      document.getElementById('date-prelevement')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title="Prélèvements" tabTitle="Prélèvements" />
      <Box component="section" aria-labelledby="nouveau-prelevement" sx={{ mb: 3 }}>
        <Typography id="nouveau-prelevement" component="h2" variant="h2" sx={{ mb: 1 }}>Préparer un prélèvement</Typography>
        <Typography sx={{ mb: 1.5 }}>
          Les factures à prélever des familles ayant un mandat actif sont rassemblées dans un fichier SEPA pour la banque. Chaque famille reçoit un mail de pré-notification : la date doit être au moins 14 jours après aujourd’hui.
        </Typography>
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
          <TextField
            id="date-prelevement" label="Date du prélèvement" type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)}
            error={Boolean(error)} helperText={error ?? ' '} slotProps={{ inputLabel: { shrink: true } }}
          />
          <Button type="submit" variant="contained" disabled={busy || !dueDate} sx={{ mt: 1 }}>Préparer le prélèvement</Button>
        </Box>
        <LiveRegion>
          {created && (
            <Alert severity="success">
              Prélèvement du {frenchDate(created.dueDate)} préparé : {created.invoiceCount} facture{created.invoiceCount > 1 ? 's' : ''}, {euros(created.totalCents)}.{' '}
              <Link href={paymentsApi.fileUrl(created.id)} download>Télécharger le fichier SEPA</Link>
              {created.skipped && created.skipped.length > 0 && (
                <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }}>
                  {created.skipped.map((s) => <li key={s.invoiceNumber}>Facture {s.invoiceNumber} écartée : {s.reason}</li>)}
                </Box>
              )}
            </Alert>
          )}
        </LiveRegion>
      </Box>
      <Box component="section" aria-labelledby="prelevements-prepares">
        <Typography id="prelevements-prepares" component="h2" variant="h2" sx={{ mb: 1 }}>Prélèvements préparés</Typography>
        {runs.loading && <Loading />}
        {runs.error && <LoadError message={runs.error} onRetry={runs.reload} />}
        {runs.data && !runs.data.items.length && <Empty>Aucun prélèvement préparé.</Empty>}
        {runs.data && runs.data.items.length > 0 && (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" sx={{ minWidth: 600 }}>
              <caption className="visually-hidden">Prélèvements préparés, du plus récent au plus ancien</caption>
              <TableHead>
                <TableRow>
                  {['Date de prélèvement', 'Factures', 'Montant', 'Préparé le', 'Fichier'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {runs.data.items.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell component="th" scope="row">{frenchDate(r.dueDate)}</TableCell>
                    <TableCell>{r.invoiceCount} ({r.txCount} mandat{r.txCount > 1 ? 's' : ''})</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{euros(r.totalCents)}</TableCell>
                    <TableCell>{frenchDateTime(r.createdAt)}{r.createdByName ? ` par ${r.createdByName}` : ''}</TableCell>
                    <TableCell>
                      <Link href={paymentsApi.fileUrl(r.id)} download>Télécharger<span className="visually-hidden"> le fichier SEPA du {frenchDate(r.dueDate)}</span></Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Box>
    </>
  );
}
