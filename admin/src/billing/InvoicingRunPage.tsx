// Agents: the monthly invoicing run — choose the month, start it, follow its progress (a
// progress bar and a live region read out by screen readers), the latest runs; and the
// billing basis of each activity (administrators change it).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatDateTime, formatEuros } from '../../../renderer/src/format.js';
import { useSession } from '../../../renderer/src/session.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { billingApi, type InvoicingRun } from './api.js';
import { billingPaths } from './paths.js';

const STATUS_LABEL = { running: 'En cours', done: 'Terminée', failed: 'Terminée avec des erreurs' } as const;

function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return d.toISOString().slice(0, 7);
}

const monthName = (month: string) => new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

function progressText(run: InvoicingRun): string {
  const head = `Facturation de ${monthName(run.month)}`;
  if (run.status === 'running') return `${head} : ${run.familiesDone} famille(s) traitée(s) sur ${run.familiesTotal}, ${run.invoicesCreated} facture(s) émise(s).`;
  const result = `${run.invoicesCreated} facture(s) émise(s) pour ${formatEuros(run.totalCents)} (${run.familiesTotal} famille(s) examinée(s)).`;
  return run.status === 'done' ? `${head} terminée : ${result}` : `${head} terminée avec des erreurs : ${result}`;
}

function RunForm({ onFinished }: { onFinished: () => void }) {
  const [month, setMonth] = useState(previousMonth);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<InvoicingRun | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const follow = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await billingApi.run(id);
        setRun(next);
        if (next.status === 'running') follow(id);
        else onFinished();
      } catch (e) {
        setError(errorMessage(e));
      }
    }, 400);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      setError('Saisissez le mois au format AAAA-MM (exemple : 2026-11).');
      document.getElementById('mois-facturation')?.focus();
      return;
    }
    setError(null);
    try {
      const started = await billingApi.startRun(month);
      setRun(started);
      follow(started.id);
    } catch (err) {
      setError(errorMessage(err));
      document.getElementById('mois-facturation')?.focus();
    }
  };
  const running = run?.status === 'running';
  const percent = run && run.familiesTotal > 0 ? Math.round((run.familiesDone / run.familiesTotal) * 100) : running ? 0 : 100;

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Lancer la facturation">
      <Typography sx={{ mb: 1.5 }}>
        La facturation émet une facture par famille pour les jours réservés du mois et le forfait de restauration. Relancer un mois ne facture jamais deux fois le même jour.
      </Typography>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField id="mois-facturation" size="small" label="Mois à facturer" placeholder="AAAA-MM" value={month} onChange={(e) => setMonth(e.target.value)}
          error={Boolean(error)} helperText={error ?? 'Exemple : 2026-11'} slotProps={{ inputLabel: { shrink: true }, htmlInput: { maxLength: 7 } }} />
        <Button type="submit" variant="contained" disabled={running}>Lancer la facturation</Button>
      </Box>
      {run && (
        <Box sx={{ mt: 2 }}>
          <LinearProgress variant="determinate" value={percent} aria-label="Progression de la facturation" aria-valuetext={`${percent} %`} />
          <LiveRegion>
            <Alert severity={run.status === 'failed' ? 'warning' : run.status === 'done' ? 'success' : 'info'} sx={{ mt: 1 }}>
              {progressText(run)}
              {run.error && <Box component="span" sx={{ display: 'block', whiteSpace: 'pre-line' }}>{run.error}</Box>}
              {run.status !== 'running' && <Box component="span" sx={{ display: 'block' }}><a href={`${billingPaths.invoices}`}>Voir les factures</a></Box>}
            </Alert>
          </LiveRegion>
        </Box>
      )}
    </Box>
  );
}

function RunsTable({ runs }: { runs: InvoicingRun[] }) {
  if (!runs.length) return <Empty>Aucune facturation lancée pour le moment.</Empty>;
  return (
    <ScrollTable labelId="runs-caption">
      <Table size="small" sx={{ minWidth: 620 }}>
        <caption id="runs-caption" className="visually-hidden">Dernières facturations</caption>
        <TableHead>
          <TableRow>
            {['Mois', 'Lancée le', 'Par', 'État', 'Familles', 'Factures', 'Montant'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map((r) => (
            <TableRow key={r.id}>
              <TableCell component="th" scope="row">{monthName(r.month)}</TableCell>
              <TableCell>{formatDateTime(r.startedAt)}</TableCell>
              <TableCell>{r.source === 'cli' ? 'Ligne de commande' : 'Agent'}</TableCell>
              <TableCell>{STATUS_LABEL[r.status]}</TableCell>
              <TableCell align="right">{r.familiesDone} / {r.familiesTotal}</TableCell>
              <TableCell align="right">{r.invoicesCreated}</TableCell>
              <TableCell align="right">{formatEuros(r.totalCents)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

function BillingBases() {
  const { user } = useSession();
  const state = useAsync(() => billingApi.activities(), []);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const admin = user?.role === 'admin';
  if (state.loading && !state.data) return <Loading />;
  if (state.error || !state.data) return <LoadError message={state.error ?? ''} onRetry={state.reload} />;
  const { bases, activities } = state.data;
  const change = async (id: string, name: string, basis: string) => {
    try {
      await billingApi.setBasis(id, basis);
      setMessage({ ok: true, text: `${name} : base de facturation enregistrée.` });
      state.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <>
      <LiveRegion>{message && <Alert severity={message.ok ? 'success' : 'error'} sx={{ mb: 1 }}>{message.text}</Alert>}</LiveRegion>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
        {activities.map((a) => (
          <Box component="li" key={a.id}>
            {admin ? (
              <TextField size="small" fullWidth select label={a.name} value={a.billingBasis} onChange={(e) => change(a.id, a.name, e.target.value)} slotProps={{ select: { native: true } }}>
                {bases.map((b) => <option key={b.key} value={b.key}>{b.label}</option>)}
              </TextField>
            ) : (
              <Typography><strong>{a.name}</strong> : {bases.find((b) => b.key === a.billingBasis)?.label ?? a.billingBasis}</Typography>
            )}
          </Box>
        ))}
      </Box>
    </>
  );
}

export default function InvoicingRunPage() {
  const runs = useAsync(() => billingApi.runs(), []);
  return (
    <>
      <PageHeading title="Facturation mensuelle" tabTitle="Facturation mensuelle" />
      <Section title="Lancer la facturation d’un mois" id="lancer-facturation">
        <RunForm onFinished={runs.reload} />
      </Section>
      <Section title="Dernières facturations" id="dernieres-facturations">
        {runs.loading && !runs.data && <Loading />}
        {runs.error && <LoadError message={runs.error} onRetry={runs.reload} />}
        {runs.data && <RunsTable runs={runs.data} />}
      </Section>
      <Section title="Base de facturation par activité" id="bases-facturation">
        <BillingBases />
      </Section>
    </>
  );
}
