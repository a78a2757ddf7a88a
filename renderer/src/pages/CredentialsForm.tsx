// E-mail + password, as both sign-in pages ask them: a refusal is announced and focused, the
// button stays disabled while the server answers.
import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSubmit } from '../useSubmit.js';

interface Props {
  title: string;
  /** Under the title, before the fields. */
  intro?: ReactNode;
  /** Signs in; a rejection's message is shown. Resolves once the page can move on. */
  signIn: (email: string, password: string) => Promise<void>;
}

export function CredentialsForm({ title, intro, signIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(() => signIn(email.trim(), password), 'login-error');

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="login-form-title">
      <Typography id="login-form-title" component="h2" variant="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {intro}
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
  );
}
