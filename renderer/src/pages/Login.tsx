// "Se connecter": e-mail + password. Shown in place of any page that needs a session.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { useRouter, useSearchParam } from '../router.js';
import { useSession } from '../session.js';
import { PageHeading } from '../ui.js';
import { CredentialsForm } from './CredentialsForm.js';

export default function Login() {
  const { refresh } = useSession();
  const { location, navigate } = useRouter();
  const loggedOut = useSearchParam('deconnecte') === '1';

  const signIn = async (email: string, password: string) => {
    await api.login(email, password);
    await refresh();
    if (location.pathname === '/connexion') navigate('/', { replace: true });
  };

  return (
    <Box sx={{ maxWidth: 480, mx: 'auto' }}>
      <PageHeading title="Se connecter" />
      {loggedOut && <Alert severity="info" sx={{ mb: 2 }}>Vous êtes déconnecté. À bientôt !</Alert>}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <CredentialsForm title="Vos identifiants" signIn={signIn} />
        <Box sx={{ mt: 3 }}>
          <Typography>Première connexion ou mot de passe oublié ?</Typography>
          <Link href="/mot-de-passe">Générer un mot de passe</Link>
        </Box>
      </Paper>
    </Box>
  );
}
