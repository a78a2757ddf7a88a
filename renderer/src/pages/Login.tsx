// "Se connecter": e-mail + password. Shown in place of any page that needs a session.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { useRouter, useSearchParam } from '../router.js';
import { useSession } from '../session.js';
import { PageHeading } from '../ui.js';

export default function Login() {
  const { refresh } = useSession();
  const { location, navigate } = useRouter();
  const loggedOut = useSearchParam('deconnecte') === '1';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(email.trim(), password);
      await refresh();
      if (location.pathname === '/connexion') navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('login-error')?.focus());
    }
  };

  return (
    <Box sx={{ maxWidth: 480, mx: 'auto' }}>
      <PageHeading title="Se connecter" />
      {loggedOut && <Alert severity="info" sx={{ mb: 2 }}>Vous êtes déconnecté. À bientôt !</Alert>}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Box component="form" onSubmit={submit} noValidate aria-labelledby="login-form-title">
          <Typography id="login-form-title" component="h2" variant="h2" sx={{ mb: 1 }}>
            Vos identifiants
          </Typography>
          {error && (
            <Alert id="login-error" severity="error" role="alert" tabIndex={-1} sx={{ mb: 1 }}>
              {error}
            </Alert>
          )}
          <TextField label="Adresse mail" type="email" autoComplete="username" required fullWidth margin="normal" value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField label="Mot de passe" type="password" autoComplete="current-password" required fullWidth margin="normal" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" variant="contained" fullWidth size="large" disabled={busy} sx={{ mt: 2 }}>
            Se connecter
          </Button>
        </Box>
        <Box sx={{ mt: 3 }}>
          <Typography>Première connexion ou mot de passe oublié ?</Typography>
          <Link href="/mot-de-passe">Générer un mot de passe</Link>
        </Box>
      </Paper>
    </Box>
  );
}
