// « Mes factures »: the invoices to pay (Payer jusqu'au …, TOTAL, PAYER) and the history of
// paid and cancelled ones and credit notes (avoirs), each with its PDF.
import Typography from '@mui/material/Typography';
import { formatEuros } from '../format.js';
import { useAsync } from '../useAsync.js';
import { Empty, LoadError, Loading, PageHeading, Section } from '../ui.js';
import { invoicesApi, isToPay } from '../invoices/client.js';
import { InvoiceCard } from '../invoices/InvoiceCard.js';

export default function Invoices() {
  const state = useAsync(() => invoicesApi.list());
  const items = state.data?.items ?? [];
  const toPay = items.filter(isToPay);
  const history = items.filter((i) => !isToPay(i));
  return (
    <>
      <PageHeading title="Mes factures" />
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {state.data && (
        <>
          <Section title={`Consulter et payer mes factures en ligne (${toPay.length})`} id="factures-a-payer">
            {toPay.length === 0 ? (
              <Empty>Aucune facture à payer.</Empty>
            ) : (
              <>
                <Typography sx={{ mb: 1 }}>
                  Reste à payer : <strong>{formatEuros(state.data.toPayCents)}</strong>
                </Typography>
                {toPay.map((i) => <InvoiceCard key={i.id} invoice={i} />)}
              </>
            )}
          </Section>
          <Section title="Historique des factures" id="factures-historique">
            {history.length === 0 ? <Empty>Aucune facture pour le moment.</Empty> : history.map((i) => <InvoiceCard key={i.id} invoice={i} />)}
          </Section>
        </>
      )}
    </>
  );
}
