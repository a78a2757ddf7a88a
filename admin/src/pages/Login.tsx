// "Connexion à l'espace agents": e-mail + password. Shown in place of any page when nobody
// is connected; a parent who signs in here is told the space is the municipality staff's.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRouter, useSearchParam } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { adminApi } from '../api.js';
import { paths } from '../paths.js';
import { PageHeading, errorMessage } from '../ui.js';
import { StaffOnlyNotice } from './StaffOnly.js';
import { CodeStep } from '../security/CodeStep.js';

export default function Login() {
  const { user, refresh } = useSession();
  const { location, navigate } = useRouter();
  const loggedOut = useSearchParam('deconnecte') === '1';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user: signedIn } = await adminApi.login(email.trim(), password);
      await refresh();
      if (signedIn.pending !== 'totp') toQueues();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('login-error')?.focus());
    }
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
        <Box component="form" onSubmit={submit} noValidate aria-labelledby="login-form-title">
          <Typography id="login-form-title" component="h2" variant="h2" sx={{ mb: 1 }}>
            Identifiants de la commune
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Espace réservé aux agents et administrateurs de la commune.
          </Typography>
          {error && (
            <Alert id="login-error" severity="error" role="alert" tabIndex={-1} sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
          <TextField label="Adresse mail" type="email" autoComplete="username" required fullWidth margin="normal" value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField label="Mot de passe" type="password" autoComplete="current-password" required fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" variant="contained" fullWidth size="large" disabled={busy} sx={{ mt: 2 }}>
            Se connecter
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
