// The page of the mailed link (/reinitialiser?token=…): new password + confirmation with the
// strength meter, "Modifier votre mot de passe", then a confirmation message.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import { api } from '../api.js';
import { useSearchParam } from '../router.js';
import { PageHeading } from '../ui.js';
import { PasswordFields } from '../password/PasswordFields.js';
import { fieldMessages } from '../useSubmit.js';

export default function ResetPassword() {
  const token = useSearchParam('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setErrors({});
    if (password !== confirmation) {
      setErrors({ confirmation: 'Les deux mots de passe ne sont pas identiques.' });
      return;
    }
    setBusy(true);
    try {
      const result = await api.resetPassword(token, password, confirmation);
      setDone(result?.message ?? 'Votre mot de passe a été mis à jour.');
    } catch (e) {
      setErrors(fieldMessages(e));
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ maxWidth: 520, mx: 'auto' }}>
      <PageHeading title="Choisir votre mot de passe" />
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        {!token ? (
          <Alert severity="error">
            Ce lien est incomplet. <Link href="/mot-de-passe">Demandez un nouveau lien</Link>.
          </Alert>
        ) : done ? (
          <Alert severity="success" role="status">
            {done} Vous pouvez maintenant vous connecter. <Link href="/connexion">Se connecter</Link>
          </Alert>
        ) : (
          <Box component="form" onSubmit={submit} noValidate>
            {error && (
              <Alert severity="error" role="alert" sx={{ mb: 1 }}>
                {error} {/lien|token|expir/i.test(error) && <Link href="/mot-de-passe">Demander un nouveau lien</Link>}
              </Alert>
            )}
            <PasswordFields password={password} confirmation={confirmation} onPassword={setPassword} onConfirmation={setConfirmation} errors={errors} />
            <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 2 }}>
              Modifier votre mot de passe
            </Button>
          </Box>
        )}
      </Paper>
    </Box>
  );
}
