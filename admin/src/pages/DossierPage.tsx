// Le dossier, for the agent: who and when (age in days), what to decide, what acceptance
// changes in the household, the answers as the family gave them (rendered by the definition
// of the version it used), the justificatifs previewed, the family's other dossiers and the
// full history with internal notes. A lazy chunk: the queue pages don't load any of this.
import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { formatDateTime } from '../../../renderer/src/format.js';
import { useSession } from '../../../renderer/src/session.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Facts, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { adminApi, type Review } from '../api.js';
import { AnswersSection } from '../dossier/AnswersSection.js';
import { ActionsPanel, type Notice } from '../dossier/ActionsPanel.js';
import { AttachmentsPreview } from '../dossier/AttachmentsPreview.js';
import { ChangesView } from '../dossier/ChangesView.js';
import { labelAt } from '../../../renderer/src/forms/pointers.js';
import { fieldChoices } from '../dossier/fieldChoices.js';
import { HistoryView } from '../dossier/HistoryView.js';
import { NoteForm } from '../dossier/NoteForm.js';
import { OtherDossiers } from '../dossier/OtherDossiers.js';
import { QuotientPanel } from '../quotient/QuotientPanel.js';
import { paths } from '../paths.js';
import { ageText } from '../queue/age.js';
import { PageHeading, usePageTitle } from '../ui.js';
import { useFocusAfterRender } from '../../../renderer/src/useFocusAfterRender.js';

function ReviewBody({ review, userId, onResult }: { review: Review; userId: string; onResult: (n: Notice, reload: boolean) => void }) {
  const { definition } = review;
  const fields = useMemo(() => fieldChoices(definition.schema, definition.uischema, review.fieldPointers), [definition, review.fieldPointers]);
  const fieldLabel = (pointer: string) => fields.find((f) => f.pointer === pointer)?.label ?? labelAt(definition.schema, pointer);
  const justificatifLabel = (key: string) => definition.justificatifs.find((j) => j.key === key)?.label ?? key;
  const attachments = useMemo(() => Object.fromEntries(review.attachments.map((a) => [a.key, a.files])), [review.attachments]);
  const inQueue = review.actions.length > 0;
  const number = review.number ?? 'sans numéro';

  return (
    <>
      <PageHeading title={`Dossier N° ${number}`} tabTitle={`Dossier N° ${number}`}>
        <Box component="p" sx={{ m: 0, fontSize: '1.15rem' }}>{review.code} — {review.title}</Box>
      </PageHeading>
      {/* On wide screens the proof stays in view beside the answers it must match. */}
      <Box
        sx={{
          display: 'grid',
          alignItems: 'start',
          columnGap: 2,
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
          gridTemplateAreas: {
            xs: '"resume" "decision" "changes" "answers" "pieces" "others" "history"',
            lg: '"resume pieces" "decision pieces" "changes pieces" "answers pieces" "others pieces" "history pieces"',
          },
        }}
      >
      <Box sx={{ gridArea: 'resume', minWidth: 0 }}>
      <Section title="Résumé" id="resume-title">
        <Facts
          rows={[
            ['Famille', review.family.name ?? '—'],
            ['Enfant concerné', review.child?.name],
            ['Statut', review.statusLabel],
            ['Envoyé le', formatDateTime(review.submittedAt)],
            ['Ancienneté', review.ageDays === null ? undefined : `${ageText(review.ageDays)} depuis l’envoi`],
            ['Pris en charge par', review.assignedTo ? (review.assignedTo.id === userId ? 'Moi' : review.assignedTo.name) : 'Personne'],
            ['Décidé le', review.decidedAt ? `${formatDateTime(review.decidedAt)}${review.decidedBy ? ` par ${review.decidedBy}` : ''}` : undefined],
            ['Motif du rejet', review.reason ?? undefined],
            ['Correction demandée', review.correction ? `${review.correction.message} (${[...review.correction.fields.map(fieldLabel), ...review.correction.justificatifs.map(justificatifLabel)].join(' ; ')})` : undefined],
          ]}
        />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'decision', minWidth: 0 }}>
      <Section title="Décision" id="decision-title">
        <ActionsPanel review={review} userId={userId} fields={fields} onResult={onResult} />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'changes', minWidth: 0 }}>
      <Section title="Ce que l’acceptation changera" id="changes-title">
        <ChangesView changes={review.changes} inQueue={inQueue} />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'answers', minWidth: 0 }}>
      <Section title="Réponses de la famille" id="answers-title">
        <AnswersSection definition={definition} answers={review.answers} attachments={attachments} />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'pieces', minWidth: 0, position: { lg: 'sticky' }, top: { lg: 8 }, maxHeight: { lg: 'calc(100vh - 16px)' }, overflowY: { lg: 'auto' } }}>
      <Section title="Justificatifs" id="pieces-title">
        <AttachmentsPreview attachments={review.attachments} />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'others', minWidth: 0 }}>
      <Section title="Autres dossiers de la famille" id="autres-title">
        <OtherDossiers dossiers={review.otherDossiers} />
      </Section>
      <Section title="Quotient familial de la famille" id="quotient-title">
        <QuotientPanel familyId={review.family.id} />
      </Section>
      </Box>
      <Box sx={{ gridArea: 'history', minWidth: 0 }}>
      <Section title="Historique" id="historique-title">
        <HistoryView history={review.history} fieldLabel={fieldLabel} justificatifLabel={justificatifLabel} />
        <NoteForm dossierId={review.id} onAdded={(text) => onResult({ severity: 'success', text }, true)} />
      </Section>
      </Box>
      </Box>
    </>
  );
}

export default function DossierPage({ params }: { params: Record<string, string> }) {
  const { user } = useSession();
  const [tick, setTick] = useState(0);
  const review = useAsync(() => adminApi.dossier(params.id), [params.id, tick]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  usePageTitle(review.data ? `Dossier N° ${review.data.number ?? ''}` : 'Dossier');

  useEffect(() => setNotice(null), [params.id]);

  const onResult = (next: Notice, reload: boolean) => {
    setNotice(next);
    if (reload) setTick((t) => t + 1);
    focusAfterRender(() => noticeRef.current);
  };

  return (
    <>
      <Box component="nav" aria-label="Fil d’Ariane" sx={{ mb: 1 }}>
        <Link href={paths.queues}>Files de traitement</Link>
        {' › '}
        <Link href={paths.mine}>Pris en charge par moi</Link>
      </Box>
      <Box role="status" aria-live="polite" aria-atomic="true" sx={{ mb: notice ? 2 : 0 }}>
        {notice && (
          <Alert ref={noticeRef} tabIndex={-1} severity={notice.severity} onClose={() => setNotice(null)} data-testid="resultat-action">
            {notice.text}
          </Alert>
        )}
      </Box>
      {review.error && !review.data ? (
        <>
          <PageHeading title="Dossier" tabTitle="Dossier introuvable" />
          <LoadError message={review.error} onRetry={review.reload} />
        </>
      ) : !review.data ? (
        <>
          <PageHeading title="Dossier" tabTitle="Dossier" />
          <Loading label="Chargement du dossier" />
        </>
      ) : (
        <ReviewBody review={review.data} userId={user?.id ?? ''} onResult={onResult} />
      )}
    </>
  );
}

