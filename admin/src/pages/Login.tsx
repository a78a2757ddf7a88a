// "Connexion à l'espace agents": e-mail + password. Shown in place of any page when nobody
// is connected; a parent who signs in here is told the space is the municipality staff's.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useRouter, useSearchParam } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { adminApi } from '../api.js';
import { paths } from '../paths.js';
import { PageHeading } from '../ui.js';
import { CredentialsForm } from '../../../renderer/src/pages/CredentialsForm.js';
import { StaffOnlyNotice } from './StaffOnly.js';
import { CodeStep } from '../security/CodeStep.js';

export default function Login() {
  const { user, refresh } = useSession();
  const { location, navigate } = useRouter();
  const loggedOut = useSearchParam('deconnecte') === '1';

  if (user?.role === 'parent') return <StaffOnlyNotice />;
  const toQueues = () => {
    if (location.pathname.startsWith(paths.login)) navigate(paths.queues, { replace: true });
  };
  // Password given, second factor awaited (server/auth/totp.ts).
  if (user?.pending === 'totp') {
    return (
      <Box sx={{ maxWidth: 480, mx: 'auto' }}>
        <PageHeading title="Connexion à l’espace agents" tabTitle="Code de vérification" />
        <CodeStep onDone={toQueues} />
      </Box>
    );
  }

  const signIn = async (email: string, password: string) => {
    const { user: signedIn } = await adminApi.login(email, password);
    await refresh();
    if (signedIn.pending !== 'totp') toQueues();
  };

  return (
    <Box sx={{ maxWidth: 480, mx: 'auto' }}>
      <PageHeading title="Connexion à l’espace agents" tabTitle="Connexion" />
      {loggedOut && <Alert severity="info" sx={{ mb: 2 }}>Vous êtes déconnecté.</Alert>}
      {user && location.pathname.startsWith(paths.login) && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Vous êtes connecté en tant que {user.displayName}. <a href={paths.queues}>Aller aux files de traitement</a>
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <CredentialsForm
          title="Identifiants de la commune"
          intro={<Typography variant="body2" color="text.secondary">Espace réservé aux agents et administrateurs de la commune.</Typography>}
          signIn={signIn}
        />
      </Paper>
    </Box>
  );
}
