// "Planning": the reservation calendar (a later issue).
import Link from '@mui/material/Link';
import { Empty, PageHeading, Section } from '../ui.js';

export default function Planning() {
  return (
    <>
      <PageHeading title="Planning" tabTitle="Planning de réservation" />
      <Section title="Mon planning de réservation" id="planning">
        <Empty>
          Aucune activité à réserver pour le moment. L’inscription à une activité (démarche <Link href="/demarches/09">09</Link>) est nécessaire avant de réserver.
        </Empty>
      </Section>
    </>
  );
}
