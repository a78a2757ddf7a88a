// "Mon profil": Mon Compte (e-mail change), Mon mot de passe, Mes données personnelles.
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api, type Address, type Family } from '../api.js';
import { useAsync } from '../useAsync.js';
import { formatDate } from '../format.js';
import { Facts, LoadError, Loading, PageHeading, Section } from '../ui.js';
import { PasswordFields } from '../password/PasswordFields.js';
import { fieldMessages } from '../useSubmit.js';

export const addressText = (a?: Address) => (a ? [a.street, a.complement, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : '');

export default function Profile() {
  const me = useAsync(() => api.me());
  const family = useAsync(() => api.family());
  return (
    <>
      <PageHeading title="Mon profil" />
      <nav aria-label="Sections du profil">
        <Box component="ul" sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', listStyle: 'none', p: 0, mt: 0, mb: 2 }}>
          <li><Link href="#mon-compte" component="a">Mon Compte</Link></li>
          <li><Link href="#mon-mot-de-passe" component="a">Mon mot de passe</Link></li>
          <li><Link href="#mes-donnees" component="a">Mes données personnelles</Link></li>
        </Box>
      </nav>
      <Section title="Mon Compte" id="mon-compte">
        {me.loading && <Loading />}
        {me.error && <LoadError message={me.error} onRetry={me.reload} />}
        {me.data && <EmailForm current={me.data.email} />}
      </Section>
      <Section title="Mon mot de passe" id="mon-mot-de-passe">
        <PasswordForm email={me.data?.email} />
      </Section>
      <Section title="Mes données personnelles" id="mes-donnees">
        {family.loading && <Loading />}
        {family.error && <LoadError message={family.error} onRetry={family.reload} />}
        {family.data && <PersonalData family={family.data} />}
        <Typography sx={{ mt: 2 }}>
          Vous pouvez obtenir une copie de toutes les données que le portail conserve sur votre famille (droit d’accès) :{' '}
          <Link href="/api/me/export" download>télécharger mes données (fichier JSON)</Link>.
        </Typography>
      </Section>
    </>
  );
}

function EmailForm({ current }: { current: string }) {
  const [email, setEmail] = useState(current);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.changeEmail(email.trim());
      setMessage({ ok: true, text: result?.message ?? `Un lien de confirmation a été envoyé à ${email.trim()} : votre courriel sera modifié quand vous l’aurez ouvert.` });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Typography>Vous pouvez vérifier, éditer ou modifier votre courriel.</Typography>
      <TextField label="Courriel" type="email" autoComplete="email" required fullWidth margin="normal" value={email} onChange={(e) => setEmail(e.target.value)} sx={{ maxWidth: 480 }} />
      {message && <Alert severity={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} sx={{ mb: 1 }}>{message.text}</Alert>}
      <Box>
        <Button type="submit" variant="contained" disabled={busy}>
          ENREGISTRER
        </Button>
      </Box>
    </Box>
  );
}

function PasswordForm({ email }: { email?: string }) {
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    if (password !== confirmation) {
      setErrors({ confirmation: 'Les deux mots de passe ne sont pas identiques.' });
      return;
    }
    setBusy(true);
    try {
      const result = await api.changePassword(currentPassword, password, confirmation);
      setMessage({ ok: true, text: result?.message ?? 'Votre mot de passe a été mis à jour.' });
      setCurrent('');
      setPassword('');
      setConfirmation('');
    } catch (e) {
      setErrors(fieldMessages(e));
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ maxWidth: 480 }}>
      <TextField
        label="Mot de passe actuel"
        type="password"
        autoComplete="current-password"
        required
        fullWidth
        margin="normal"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={Boolean(errors.currentPassword)}
        helperText={errors.currentPassword}
      />
      <PasswordFields password={password} confirmation={confirmation} onPassword={setPassword} onConfirmation={setConfirmation} userInputs={email ? [email] : []} errors={errors} />
      {message && <Alert severity={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} sx={{ mb: 1 }}>{message.text}</Alert>}
      <Button type="submit" variant="contained" disabled={busy}>
        Modifier votre mot de passe
      </Button>
    </Box>
  );
}

const yesNo = (v?: boolean) => (v === undefined ? '' : v ? 'Oui' : 'Non');
// Codes of the household record (engine/meta/household.schema.json, guardian.relation).
const RELATIONS: Record<string, string> = { mere: 'Mère', pere: 'Père', tuteur: 'Tuteur ou tutrice', autre: 'Autre' };

function PersonalData({ family }: { family: Family }) {
  return (
    <>
      <Facts
        rows={[
          ['Foyer', family.name],
          ['Adresse', addressText(family.address)],
          ['Adresse de facturation', addressText(family.billingAddress)],
          ['Téléphone du domicile', family.homePhone],
          ['Courriel du foyer', family.email],
          ['N° d’allocataire CAF', family.cafNumber],
          ['Accepte les mails', yesNo(family.consents?.email)],
          ['Accepte les SMS', yesNo(family.consents?.sms)],
          ['Prélèvement automatique', yesNo(family.directDebit)],
        ]}
      />
      {(family.guardians ?? []).map((g, i) => (
        <Box key={g.id ?? i} component="section" aria-labelledby={`guardian-${i}`} sx={{ mt: 2 }}>
          <Typography id={`guardian-${i}`} component="h3" variant="h3" sx={{ mb: 1 }}>
            {[g.civility, g.firstName, g.lastName].filter(Boolean).join(' ') || `Responsable ${i + 1}`}
          </Typography>
          <Facts
            rows={[
              ['Nom de naissance', g.birthName],
              ['Date de naissance', formatDate(g.birthDate)],
              ['Lien', g.relation ? RELATIONS[g.relation] ?? g.relation : ''],
              ['Courriel', g.email],
              ['Téléphone portable', g.mobilePhone],
              ['Téléphone professionnel', g.workPhone],
              ['Profession', g.profession],
              ['Employeur', g.employer],
            ]}
          />
        </Box>
      ))}
      <Typography sx={{ mt: 2 }}>
        Pour modifier ces informations, faites la démarche <Link href="/demarches/02">02 - Je mets à jour les informations de ma famille</Link> ou, pour l’adresse,{' '}
        <Link href="/demarches/04">04 - Je déclare mon changement d’adresse</Link>.
      </Typography>
    </>
  );
}
