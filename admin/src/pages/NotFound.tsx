import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { paths } from '../paths.js';
import { PageHeading } from '../ui.js';

export default function NotFound() {
  return (
    <>
      <PageHeading title="Page introuvable" tabTitle="Page introuvable" />
      <Typography sx={{ mb: 2 }}>L’adresse demandée ne correspond à aucune page de l’espace agents.</Typography>
      <Link href={paths.queues}>Revenir aux files de traitement</Link>
    </>
  );
}
