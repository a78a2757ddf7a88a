// A parent's session in the back office: nothing here is for families.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRouter } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { adminApi } from '../api.js';
import { paths } from '../paths.js';
import { PageHeading } from '../ui.js';

export function StaffOnlyNotice() {
  const { refresh } = useSession();
  const { navigate } = useRouter();
  const signOut = async () => {
    await adminApi.logout();
    await refresh();
    navigate(paths.login);
  };
  return (
    <Box sx={{ maxWidth: 640, mx: 'auto' }}>
      <PageHeading title="Espace réservé au personnel de la commune" tabTitle="Accès réservé" />
      <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
        Cet espace est réservé aux agents de la commune. Votre compte est un compte famille : vos démarches se font sur le Portail Famille.
      </Alert>
      <Typography sx={{ mb: 2 }}>Vous pouvez rejoindre votre espace famille ou vous déconnecter pour utiliser un compte d’agent.</Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        {/* A plain link: the parents' app is another application (full page load). */}
        <Button variant="contained" component="a" href="/" onClick={(e: React.MouseEvent) => { e.preventDefault(); window.location.assign('/'); }}>
          Aller au Portail Famille
        </Button>
        <Button variant="outlined" onClick={signOut}>Se déconnecter</Button>
      </Box>
    </Box>
  );
}

export default function StaffOnly() {
  return <StaffOnlyNotice />;
}
