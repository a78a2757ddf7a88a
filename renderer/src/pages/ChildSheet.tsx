// A child's sheet (fiche enfant): identity, school, enrolments.
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { formatDate } from '../format.js';
import { Empty, Facts, LoadError, Loading, PageHeading, Section } from '../ui.js';

const SEX: Record<string, string> = { F: 'Fille', M: 'Garçon' };

export default function ChildSheet({ params }: { params: Record<string, string> }) {
  const family = useAsync(() => api.family());
  const children = family.data?.children ?? [];
  const child = children.find((c, i) => (c.id ?? String(i)) === params.id);
  if (family.loading) return <Loading />;
  if (family.error) return <LoadError message={family.error} onRetry={family.reload} />;
  if (!child) {
    return (
      <>
        <PageHeading title="Enfant introuvable" />
        <Typography><Link href="/enfants">Retour à Mes enfants</Link></Typography>
      </>
    );
  }
  const name = [child.firstName, child.lastName].filter(Boolean).join(' ');
  return (
    <>
      <PageHeading title={name || 'Fiche enfant'} tabTitle={`Fiche de ${name}`}>
        <Link href="/enfants">Retour à Mes enfants</Link>
      </PageHeading>
      <Section title="Identité" id="identite">
        <Facts rows={[['Prénom', child.firstName], ['Nom', child.lastName], ['Date de naissance', formatDate(child.birthDate)], ['Sexe', child.sex ? SEX[child.sex] ?? child.sex : '']]} />
      </Section>
      <Section title="Scolarité" id="scolarite">
        {child.schooling ? (
          <Facts rows={[['Année scolaire', child.schooling.schoolYear], ['Établissement', child.schooling.schoolName], ['Niveau', child.schooling.level], ['Classe', child.schooling.className]]} />
        ) : (
          <Empty>
            Aucun établissement enregistré pour cette année. Démarche <Link href="/demarches/08">08 - Établissement scolaire fréquenté</Link>.
          </Empty>
        )}
      </Section>
      <Section title="Inscriptions aux activités" id="inscriptions">
        {child.enrolments?.length ? (
          <List disablePadding>
            {child.enrolments.map((e, i) => (
              <ListItem key={e.id ?? i} disableGutters divider>
                {e.activityName} {e.schoolYear ? `(${e.schoolYear})` : ''}
              </ListItem>
            ))}
          </List>
        ) : (
          <Empty>Aucune inscription.</Empty>
        )}
      </Section>
    </>
  );
}
