// One invoice as the manual shows it (« Facture #… — Payer jusqu'au … — TOTAL — PAYER »),
// with its status, the PDF and, on demand, its lines. Used by Mes factures and Mon espace.
import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { formatDate, formatEuros } from '../format.js';
import { Loading, LoadError } from '../ui.js';
import { useAsync } from '../useAsync.js';
import { payInvoice } from '../payments.js';
import { invoicesApi, isToPay, type InvoiceSummary } from './client.js';

function statusColor(i: InvoiceSummary): 'success' | 'warning' | 'default' | 'info' {
  if (i.kind === 'credit_note') return 'info';
  if (i.status === 'paid') return 'success';
  if (isToPay(i)) return i.collectionMethod === 'direct_debit' ? 'info' : 'warning';
  return 'default';
}

/** PAYER: asks the server for the provider's page and goes there; says in French when it fails. */
function PayButton({ invoice }: { invoice: InvoiceSummary }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      await payInvoice(invoice.id);
    } catch (e) {
      setError(`Le paiement en ligne n’a pas pu être ouvert : ${e instanceof Error ? e.message : 'réessayez dans un instant.'}`);
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" color="secondary" onClick={pay} disabled={busy} aria-label={`PAYER la facture ${invoice.number} (${formatEuros(invoice.remainingCents)})`}>
        {busy ? 'Ouverture du paiement…' : 'PAYER'}
      </Button>
      {error && <Alert severity="error" role="alert" sx={{ mt: 1, width: '100%' }}>{error}</Alert>}
    </>
  );
}

function Lines({ id }: { id: string }) {
  const state = useAsync(() => invoicesApi.detail(id), [id]);
  if (state.error) return <LoadError message={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading label="Chargement du détail" />;
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={`Lignes de la facture ${state.data.number}`}>
      {state.data.lines.map((l, i) => (
        <Box component="li" key={i} sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 1, py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
          <span>
            <strong>{formatDate(l.date)}</strong> — {l.childName} — {l.label}
          </span>
          <span>
            {String(l.quantity).replace('.', ',')} × {formatEuros(l.unitPriceCents)} = <strong>{formatEuros(l.amountCents)}</strong>
          </span>
        </Box>
      ))}
    </Box>
  );
}

export function InvoiceCard({ invoice, headingLevel = 3, compact = false }: { invoice: InvoiceSummary; headingLevel?: 2 | 3 | 4; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const credit = invoice.kind === 'credit_note';
  const title = `${credit ? 'Avoir' : 'Facture'} ${invoice.number}`;
  return (
    <Box component="article" aria-label={title} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: { xs: 1.5, sm: 2 }, mb: 1.5 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography component={`h${headingLevel}`} variant="h3" sx={{ fontSize: '1.1rem', fontWeight: 700, wordBreak: 'break-word' }}>
          {title}
        </Typography>
        <Chip label={invoice.statusLabel} color={statusColor(invoice)} size="small" />
      </Box>
      <Typography variant="body2" color="text.secondary">
        Période : {invoice.periodLabel} — émise le {formatDate(invoice.issuedAt)}
        {invoice.creditFor ? ` — annule la facture ${invoice.creditFor.number}` : ''}
        {invoice.creditNote ? ` — annulée par l’avoir ${invoice.creditNote.number}` : ''}
      </Typography>
      {isToPay(invoice) && invoice.collectionMethod === 'online' && invoice.onlinePaymentUntil && (
        <Typography sx={{ mt: 0.5 }}>
          {invoice.payable
            ? `Payer jusqu'au ${formatDate(invoice.onlinePaymentUntil)}`
            : `Le paiement en ligne était possible jusqu'au ${formatDate(invoice.onlinePaymentUntil)} : réglez cette facture auprès de la régie.`}
        </Typography>
      )}
      {isToPay(invoice) && invoice.collectionMethod === 'direct_debit' && (
        <Typography sx={{ mt: 0.5 }}>Prélèvement automatique le {formatDate(invoice.dueDate)} : vous n’avez rien à faire.</Typography>
      )}
      <Typography sx={{ fontWeight: 700, mt: 0.5 }}>
        TOTAL : {formatEuros(invoice.totalCents)}
        {invoice.paidCents > 0 && invoice.status === 'open' ? ` (reste à payer : ${formatEuros(invoice.remainingCents)})` : ''}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
        {invoice.payable && <PayButton invoice={invoice} />}
        <Button size="small" variant="outlined" href={invoicesApi.pdfUrl(invoice.id)} download aria-label={`Télécharger ${credit ? 'l’avoir' : 'la facture'} ${invoice.number} (PDF)`}>
          Télécharger (PDF)
        </Button>
        {!compact && (
          <Button size="small" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)} aria-label={`${open ? 'Masquer' : 'Voir'} le détail : ${title}`}>
            {open ? 'Masquer le détail' : 'Voir le détail'}
          </Button>
        )}
      </Box>
      {!compact && (
        <Box id={detailId} hidden={!open} sx={{ mt: 1 }}>
          {open && <Lines id={invoice.id} />}
        </Box>
      )}
    </Box>
  );
}
