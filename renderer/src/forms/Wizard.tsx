// The generic dossier wizard: legal notice → one page per Category → summary and submit.
// It knows no démarche: everything comes from the dossier's pinned definition, and every
// exchange with the server goes through a WizardBackend (the parents' app gives one over the
// HTTP API; the admin live preview can give a local one).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { FieldError } from '../../../engine/types.js';
import { applyComputed } from '../../../engine/computed.js';
import { DossierSummary } from './DossierSummary.js';
import { ErrorSummary, type SummaryEntry } from './ErrorSummary.js';
import { FormsProvider } from './FormsProvider.js';
import { JustificatifProvider } from './JustificatifRenderer.js';
import { LegalNoticeStep } from './LegalNoticeStep.js';
import { StepForm, categoriesOf } from './StepForm.js';
import { WizardStepper } from './WizardStepper.js';
import { focusField } from './renderers.js';
import { errorPointer, labelAt, pointerToPath, valueAt } from './pointers.js';
import { hasJustificatif, problem, stepOf } from './wizardSteps.js';
import { CorrectionNotice, ReadOnlyDossier, SubmittedNotice, WizardNav } from './WizardParts.js';
import { useAutosave } from './useAutosave.js';
import type { StepCheck, WizardBackend, WizardDossier } from './types.js';
import { useFocusAfterRender } from '../useFocusAfterRender.js';

export interface WizardProps {
  dossier: WizardDossier;
  backend: WizardBackend;
  /** Annuler, and the links back once submitted: the parents' app goes to Mon espace. */
  onExit: () => void;
  /** Extra content after a successful submission (e.g. the acknowledgement mail). */
  renderSubmitted?: (result: { number: string; status: string }) => ReactNode;
}

const NOTICE = -1;

