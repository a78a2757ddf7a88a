// "Ma boîte de réception famille": every mail sent to the family, newest first. Opening one
// marks it read.
import { useState } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { api, type InboxItem } from '../api.js';
import { useSearchParam } from '../router.js';
import { useAsync } from '../useAsync.js';
import { formatDateTime } from '../format.js';
import { Empty, LoadError, Loading, PageHeading } from '../ui.js';

export default function InboxPage() {
  const opened = useSearchParam('ouvrir');
  const inbox = useAsync(() => api.inbox(100));
  return (
    <>
      <PageHeading title={`Ma boîte de réception famille${inbox.data ? ` (${inbox.data.total})` : ''}`} tabTitle="Ma boîte de réception">
        <Typography>L’historique des mails envoyés sur votre messagerie personnelle au sujet de votre portail famille.</Typography>
      </PageHeading>
      {inbox.loading && <Loading />}
      {inbox.error && <LoadError message={inbox.error} onRetry={inbox.reload} />}
      {inbox.data && inbox.data.items.length === 0 && <Empty>Aucun message.</Empty>}
      {inbox.data?.items.map((m) => <Mail key={m.id} mail={m} initiallyOpen={m.id === opened} />)}
    </>
  );
}

function Mail({ mail, initiallyOpen }: { mail: InboxItem; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [read, setRead] = useState(Boolean(mail.readAt));
  const markRead = () => {
    if (read) return;
    setRead(true);
    void api.markRead(mail.id).catch(() => setRead(false));
  };
  if (initiallyOpen && !read) markRead();
  return (
    <Accordion
      expanded={open}
      onChange={(_, expanded) => {
        setOpen(expanded);
        if (expanded) markRead();
      }}
      disableGutters
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`mail-${mail.id}`} id={`mail-${mail.id}-title`}>
        <div>
          <Typography component="h2" sx={{ fontWeight: read ? 400 : 700, fontSize: '1rem' }}>
            {mail.subject}
            {!read && <Chip label={<>NEW<span className="visually-hidden"> (message non lu)</span></>} color="secondary" size="small" sx={{ ml: 1 }} />}
          </Typography>
          <Typography variant="body2" color="text.secondary">{formatDateTime(mail.sentAt)}</Typography>
        </div>
      </AccordionSummary>
      <AccordionDetails id={`mail-${mail.id}`}>
        <Typography sx={{ whiteSpace: 'pre-line' }}>{mail.body}</Typography>
      </AccordionDetails>
    </Accordion>
  );
}
