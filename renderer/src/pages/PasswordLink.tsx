// "Générer un mot de passe": the parent gives the address known to the family account; the
// server mails a single-use link (same answer whether the address exists or not).
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { PageHeading } from '../ui.js';
import { useSubmit } from '../useSubmit.js';

export default function PasswordLink() {
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, fields, submit } = useSubmit(async () => {
    const result = await api.passwordLink(email.trim());
    setDone(result?.message ?? 'Si cette adresse est connue de votre compte famille, un lien vient de vous être envoyé par mail. Il est valable une seule fois.');
  }, 'password-link-error');

  return (
    <Box sx={{ maxWidth: 520, mx: 'auto' }}>
      <PageHeading title="Générer un mot de passe" />
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        {done ? (
          <Alert severity="success" role="status">
            {done}
            <Typography sx={{ mt: 1 }}>Cliquez sur le lien présent dans le mail pour choisir votre mot de passe.</Typography>
          </Alert>
        ) : (
          <Box component="form" onSubmit={submit} noValidate>
            <Typography>
              Saisissez l’adresse mail connue de votre compte famille : vous recevrez un lien pour choisir votre mot de passe. Valable aussi en cas d’oubli.
            </Typography>
            {error && <Alert id="password-link-error" severity="error" role="alert" tabIndex={-1} sx={{ mt: 2 }}>{error}</Alert>}
            <TextField
              label="Adresse mail" type="email" autoComplete="email" required fullWidth margin="normal" value={email} onChange={(e) => setEmail(e.target.value)}
              error={Boolean(fields.email)} helperText={fields.email}
            />
            <Button type="submit" variant="contained" disabled={busy || !email.trim()} sx={{ mt: 1 }}>
              Enregistrer
            </Button>
          </Box>
        )}
        <Box sx={{ mt: 3 }}>
          <Link href="/connexion">Retour à « Se connecter »</Link>
        </Box>
      </Paper>
    </Box>
  );
}
