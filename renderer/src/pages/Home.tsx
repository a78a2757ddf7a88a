// "Mon espace" (Accueil Portail famille): the démarches available, in progress and processed,
// the inbox, the invoices to pay, and shortcuts.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import EventIcon from '@mui/icons-material/Event';
import PersonIcon from '@mui/icons-material/Person';
import { api, type DossierListItem, type ProcedureSummary } from '../api.js';
import { useSession } from '../session.js';
import { useAsync } from '../useAsync.js';
import { formatDate, formatDateTime } from '../format.js';
import { Empty, LoadError, Loading, PageHeading, Section } from '../ui.js';
import { ProcedureActions } from './ProcedureActions.js';
import { invoicesApi, isToPay } from '../invoices/client.js';
import { InvoiceCard } from '../invoices/InvoiceCard.js';

export default function Home() {
  const { user } = useSession();
  return (
    <>
      <PageHeading title="Mon espace" tabTitle="Accueil Portail famille">
        {user?.displayName && <Typography>Bienvenue, {user.displayName}.</Typography>}
      </PageHeading>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Box sx={{ minWidth: 0 }}>
          <AvailableProcedures />
          <MyDossiers />
        </Box>
        <Box sx={{ minWidth: 0 }}>
          <Shortcuts />
          <InboxPreview />
          <InvoicesPreview />
        </Box>
      </Box>
    </>
  );
}

function AvailableProcedures() {
  const state = useAsync(() => api.procedures());
  const procedures = state.data ?? [];
  return (
    <Section title="Démarche(s) disponible(s)" id="demarches-disponibles">
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {!state.loading && !state.error && procedures.length === 0 && <Empty>Aucune démarche n’est disponible pour le moment.</Empty>}
      {procedures.length > 0 && (
        <List disablePadding aria-label="Démarches disponibles">
          {procedures.map((p) => (
            <ProcedureRow key={p.code} procedure={p} all={procedures} />
          ))}
        </List>
      )}
    </Section>
  );
}

function ProcedureRow({ procedure, all }: { procedure: ProcedureSummary; all: ProcedureSummary[] }) {
  const locked = !procedure.available && (procedure.subject !== 'child' || !procedure.children?.some((c) => c.available));
  return (
    <ListItem disableGutters divider sx={{ display: 'block', color: locked ? 'text.secondary' : 'inherit' }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Typography component="span" sx={{ fontWeight: 600, color: 'inherit', flex: '1 1 12rem' }}>
          {procedure.code} - {procedure.title}
          {locked && <Chip label="Indisponible" size="small" variant="outlined" sx={{ ml: 1 }} />}
        </Typography>
        <ProcedureActions procedure={procedure} all={all} />
      </Box>
    </ListItem>
  );
}

function MyDossiers() {
  const state = useAsync(() => api.dossiers());
  const { inProgress = [], processed = [] } = state.data ?? {};
  return (
    <>
      <Section title={`Mes démarches en cours (${inProgress.length})`} id="demarches-en-cours">
        {state.loading && <Loading />}
        {state.error && <LoadError message={state.error} onRetry={state.reload} />}
        {!state.loading && !state.error && inProgress.length === 0 && <Empty>Aucune démarche en cours.</Empty>}
        <List disablePadding>
          {inProgress.map((d) => (
            <InProgressItem key={d.id} dossier={d} />
          ))}
        </List>
        {inProgress.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Vos démarches commencées sont enregistrées automatiquement : vous pouvez les reprendre là où vous vous êtes arrêté.
          </Typography>
        )}
      </Section>
      <Section title="Mes démarches traitées" id="demarches-traitees">
        {!state.loading && !state.error && processed.length === 0 && <Empty>Aucune démarche traitée.</Empty>}
        <List disablePadding>
          {processed.map((d) => (
            <ListItem key={d.id} disableGutters divider sx={{ flexWrap: 'wrap', gap: 1 }}>
              <ListItemText
                sx={{ minWidth: 0, flex: '1 1 14rem' }}
                primary={`${d.number ? `N° ${d.number} - ` : ''}${d.code} - ${d.title}${d.childName ? ` (${d.childName})` : ''}`}
                secondary={[formatDate(d.submittedAt), formatDate(d.decidedAt)].filter(Boolean).join(' - ')}
              />
              <StatusChip dossier={d} />
              <Button size="small" href={`/dossiers/${encodeURIComponent(d.id)}`} aria-label={`Voir : démarche ${d.number ?? ''} ${d.title}`}>
                Voir
              </Button>
            </ListItem>
          ))}
        </List>
      </Section>
    </>
  );
}

