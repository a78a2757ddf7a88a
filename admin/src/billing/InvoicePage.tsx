// Agents: one invoice — family, period, dates, lines, payments, PDF — and its cancellation
// with a credit note (avoir), after a reason and a confirmation.
import { useRef, useState, type FormEvent } from 'react';
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
import { formatDate, formatDateTime, formatEuros } from '../../../renderer/src/format.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Facts, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { billingApi, type AgentInvoiceDetail } from './api.js';
import { billingPaths } from './paths.js';

const PAYMENT_STATUS: Record<string, string> = { pending: 'En cours', paid: 'Payé', refused: 'Refusé', abandoned: 'Abandonné', expired: 'Expiré', review: 'À régulariser' };
const PAYMENT_METHOD: Record<string, string> = { online: 'En ligne', direct_debit: 'Prélèvement', counter: 'Régie' };

function CancelForm({ invoice, onDone }: { invoice: AgentInvoiceDetail; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError('Indiquez le motif de l’annulation (3 caractères au moins).');
      document.getElementById('motif-annulation')?.focus();
      return;
    }
    if (!confirming) {
      setError(null);
      setConfirming(true);
      return;
    }
    setBusy(true);
    try {
      const { creditNote } = await billingApi.cancel(invoice.id, reason.trim());
      onDone(`Facture ${invoice.number} annulée par l’avoir ${creditNote.number}.`);
    } catch (err) {
      setError(errorMessage(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Annuler la facture">
      <TextField id="motif-annulation" fullWidth size="small" label="Motif de l’annulation" required value={reason} onChange={(e) => { setReason(e.target.value); setConfirming(false); }}
        error={Boolean(error)} helperText={error ?? 'Un avoir du même montant sera émis ; les jours encore réservés pourront être refacturés.'} slotProps={{ htmlInput: { maxLength: 500 } }} />
      {confirming && <Alert severity="warning" sx={{ mt: 1 }}>Confirmez-vous l’annulation de la facture {invoice.number} ({formatEuros(invoice.totalCents)}) ?</Alert>}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <Button type="submit" variant={confirming ? 'contained' : 'outlined'} color="error" disabled={busy}>
          {confirming ? 'Confirmer l’annulation' : 'Annuler la facture (avoir)'}
        </Button>
        {confirming && <Button onClick={() => setConfirming(false)}>Ne pas annuler</Button>}
      </Box>
    </Box>
  );
}

export default function InvoicePage({ params }: { params: Record<string, string> }) {
  const state = useAsync(() => billingApi.invoice(params.id), [params.id]);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const invoice = state.data;
  if (state.loading && !invoice) return <Loading />;
  if (state.error || !invoice) return <LoadError message={state.error ?? 'Facture introuvable.'} onRetry={state.reload} />;
  const credit = invoice.kind === 'credit_note';
  const title = `${credit ? 'Avoir' : 'Facture'} ${invoice.number}`;
  const cancellable = !credit && invoice.status === 'open' && invoice.paidCents === 0;
  return (
    <>
      <PageHeading title={title} tabTitle={title}>
        <Link href={billingPaths.invoices}>Retour aux factures</Link>
      </PageHeading>
      <div ref={messageRef} tabIndex={-1}>
        <LiveRegion>{message && <Alert severity="success">{message}</Alert>}</LiveRegion>
      </div>
      <Section title="Facture" id="facture-resume" action={<Button size="small" variant="outlined" href={billingApi.pdfUrl(invoice.id)} download>Télécharger le PDF</Button>}>
        <Facts rows={[
          ['Famille', invoice.familyName],
          ['Période', `${invoice.periodLabel} (du ${formatDate(invoice.periodStart)} au ${formatDate(invoice.periodEnd)})`],
          ['Émise le', formatDate(invoice.issuedAt)],
          ['Statut', invoice.statusLabel],
          ['Règlement', invoice.collectionMethod === 'direct_debit' ? 'Prélèvement automatique' : 'En ligne ou à la régie'],
          ['Échéance', formatDate(invoice.dueDate)],
          ['Paiement en ligne jusqu’au', formatDate(invoice.onlinePaymentUntil)],
          ['Total', formatEuros(invoice.totalCents)],
          ['Payé', credit ? '' : formatEuros(invoice.paidCents)],
          ['Reste à payer', credit ? '' : formatEuros(invoice.remainingCents)],
          ['Annule la facture', invoice.creditFor ? <Link href={billingPaths.invoice(invoice.creditFor.id)}>{invoice.creditFor.number}</Link> : null],
          ['Annulée par l’avoir', invoice.creditNote ? <Link href={billingPaths.invoice(invoice.creditNote.id)}>{invoice.creditNote.number}</Link> : null],
        ]} />
      </Section>
      <Section title={`Lignes (${invoice.lines.length})`} id="facture-lignes">
        {invoice.lines.length === 0 ? <Empty>Aucune ligne.</Empty> : (
          <ScrollTable labelId="lignes-caption">
            <Table size="small" sx={{ minWidth: 640 }}>
              <caption id="lignes-caption" className="visually-hidden">Lignes de la facture {invoice.number}</caption>
              <TableHead>
                <TableRow>
                  {['Date', 'Enfant', 'Activité', 'Quantité', 'Prix unitaire', 'Montant'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {invoice.lines.map((l, i) => (
                  <TableRow key={i}>
                    <TableCell>{formatDate(l.date)}</TableCell>
                    <TableCell>{l.childName}</TableCell>
                    <TableCell>{l.label}</TableCell>
                    <TableCell align="right">{String(l.quantity).replace('.', ',')}</TableCell>
                    <TableCell align="right">{formatEuros(l.unitPriceCents)}</TableCell>
                    <TableCell align="right">{formatEuros(l.amountCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      {!credit && (
        <Section title={`Paiements (${invoice.payments.length})`} id="facture-paiements">
          {invoice.payments.length === 0 ? <Empty>Aucun paiement enregistré.</Empty> : (
            <ScrollTable labelId="paiements-caption">
              <Table size="small" sx={{ minWidth: 560 }}>
                <caption id="paiements-caption" className="visually-hidden">Paiements de la facture {invoice.number}</caption>
                <TableHead>
                  <TableRow>
                    {['Date', 'Mode', 'Référence', 'Montant', 'État'].map((h) => <TableCell key={h} component="th" scope="col">{h}</TableCell>)}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {invoice.payments.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{formatDateTime(p.completedAt ?? p.createdAt)}</TableCell>
                      <TableCell>{PAYMENT_METHOD[p.method] ?? p.method}</TableCell>
                      <TableCell sx={{ wordBreak: 'break-all' }}>{p.reference}</TableCell>
                      <TableCell align="right">{formatEuros(p.amountCents)}</TableCell>
                      <TableCell>{PAYMENT_STATUS[p.status] ?? p.status}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollTable>
          )}
        </Section>
      )}
      {cancellable && (
        <Section title="Annuler la facture" id="facture-annulation">
          <CancelForm invoice={invoice} onDone={(text) => { setMessage(text); state.reload(); messageRef.current?.focus(); }} />
        </Section>
      )}
    </>
  );
}
