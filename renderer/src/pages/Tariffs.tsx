// "Mes tarifs": the tariff grid of the children's activities (a later issue).
import { Empty, PageHeading, Section } from '../ui.js';

export default function Tariffs() {
  return (
    <>
      <PageHeading title="Mes tarifs" />
      <Section title="Grille tarifaire des activités" id="tarifs">
        <Empty>Aucun tarif à afficher : vos enfants ne sont inscrits à aucune activité pour le moment.</Empty>
      </Section>
    </>
  );
}
