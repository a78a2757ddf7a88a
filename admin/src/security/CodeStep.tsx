// Second step of the staff login: the 6-digit code of the authenticator app, or a recovery code.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSession } from '../../../renderer/src/session.js';
import { useSubmit } from '../../../renderer/src/useSubmit.js';
import { secondFactorApi } from './api.js';

export function CodeStep({ onDone }: { onDone: () => void }) {
  const { refresh, logout } = useSession();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const { busy, error, setError, submit } = useSubmit(async () => {
    await secondFactorApi.verify(recovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s+/g, '') });
    await refresh();
    onDone();
  }, 'code-error');

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
      <Box component="form" onSubmit={submit} noValidate aria-labelledby="code-form-title">
        <Typography id="code-form-title" component="h2" variant="h2" sx={{ mb: 1 }}>
          Double authentification
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {recovery
            ? 'Saisissez un de vos codes de secours. Chaque code ne fonctionne qu’une fois.'
            : 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.'}
        </Typography>
        {error && (
          <Alert id="code-error" severity="error" role="alert" tabIndex={-1} sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
        {recovery ? (
          <TextField key="recovery" label="Code de secours" autoComplete="off" required fullWidth margin="normal" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        ) : (
          <TextField
            key="code" label="Code à 6 chiffres" autoComplete="one-time-code" required fullWidth margin="normal" value={value} autoFocus
            onChange={(e) => setValue(e.target.value)} slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6 } }}
          />
        )}
        <Button type="submit" variant="contained" fullWidth size="large" disabled={busy} sx={{ mt: 2 }}>
          Valider
        </Button>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mt: 2 }}>
          <Button type="button" onClick={() => { setRecovery(!recovery); setValue(''); setError(null); }}>
            {recovery ? 'Utiliser le code de l’application' : 'Utiliser un code de secours'}
          </Button>
          <Button type="button" color="inherit" onClick={() => void logout()}>
            Annuler
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
