// "Double authentification": enrolment of the authenticator app (QR code, or the key typed
// by hand), confirmation with a first code, the recovery codes shown once; later, the state
// and new recovery codes. In production an agent without it lands here after the password.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSession } from '../../../renderer/src/session.js';
import { Loading } from '../../../renderer/src/ui.js';
import { useSubmit } from '../../../renderer/src/useSubmit.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { paths } from '../paths.js';
import { secondFactorApi, type Enrolment, type SecondFactorStatus } from './api.js';

function CodeForm({ label, onCode }: { label: string; onCode: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(() => onCode(code.replace(/\s+/g, '')), 'second-factor-error');
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ maxWidth: 360 }}>
      {error && (
        <Alert id="second-factor-error" severity="error" role="alert" tabIndex={-1} sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      <TextField
        label="Code à 6 chiffres" autoComplete="one-time-code" required fullWidth margin="normal" value={code}
        onChange={(e) => setCode(e.target.value)} slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6 } }}
      />
      <Button type="submit" variant="contained" disabled={busy}>
        {label}
      </Button>
    </Box>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, my: 2 }}>
      <Typography component="h2" variant="h2" sx={{ mb: 1 }}>
        Vos codes de secours
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Conservez-les en lieu sûr (ils ne seront plus affichés). Chacun permet une seule connexion si vous n’avez plus votre téléphone.
      </Typography>
      <Box component="ul" aria-label="Codes de secours" sx={{ fontFamily: 'monospace', fontSize: '1.1rem', columns: { xs: 1, sm: 2 }, pl: 3 }}>
        {codes.map((c) => <li key={c}>{c}</li>)}
      </Box>
    </Paper>
  );
}

export default function SecondFactorPage() {
  const { user, refresh } = useSession();
  const [status, setStatus] = useState<SecondFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = () => secondFactorApi.status().then(setStatus, (e: unknown) => setError(errorMessage(e)));
  useEffect(() => {
    void load();
  }, []);

  const start = async () => {
    setError(null);
    try {
      setEnrolment(await secondFactorApi.setup());
      setMessage('QR code affiché : scannez-le avec votre application d’authentification.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const confirm = async (code: string) => {
    const result = await secondFactorApi.confirm(code);
    setCodes(result.recoveryCodes);
    setEnrolment(null);
    setMessage('La double authentification est activée.');
    // A session waiting for this enrolment is complete now; it is read again once the codes are noted.
    await load();
  };

  const renew = async (code: string) => {
    const result = await secondFactorApi.renew(code);
    setCodes(result.recoveryCodes);
    setMessage('Nouveaux codes de secours créés ; les anciens ne fonctionnent plus.');
    await load();
  };

  return (
    <>
      <PageHeading title="Double authentification" tabTitle="Double authentification" />
      <LiveRegion>{message}</LiveRegion>
      {user?.pending === 'enrol' && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Activez la double authentification pour accéder au back office : elle est obligatoire pour les agents et les administrateurs.
        </Alert>
      )}
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {!status ? (
        !error && <Loading />
      ) : status.enabled ? (
        <>
          <Alert severity="success" sx={{ mb: 2 }}>
            La double authentification est activée. Codes de secours restants : {status.recoveryCodesLeft}.
          </Alert>
          {codes && <RecoveryCodes codes={codes} />}
          {codes && user?.pending && (
            <Button variant="contained" sx={{ mb: 2 }} onClick={() => void refresh()}>
              J’ai noté mes codes : continuer
            </Button>
          )}
          {codes && user && !user.pending && <Button href={paths.queues} variant="outlined" sx={{ mb: 2 }}>Aller aux files de traitement</Button>}
          <Typography component="h2" variant="h2" sx={{ mt: 2 }}>
            Nouveaux codes de secours
          </Typography>
          <Typography variant="body2">Saisissez le code actuel de votre application pour remplacer vos codes de secours.</Typography>
          <CodeForm label="Créer de nouveaux codes" onCode={renew} />
        </>
      ) : enrolment ? (
        <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography component="h2" variant="h2" sx={{ mb: 1 }}>
            1. Scannez le QR code
          </Typography>
          <Typography variant="body2">Avec une application d’authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…).</Typography>
          <Box component="img" src={enrolment.qrCode} alt="QR code à scanner avec votre application d’authentification" sx={{ width: 220, height: 220, display: 'block', my: 2 }} />
          <Typography variant="body2">
            Sans appareil photo, saisissez cette clé dans l’application :
          </Typography>
          <Box component="code" sx={{ display: 'block', wordBreak: 'break-all', fontSize: '1.05rem', my: 1 }} aria-label="Clé secrète">
            {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
          </Box>
          <Typography component="h2" variant="h2" sx={{ mt: 2 }}>
            2. Saisissez le code affiché
          </Typography>
          <CodeForm label="Activer" onCode={confirm} />
        </Paper>
      ) : (
        <>
          <Typography sx={{ mb: 2 }}>
            À chaque connexion, après votre mot de passe, le portail demandera le code à 6 chiffres affiché par une application d’authentification de votre téléphone.
          </Typography>
          {codes && <RecoveryCodes codes={codes} />}
          <Button variant="contained" onClick={() => void start()}>
            Activer la double authentification
          </Button>
        </>
      )}
    </>
  );
}
