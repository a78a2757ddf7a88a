// An agent on an administrators' page.
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { paths } from '../paths.js';
import { PageHeading } from '../ui.js';

export default function AdminsOnly() {
  return (
    <>
      <PageHeading title="Page réservée aux administrateurs" tabTitle="Accès réservé" />
      <Alert severity="warning" sx={{ mb: 2 }}>La gestion des agents est réservée aux administrateurs de la commune.</Alert>
      <Link href={paths.queues}>Revenir aux files de traitement</Link>
    </>
  );
}
