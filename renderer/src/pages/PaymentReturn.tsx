// Retour de paiement: where the provider sends the parent back. Shows the result in words
// (payé, refusé, abandonné, expiré); while the provider's notification is on its way the
// page asks again a few times, then says the result will show in Mes factures.
import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link, useSearchParam } from '../router.js';
import { LoadError, Loading, PageHeading, Section } from '../ui.js';
import { paymentsApi, type Payment } from '../payments.js';

const euros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

const RESULT: Record<Payment['status'], { severity: 'success' | 'error' | 'warning' | 'info'; title: string; text: string }> = {
  paid: { severity: 'success', title: 'Paiement accepté', text: 'Votre paiement a bien été enregistré. La facture apparaît comme payée dans Mes factures.' },
  refused: { severity: 'error', title: 'Paiement refusé', text: 'Votre banque a refusé le paiement. Aucun montant n’a été débité. Vous pouvez réessayer depuis Mes factures.' },
  abandoned: { severity: 'warning', title: 'Paiement abandonné', text: 'Vous avez abandonné le paiement. Aucun montant n’a été débité. Vous pouvez le reprendre depuis Mes factures.' },
  expired: { severity: 'warning', title: 'Paiement expiré', text: 'Le délai de 15 minutes pour payer est dépassé : la facture reste à payer. Vous pouvez relancer le paiement depuis Mes factures.' },
  review: { severity: 'info', title: 'Paiement reçu hors délai', text: 'Le paiement est arrivé après le délai de 15 minutes. La régie va le traiter et reviendra vers vous si nécessaire.' },
  pending: { severity: 'info', title: 'Paiement en cours de traitement', text: 'Nous attendons la confirmation du service de paiement.' },
};

const MAX_TRIES = 8;

export default function PaymentReturn() {
  const id = useSearchParam('paiement') ?? '';
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tries, setTries] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      setError('Ce lien de retour de paiement est incomplet.');
      return;
    }
    let live = true;
    paymentsApi.get(id).then(
      (p) => {
        if (!live) return;
        setPayment(p);
        if (p.status === 'pending' && tries < MAX_TRIES) timer.current = window.setTimeout(() => setTries((n) => n + 1), 1500);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      window.clearTimeout(timer.current);
    };
  }, [id, tries]);

  const result = payment && RESULT[payment.status];
  return (
    <>
      <PageHeading title="Retour de paiement" />
      <Section title={payment?.invoiceNumber ? `Facture ${payment.invoiceNumber}` : 'Votre paiement'} id="retour-paiement">
        {error && <LoadError message={error} />}
        {!error && !payment && <Loading label="Vérification du paiement" />}
        <div role="status" aria-live="polite">
          {result && payment && (
            <Alert severity={result.severity} sx={{ mb: 2 }}>
              <Typography component="p" sx={{ fontWeight: 700 }}>{result.title}</Typography>
              <Typography component="p">{result.text}</Typography>
              <Typography component="p" sx={{ mt: 1 }}>Montant : {euros(payment.amountCents)} — référence {payment.reference}</Typography>
              {payment.status === 'pending' && tries >= MAX_TRIES && (
                <Typography component="p" sx={{ mt: 1 }}>La confirmation tarde : le résultat apparaîtra dans Mes factures dès qu’il nous parviendra.</Typography>
              )}
            </Alert>
          )}
        </div>
        <Button component={Link} href="/factures" variant="contained">Retour à Mes factures</Button>
      </Section>
    </>
  );
}
