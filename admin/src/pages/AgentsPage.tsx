// Agents (administrators only): the municipality's staff accounts, creating one (it receives
// a first-connection link by mail), disabling and enabling (a disabled account loses its
// sessions at once).
import { useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { formatDate } from '../../../renderer/src/format.js';
import { useSession } from '../../../renderer/src/session.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { adminApi, ApiError, type StaffMember } from '../api.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { LiveRegion, PageHeading, errorMessage } from '../ui.js';
import { useFocusAfterRender } from '../../../renderer/src/useFocusAfterRender.js';

const ROLE_LABEL = { agent: 'Agent', admin: 'Administrateur' } as const;

function CreateStaffForm({ onCreated }: { onCreated: (message: string) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'agent' | 'admin'>('agent');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; displayName?: string; form?: string }>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = 'Saisissez une adresse mail valide (exemple : prenom.nom@commune.fr).';
    if (displayName.trim().length < 2) found.displayName = 'Saisissez le prénom et le nom de l’agent.';
    setErrors(found);
    if (found.email || found.displayName) {
      document.getElementById(found.email ? 'staff-email' : 'staff-name')?.focus();
      return;
    }
    setBusy(true);
    try {
      await adminApi.createStaff({ email: email.trim(), displayName: displayName.trim(), role });
      onCreated(`Compte créé pour ${displayName.trim()} : un lien de première connexion est envoyé à ${email.trim()}.`);
      setEmail('');
      setDisplayName('');
      setRole('agent');
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldErrors.find((f) => f.instancePath === '/email') : undefined;
      setErrors(field ? { email: errorMessage(err) } : { form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="create-title">
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '2fr 2fr 1fr' } }}>
        <TextField id="staff-name" size="small" label="Prénom et nom" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={Boolean(errors.displayName)} helperText={errors.displayName ?? ' '} slotProps={{ htmlInput: { maxLength: 100 } }} />
        <TextField id="staff-email" size="small" type="email" label="Adresse mail" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={Boolean(errors.email)} helperText={errors.email ?? ' '} slotProps={{ htmlInput: { maxLength: 254 } }} />
        <TextField size="small" select label="Rôle" value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'agent')} slotProps={{ select: { native: true } }} helperText=" ">
          <option value="agent">Agent</option>
          <option value="admin">Administrateur</option>
        </TextField>
      </Box>
      {errors.form && <Alert severity="error" role="alert" sx={{ mb: 1 }}>{errors.form}</Alert>}
      <Button type="submit" variant="contained" disabled={busy}>Créer le compte</Button>
    </Box>
  );
}

function StaffTable({ staff, selfId, onToggle, onReset, busyId }: { staff: StaffMember[]; selfId: string; onToggle: (s: StaffMember) => void; onReset: (s: StaffMember) => void; busyId: string | null }) {
  if (!staff.length) return <Empty>Aucun compte.</Empty>;
  return (
    <ScrollTable labelId="staff-caption">
      <Table size="small" sx={{ minWidth: 640 }}>
        <caption id="staff-caption" className="visually-hidden">Comptes des agents et administrateurs</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Nom</TableCell>
            <TableCell component="th" scope="col">Adresse mail</TableCell>
            <TableCell component="th" scope="col">Rôle</TableCell>
            <TableCell component="th" scope="col">Créé le</TableCell>
            <TableCell component="th" scope="col">État</TableCell>
            <TableCell component="th" scope="col">Action</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {staff.map((s) => (
            <TableRow key={s.id}>
              <TableCell component="th" scope="row">{s.displayName}</TableCell>
              <TableCell sx={{ wordBreak: 'break-all' }}>{s.email}</TableCell>
              <TableCell>{ROLE_LABEL[s.role] ?? s.role}</TableCell>
              <TableCell>{formatDate(s.createdAt)}</TableCell>
              <TableCell>{s.disabled ? 'Désactivé' : 'Actif'}{s.secondFactor ? ' · double authentification' : ''}</TableCell>
              <TableCell>
                {s.id === selfId ? (
                  'Votre compte'
                ) : (
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                    <Button size="small" variant="outlined" color={s.disabled ? 'primary' : 'error'} disabled={busyId === s.id} onClick={() => onToggle(s)} aria-label={`${s.disabled ? 'Réactiver' : 'Désactiver'} le compte de ${s.displayName}`}>
                      {s.disabled ? 'Réactiver' : 'Désactiver'}
                    </Button>
                    {s.secondFactor && (
                      <Button size="small" variant="outlined" disabled={busyId === s.id} onClick={() => onReset(s)} aria-label={`Réinitialiser la double authentification de ${s.displayName}`}>
                        Réinitialiser la double authentification
                      </Button>
                    )}
                  </Box>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

export default function AgentsPage() {
  const { user } = useSession();
  const staff = useAsync(() => adminApi.staff(), []);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const say = (severity: 'success' | 'error', text: string) => {
    setMessage({ severity, text });
    focusAfterRender(() => messageRef.current);
  };

  const toggle = async (s: StaffMember) => {
    setBusyId(s.id);
    try {
      await adminApi.setStaffDisabled(s.id, !s.disabled);
      say('success', s.disabled ? `Le compte de ${s.displayName} est réactivé.` : `Le compte de ${s.displayName} est désactivé : ses sessions sont fermées.`);
      staff.reload();
    } catch (e) {
      say('error', errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const reset = async (s: StaffMember) => {
    if (!window.confirm(`Réinitialiser la double authentification de ${s.displayName} ? Ses sessions seront fermées et il devra l’activer de nouveau.`)) return;
    setBusyId(s.id);
    try {
      await adminApi.resetSecondFactor(s.id);
      say('success', `La double authentification de ${s.displayName} est réinitialisée : ses sessions sont fermées, il l’activera de nouveau à sa prochaine connexion.`);
      staff.reload();
    } catch (e) {
      say('error', errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <PageHeading title="Agents" tabTitle="Agents" />
      <LiveRegion>
        {message && (
          <Alert ref={messageRef} tabIndex={-1} severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
            {message.text}
          </Alert>
        )}
      </LiveRegion>
      <Section title="Créer un compte" id="create-title">
        <CreateStaffForm
          onCreated={(text) => {
            say('success', text);
            staff.reload();
          }}
        />
      </Section>
      <Section title="Comptes" id="staff-title">
        {staff.error ? <LoadError message={staff.error} onRetry={staff.reload} /> : !staff.data ? <Loading /> : <StaffTable staff={staff.data} selfId={user?.id ?? ''} onToggle={toggle} onReset={reset} busyId={busyId} />}
      </Section>
    </>
  );
}