export function Wizard({ dossier, backend, onExit, renderSubmitted }: WizardProps) {
  const { definition: initial } = dossier;
  // Choices computed from reference data may depend on other answers: each save can bring them anew.
  const [schema, setSchema] = useState(initial.schema);
  const definition = useMemo(() => ({ ...initial, schema }), [initial, schema]);
  const onSaved = useCallback((result: { schema?: unknown }) => {
    if (result.schema) setSchema(result.schema as typeof initial.schema);
  }, []);
  const categories = useMemo(() => categoriesOf(definition.uischema), [definition.uischema]);
  // Computed answers (a quotient from income and parts) follow the parent's typing; the server recomputes them anyway.
  const computeLive = useMemo(() => {
    const computed = initial.computed;
    return computed ? (data: Record<string, unknown>) => applyComputed(computed.fields, data, computed.inputs) : undefined;
  }, [initial.computed]);
  // Pages: the notice (-1), one per step (0 … n-1), the summary (n).
  const summaryIndex = categories.length;
  const [noticeConfirmed, setNoticeConfirmed] = useState(dossier.noticeConfirmed);
  const [noticeChecked, setNoticeChecked] = useState(dossier.noticeConfirmed);
  const [noticeError, setNoticeError] = useState<string | null>(null);
  const [phase, setPhase] = useState(() => (dossier.noticeConfirmed ? Math.min(Math.max(dossier.resumeStep, 0), summaryIndex) : NOTICE));
  const [answers, setAnswers] = useState<Record<string, unknown>>(dossier.answers ?? {});
  const [attachments, setAttachments] = useState(dossier.attachments ?? {});
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [missing, setMissing] = useState<StepCheck['missingJustificatifs']>([]);
  const [entries, setEntries] = useState<SummaryEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState<{ number: string; status: string } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const pendingFocus = useRef<(() => unknown) | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const editable = dossier.editable && !submitted;
  const savedStep = phase === NOTICE ? 0 : phase;
  const autosave = useAutosave(backend, answers, savedStep, editable, onSaved);

  const labels = [definition.legalNotice.title, ...categories.map((c, i) => c.label || `Étape ${i + 1}`), 'Récapitulatif'];
  const stepTitle = phase === NOTICE ? definition.legalNotice.title : labels[phase + 1];
  const correction = dossier.correction ?? null;

  // After each page change, focus its heading (or what a summary entry asked for).
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const focus = pendingFocus.current;
    pendingFocus.current = null;
    // A field that cannot take focus (not rendered, hidden by a rule): the page heading does.
    if (!focus || focus() === false) container.current?.querySelector<HTMLElement>('[data-step-heading]')?.focus();
  }, [phase, submitted]);

  const onChange = useCallback(
    (next: Record<string, unknown>) => {
      // A server error stays until its field changes.
      setFieldErrors((errors) => errors.filter((e) => JSON.stringify(valueAt(next, errorPointer(e))) === JSON.stringify(valueAt(answers, errorPointer(e)))));
      setAnswers(next);
      autosave.changed(next);
    },
    [answers, autosave],
  );

  const showProblems = (list: SummaryEntry[], errors: FieldError[], missingList: StepCheck['missingJustificatifs']) => {
    setFieldErrors(errors);
    setMissing(missingList);
    setEntries(list);
    focusAfterRender(() => summaryRef.current);
  };

  const showSaveFailure = () => showProblems([{ id: 'save', text: 'Vos réponses n’ont pas pu être enregistrées : réessayez, ou rechargez la page si le problème persiste.' }], fieldErrors, missing);

  const entriesFor = (check: StepCheck, step: number, goTo: boolean): SummaryEntry[] => [
    ...check.errors.map((e, i) => {
      const pointer = errorPointer(e);
      const select = () => focusField(container.current, pointerToPath(pointer));
      return {
        id: `e${step}-${i}`,
        text: `${goTo ? `${labels[step + 1]} — ` : ''}${labelAt(definition.schema, pointer)} : ${e.message}`,
        onSelect: goTo ? () => goToStep(step, check, select) : select,
      };
    }),
    ...check.missingJustificatifs.map((j) => {
      const select = () => {
        const target = container.current?.querySelector<HTMLElement>(`[data-justificatif="${CSS.escape(j.key)}"] button, [data-justificatif="${CSS.escape(j.key)}"]`);
        target?.focus();
        return Boolean(target);
      };
      return {
        id: `j${step}-${j.key}`,
        text: `${goTo ? `${labels[step + 1]} — ` : ''}${j.label} : justificatif obligatoire manquant`,
        onSelect: goTo ? () => goToStep(step, check, select) : select,
      };
    }),
  ];

  function goToStep(step: number, check?: StepCheck, focus?: () => unknown) {
    setFieldErrors(check?.errors ?? []);
    setMissing(check?.missingJustificatifs ?? []);
    setEntries(check ? entriesFor(check, step, false) : []);
    pendingFocus.current = focus ?? null;
    setPhase(step);
  }

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } catch (e) {
      const p = problem(e);
      showProblems([{ id: 'server', text: p.message }], p.details.filter((d): d is FieldError => !!d && typeof d === 'object' && 'instancePath' in d), []);
    } finally {
      setBusy(false);
    }
  };

  const next = () =>
    run(async () => {
      if (phase === NOTICE) {
        if (!noticeConfirmed) {
          if (!noticeChecked) {
            setNoticeError('Pour poursuivre votre démarche, vous devez confirmer avoir pris connaissance de ces informations.');
            focusAfterRender(() => document.getElementById('notice-confirmation'));
            return;
          }
          await backend.confirmNotice();
          setNoticeConfirmed(true);
        }
        setNoticeError(null);
        goToStep(Math.min(Math.max(dossier.resumeStep, 0), summaryIndex));
        return;
      }
      if (!(await autosave.flush(phase))) return showSaveFailure();
      const check = await backend.checkStep(phase);
      if (check.errors.length || check.missingJustificatifs.length) {
        showProblems(entriesFor(check, phase, false), check.errors, check.missingJustificatifs);
        return;
      }
      goToStep(phase + 1);
      void autosave.flush(phase + 1);
    });

  const previous = () =>
    run(async () => {
      void autosave.flush(Math.max(phase - 1, 0));
      goToStep(phase - 1);
    });

  // Before the notice is confirmed there are no answers to save: the draft itself exists already.
  const save = () => run(async () => void (phase === NOTICE ? autosave.announce('Votre démarche est enregistrée dans « Mes démarches en cours ».') : await autosave.flush(savedStep, { force: true })));

  const cancel = () =>
    run(async () => {
      if (phase !== NOTICE && !(await autosave.flush(savedStep))) return showSaveFailure();
      onExit();
    });

  // The summary checks every step at once, so submission problems show before the click.
  const [summaryIssues, setSummaryIssues] = useState<SummaryEntry[] | null>(null);
  useEffect(() => {
    if (phase !== summaryIndex || !editable) return;
    let live = true;
    setSummaryIssues(null);
    Promise.all(categories.map((_, i) => backend.checkStep(i)))
      .then((checks) => live && setSummaryIssues(checks.flatMap((check, i) => entriesFor(check, i, true))))
      .catch((e) => live && setSummaryIssues([{ id: 'server', text: problem(e).message }]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, summaryIndex, editable, attachments]);

  const submit = () =>
    run(async () => {
      if (summaryIssues?.length) {
        setEntries(summaryIssues);
        focusAfterRender(() => summaryRef.current);
        return;
      }
      if (!(await autosave.flush(summaryIndex))) return showSaveFailure();
      idempotencyKey.current ??= crypto.randomUUID();
      try {
        const result = await backend.submit(idempotencyKey.current);
        setEntries([]);
        setSubmitted(result);
      } catch (e) {
        const p = problem(e);
        // A refusal is final for this key; a network failure may be retried with the same key.
        if (p.status >= 400 && p.status < 500) idempotencyKey.current = null;
        // Name what the server refused, each entry leading to the step that holds it.
        const named: SummaryEntry[] = p.details.map((d, i) => {
          const detail = d as Partial<FieldError> & { key?: string; label?: string };
          if (detail.instancePath !== undefined && detail.keyword) {
            const pointer = errorPointer(detail as FieldError);
            const step = stepOf(categories, pointer);
            const text = `${labelAt(definition.schema, pointer)} : ${detail.message ?? 'valeur invalide'}`;
            return { id: `d${i}`, text, onSelect: step >= 0 ? () => goToStep(step, undefined, () => focusField(container.current, pointerToPath(pointer))) : undefined };
          }
          const key = detail.key ?? '';
          const step = categories.findIndex((c) => hasJustificatif(c.elements ?? [], key));
          return { id: `d${i}`, text: `${detail.label ?? key} : justificatif obligatoire manquant`, onSelect: step >= 0 ? () => goToStep(step) : undefined };
        });
        setEntries([{ id: 'submit', text: p.message }, ...named]);
        focusAfterRender(() => summaryRef.current);
      }
    });

  const heading = (
    <Typography component="h1" variant="h1" sx={{ mb: 2 }}>
      {dossier.code ? `${dossier.code} - ` : ''}
      {dossier.title}
    </Typography>
  );

  if (submitted) {
    return (
      <Box ref={container}>
        {heading}
        <SubmittedNotice number={submitted.number} />
        {renderSubmitted?.(submitted)}
        <Button variant="contained" onClick={onExit} sx={{ mt: 2 }}>
          Retour à Mon espace
        </Button>
      </Box>
    );
  }

  if (!dossier.editable) {
    return (
      <FormsProvider>
        <Box ref={container}>
          {heading}
          <ReadOnlyDossier dossier={dossier} answers={answers} attachments={attachments} fileUrl={backend.fileUrl} />
          <Button variant="contained" onClick={onExit}>Retour à Mon espace</Button>
        </Box>
      </FormsProvider>
    );
  }

  const justificatifs = {
    specs: definition.justificatifs,
    attachments,
    answers,
    fileUrl: backend.fileUrl,
    missing: missing.map((m) => m.key),
    editableKeys: correction ? correction.justificatifs : undefined,
    upload: async (key: string, files: File[]) => {
      setAttachments(await backend.upload(key, files));
      setMissing((list) => list.filter((m) => m.key !== key));
    },
    remove: async (key: string, fileId: string) => setAttachments(await backend.remove(key, fileId)),
  };

  return (
    <FormsProvider>
      <Box ref={container}>
        {heading}
        <WizardStepper labels={labels} active={phase + 1} />
        {(correction || dossier.reason) && <CorrectionNotice definition={definition} correction={correction} reason={dossier.reason} />}
        <ErrorSummary ref={summaryRef} entries={entries} />
        {phase === NOTICE && (
          <LegalNoticeStep
            notice={definition.legalNotice}
            confirmed={noticeChecked}
            locked={noticeConfirmed}
            error={noticeError}
            onConfirmedChange={(v) => {
              setNoticeChecked(v);
              if (v) setNoticeError(null);
            }}
          />
        )}
        {phase >= 0 && phase < summaryIndex && (
          <Box component="section" aria-labelledby="step-title">
            <Typography id="step-title" component="h2" variant="h2" tabIndex={-1} data-step-heading sx={{ mb: 2, outline: 'none' }}>
              {stepTitle}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              Les champs marqués d’un astérisque (*) sont obligatoires.
            </Typography>
            <JustificatifProvider value={justificatifs}>
              <StepForm schema={definition.schema} category={categories[phase]} data={answers} onChange={onChange} errors={fieldErrors} correction={correction} transform={computeLive} />
            </JustificatifProvider>
          </Box>
        )}
        {phase === summaryIndex && (
          <Box component="section" aria-labelledby="step-title">
            <Typography id="step-title" component="h2" variant="h2" tabIndex={-1} data-step-heading sx={{ mb: 2, outline: 'none' }}>
              Récapitulatif
            </Typography>
            <Typography sx={{ mb: 2 }}>Vérifiez vos réponses avant d’envoyer votre démarche. Pour modifier une réponse, revenez à l’étape concernée avec « Précédent ».</Typography>
            {summaryIssues === null && <Typography role="status">Vérification de votre démarche…</Typography>}
            {summaryIssues && summaryIssues.length > 0 && entries.length === 0 && (
              <ErrorSummary title="Votre démarche ne peut pas encore être envoyée" entries={summaryIssues} />
            )}
            <DossierSummary {...definition} answers={answers} attachments={attachments} fileUrl={backend.fileUrl} />
          </Box>
        )}
        <WizardNav
          onPrevious={phase > NOTICE ? previous : undefined}
          onCancel={cancel}
          onSave={save}
          onNext={phase < summaryIndex ? next : undefined}
          onSubmit={phase === summaryIndex ? submit : undefined}
          busy={busy}
          status={autosave.status}
        />
      </Box>
    </FormsProvider>
  );
}

