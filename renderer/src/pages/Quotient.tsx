// "Mon Quotient": the family quotient on file (its computation comes in a later issue).
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { formatDate } from '../format.js';
import { Empty, Facts, LoadError, Loading, PageHeading, Section } from '../ui.js';

export default function Quotient() {
  const family = useAsync(() => api.family());
  const quotient = family.data?.quotient;
  return (
    <>
      <PageHeading title="Mon Quotient" />
      <Section title="Quotient familial" id="quotient">
        {family.loading && <Loading />}
        {family.error && <LoadError message={family.error} onRetry={family.reload} />}
        {family.data && (quotient?.value !== undefined ? (
          <Facts rows={[['Quotient familial', String(quotient.value)], ['Valable du', formatDate(quotient.validFrom)], ['Jusqu’au', formatDate(quotient.validTo)]]} />
        ) : (
          <Empty>Aucun quotient familial n’est enregistré : le tarif le plus élevé s’applique.</Empty>
        ))}
      </Section>
    </>
  );
}
