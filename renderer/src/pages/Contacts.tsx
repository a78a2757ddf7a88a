// "Mes contacts": people allowed to pick the children up or to be called in an emergency.
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { Empty, LoadError, Loading, PageHeading, Section } from '../ui.js';

const yes = (v?: boolean) => (v ? 'Oui' : 'Non');

export default function Contacts() {
  const family = useAsync(() => api.family());
  const contacts = family.data?.contacts ?? [];
  return (
    <>
      <PageHeading title="Mes contacts" />
      <Section title="Contacts enregistrés sur la famille" id="contacts">
        {family.loading && <Loading />}
        {family.error && <LoadError message={family.error} onRetry={family.reload} />}
        {family.data && contacts.length === 0 && <Empty>Aucun contact enregistré.</Empty>}
        {contacts.length > 0 && (
          <Box sx={{ overflowX: 'auto' }}>
            <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', p: 1, borderBottom: 1, borderColor: 'divider' } }}>
              <caption className="visually-hidden">Contacts de la famille</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Lien</th>
                  <th scope="col">Téléphones</th>
                  <th scope="col">Peut venir chercher les enfants</th>
                  <th scope="col">À prévenir en cas d’urgence</th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c, i) => (
                  <tr key={c.id ?? i}>
                    <th scope="row">{[c.firstName, c.lastName].filter(Boolean).join(' ')}</th>
                    <td>{c.relation}</td>
                    <td>{[c.mobilePhone, c.homePhone].filter(Boolean).join(' / ')}</td>
                    <td>{yes(c.canPickUp)}</td>
                    <td>{yes(c.emergencyContact)}</td>
                  </tr>
                ))}
              </tbody>
            </Box>
          </Box>
        )}
        <Typography sx={{ mt: 2 }}>
          Pour ajouter, modifier ou supprimer un contact : démarche <Link href="/demarches/05">05 - Je modifie la liste de mes contacts</Link>.
        </Typography>
      </Section>
    </>
  );
}
