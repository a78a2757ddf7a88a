// "Mes factures": invoices paid and to pay (billing comes in a later issue).
import { Empty, PageHeading, Section } from '../ui.js';

export default function Invoices() {
  return (
    <>
      <PageHeading title="Mes factures" />
      <Section title="Consulter et payer mes factures en ligne" id="factures-a-payer">
        <Empty>Aucune facture à payer.</Empty>
      </Section>
      <Section title="Historique des factures" id="factures-historique">
        <Empty>Aucune facture pour le moment.</Empty>
      </Section>
    </>
  );
}
