// /dossiers/:id — loads a dossier and hands it to the generic Wizard with a backend over the
// HTTP API (the revision of the last save travels with the next one).
import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { api, type Dossier, type InboxItem } from '../api.js';
import { Wizard } from '../forms/Wizard.js';
import type { WizardBackend } from '../forms/types.js';
import { useRouter } from '../router.js';
import { useAsync } from '../useAsync.js';
import { usePageTitle } from '../usePageTitle.js';
import { LoadError, Loading } from '../ui.js';
import { formatDateTime } from '../format.js';

function backendFor(dossier: Dossier): WizardBackend {
  // Every change of the dossier (save, notice, justificatif) moves its revision on the server; a
  // save carries the last one seen so that two tabs cannot overwrite each other silently.
  let revision: number | undefined = dossier.revision;
  return {
    confirmNotice: async () => {
      revision = (await api.confirmNotice(dossier.id)).revision;
    },
    save: async (answers, step, options) => {
      const result = await api.saveAnswers(dossier.id, answers, step, revision, options?.keepalive);
      revision = result.revision;
      return result;
    },
    checkStep: (index) => api.checkStep(dossier.id, index),
    upload: async (key, files) => {
      const result = await api.upload(dossier.id, key, files);
      revision = result.revision;
      return result.attachments;
    },
    remove: async (key, fileId) => {
      const result = await api.deleteAttachment(dossier.id, key, fileId);
      revision = result.revision;
      return result.attachments;
    },
    submit: (key) => api.submit(dossier.id, key),
    fileUrl: (fileId) => api.fileUrl(fileId, true),
  };
}

/** The acknowledgement mail, once the outbox has put it in the inbox (asked a few times). */
function Acknowledgement({ number }: { number: string }) {
  const [mail, setMail] = useState<InboxItem | null>(null);
  useEffect(() => {
    let live = true;
    const look = async (attempt: number) => {
      const inbox = await api.inbox(10).catch(() => null);
      const found = inbox?.items.find((m) => m.subject.includes(number) || m.body.includes(number));
      if (!live) return;
      if (found) setMail(found);
      else if (attempt < 5) setTimeout(() => void look(attempt + 1), 1500);
    };
    void look(0);
    return () => {
      live = false;
    };
  }, [number]);
  if (!mail) return null;
  return (
    <Box component="section" aria-labelledby="ack-title" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, bgcolor: 'background.paper' }}>
      <Typography id="ack-title" component="h2" variant="h3">{mail.subject}</Typography>
      <Typography variant="body2" color="text.secondary">{formatDateTime(mail.sentAt)}</Typography>
      <Typography sx={{ whiteSpace: 'pre-line', mt: 1 }}>{mail.body}</Typography>
    </Box>
  );
}

export default function DossierPage({ params }: { params: Record<string, string> }) {
  const { navigate } = useRouter();
  const state = useAsync(() => api.dossier(params.id), [params.id]);
  const dossier = state.data;
  const backend = useMemo(() => (dossier ? backendFor(dossier) : null), [dossier]);
  usePageTitle(dossier ? `${dossier.code} - ${dossier.title}` : 'Démarche');
  if (state.error) return <LoadError message={state.error} onRetry={state.reload} />;
  if (!dossier || !backend) return <Loading label="Chargement de votre démarche" />;
  return (
    <Wizard
      key={dossier.id}
      dossier={dossier}
      backend={backend}
      onExit={() => navigate('/')}
      renderSubmitted={({ number }) => <Acknowledgement number={number} />}
    />
  );
}