function StatusChip({ dossier }: { dossier: DossierListItem }) {
  const color = dossier.status === 'accepted' ? 'success' : dossier.status === 'rejected' ? 'error' : 'default';
  return <Chip label={dossier.statusLabel} color={color} size="small" />;
}

function InProgressItem({ dossier }: { dossier: DossierListItem }) {
  const sentBack = Boolean(dossier.reason);
  return (
    <ListItem disableGutters divider sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}>
      <Box sx={{ flex: '1 1 14rem', minWidth: 0 }}>
        <Typography sx={{ fontWeight: 600 }}>
          {dossier.number ? `${dossier.number} - ` : ''}
          {dossier.code} - {dossier.title}
          {dossier.childName ? ` (${dossier.childName})` : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {dossier.statusLabel} — commencée le {formatDate(dossier.createdAt)}
        </Typography>
        {sentBack && (
          <Alert severity="warning" sx={{ mt: 1, py: 0 }}>
            À corriger : {dossier.reason}
          </Alert>
        )}
      </Box>
      <Button variant="contained" size="small" href={`/dossiers/${encodeURIComponent(dossier.id)}`} aria-label={`CONTINUER : démarche ${dossier.code} - ${dossier.title}`}>
        CONTINUER
      </Button>
    </ListItem>
  );
}

function InboxPreview() {
  const state = useAsync(() => api.inbox(4));
  const inbox = state.data;
  return (
    <Section
      title={`Ma boîte de réception famille${inbox ? ` (${inbox.total})` : ''}`}
      id="boite-reception"
      action={<Button size="small" href="/messages" aria-label="TOUT VOIR : boîte de réception">TOUT VOIR</Button>}
    >
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {inbox && inbox.items.length === 0 && <Empty>Aucun message.</Empty>}
      <List disablePadding>
        {inbox?.items.map((m) => (
          <ListItem key={m.id} disablePadding divider>
            <ListItemButton href={`/messages?ouvrir=${encodeURIComponent(m.id)}`}>
              <ListItemText
                primary={
                  <>
                    {m.subject}
                    {!m.readAt && <Chip label={<>NEW<span className="visually-hidden"> (message non lu)</span></>} color="secondary" size="small" sx={{ ml: 1 }} />}
                  </>
                }
                secondary={formatDateTime(m.sentAt)}
              />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

function InvoicesPreview() {
  const state = useAsync(() => invoicesApi.list());
  const toPay = (state.data?.items ?? []).filter(isToPay);
  return (
    <Section
      title={`Consulter et Payer mes factures en ligne${state.data ? ` (${toPay.length})` : ''}`}
      id="factures"
      action={<Button size="small" href="/factures" aria-label="TOUT VOIR : mes factures">TOUT VOIR</Button>}
    >
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {state.data && toPay.length === 0 && <Empty>Aucune facture à payer.</Empty>}
      {toPay.slice(0, 3).map((i) => <InvoiceCard key={i.id} invoice={i} compact />)}
    </Section>
  );
}

const SHORTCUTS = [
  { href: '/factures', label: 'Payer mes factures', icon: <ReceiptIcon aria-hidden="true" /> },
  { href: '/planning', label: 'Mon planning', icon: <EventIcon aria-hidden="true" /> },
  { href: '/profil', label: 'Mon profil', icon: <PersonIcon aria-hidden="true" /> },
];

function Shortcuts() {
  return (
    <Box component="nav" aria-label="Raccourcis" sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 1, mb: 2 }}>
      {SHORTCUTS.map((item) => (
        <Button key={item.href} href={item.href} variant="outlined" sx={{ flexDirection: 'column', py: 1.5, gap: 0.5, bgcolor: 'background.paper', textTransform: 'none' }}>
          {item.icon}
          {item.label}
        </Button>
      ))}
    </Box>
  );
}
