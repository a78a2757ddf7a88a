import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { PageHeading } from '../ui.js';

export default function NotFound() {
  return (
    <>
      <PageHeading title="Page introuvable" />
      <Typography>
        Cette page n’existe pas. <Link href="/">Retour à Mon espace</Link>
      </Typography>
    </>
  );
}
