// Activités: every activity with its capacity, deadlines and validation. Administrators open
// one to change it (or create one); agents go from here to its attendance list.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MuiLink from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import AddIcon from '@mui/icons-material/Add';
import { Link } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { PageHeading } from '../ui.js';
import { activitiesApi, KIND_LABEL, type Activity } from './api.js';
import { activityPaths, parisToday } from './paths.js';

function ActivityTable({ activities, canEdit }: { activities: Activity[]; canEdit: boolean }) {
  if (!activities.length) return <Empty>Aucune activité.</Empty>;
  return (
    <ScrollTable labelId="activities-caption">
      <Table size="small" sx={{ minWidth: 760 }}>
        <caption id="activities-caption" className="visually-hidden">Activités et leurs règles de réservation</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Activité</TableCell>
            <TableCell component="th" scope="col">Type</TableCell>
            <TableCell component="th" scope="col">Capacité</TableCell>
            <TableCell component="th" scope="col">Délai de réservation</TableCell>
            <TableCell component="th" scope="col">Délai d’annulation</TableCell>
            <TableCell component="th" scope="col">Validation</TableCell>
            <TableCell component="th" scope="col">État</TableCell>
            <TableCell component="th" scope="col">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {activities.map((a) => (
            <TableRow key={a.id}>
              <TableCell component="th" scope="row">
                {canEdit ? (
                  <MuiLink component={Link} href={activityPaths.edit(a.id)} aria-label={`Modifier l’activité ${a.name}`}>{a.name}</MuiLink>
                ) : a.name}
                <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.85em' }}>{a.code}</Box>
              </TableCell>
              <TableCell>{KIND_LABEL[a.kind] ?? a.kind}</TableCell>
              <TableCell>{a.capacity ?? 'Illimitée'}</TableCell>
              <TableCell>{a.deadlineRules.book}</TableCell>
              <TableCell>{a.deadlineRules.cancel}</TableCell>
              <TableCell>{a.validation === 'manual' ? 'Par un agent' : 'Automatique'}</TableCell>
              <TableCell>{a.active ? 'Ouverte' : 'Fermée'}</TableCell>
              <TableCell>
                <MuiLink component={Link} href={activityPaths.attendance(a.id, parisToday())} aria-label={`Présences du jour : ${a.name}`}>Présences</MuiLink>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

export default function ActivitiesPage() {
  const { user } = useSession();
  const activities = useAsync(() => activitiesApi.list(), []);
  const canEdit = user?.role === 'admin';
  return (
    <>
      <PageHeading title="Activités" tabTitle="Activités" />
      <Section
        title="Liste des activités"
        id="activities-title"
        action={canEdit ? <Button component={Link} href={activityPaths.create} variant="contained" startIcon={<AddIcon />}>Nouvelle activité</Button> : undefined}
      >
        {activities.error ? <LoadError message={activities.error} onRetry={activities.reload} /> : !activities.data ? <Loading /> : <ActivityTable activities={activities.data} canEdit={canEdit} />}
      </Section>
    </>
  );
}
