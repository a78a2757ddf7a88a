// "Mes enfants": the children of the household, each opening its sheet.
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { formatDate } from '../format.js';
import { Empty, LoadError, Loading, PageHeading, Section } from '../ui.js';

export default function Children() {
  const family = useAsync(() => api.family());
  const children = family.data?.children ?? [];
  return (
    <>
      <PageHeading title="Mes enfants" />
      <Section title="Enfants du foyer" id="enfants">
        {family.loading && <Loading />}
        {family.error && <LoadError message={family.error} onRetry={family.reload} />}
        {family.data && children.length === 0 && <Empty>Aucun enfant n’est enregistré sur votre compte famille.</Empty>}
        <List disablePadding>
          {children.map((child, i) => (
            <ListItem key={child.id ?? i} disablePadding divider>
              <ListItemButton href={`/enfants/${encodeURIComponent(child.id ?? String(i))}`}>
                <ListItemText
                  primary={[child.firstName, child.lastName].filter(Boolean).join(' ')}
                  secondary={[child.birthDate && `né(e) le ${formatDate(child.birthDate)}`, child.schooling?.schoolName].filter(Boolean).join(' — ')}
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      </Section>
    </>
  );
}
