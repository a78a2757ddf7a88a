// The live preview: the parents' wizard (renderer/src/forms) on the definition being edited,
// which the administrator can fill. Nothing is stored; "Envoyer ma démarche" is a dry run.
import { Component, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Wizard, type Attachments } from '../../../renderer/src/forms/index.js';
import type { JustificatifSpec, LegalNotice } from '../../../engine/types.js';
import { previewBackend } from './previewBackend.js';

class PreviewBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: string | null; key: string }> {
  state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  render() {
    if (this.state.error) {
      return <Alert severity="error">L’aperçu ne peut pas être affiché avec la définition actuelle : {this.state.error}</Alert>;
    }
    return this.props.children;
  }
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return `${text.length}-${h >>> 0}`;
}

export interface PreviewProps {
  procedure: Record<string, unknown>;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  /** "Envoyer ma démarche": the dry run; resolves with what the wizard shows as sent. */
  onSubmit: (answers: Record<string, unknown>, attachments: Record<string, number>) => Promise<{ status: string; number: string }>;
  /** The preview's current answers and files (for the dry-run panel). */
  state: PreviewState;
  onState: (state: PreviewState) => void;
}

export interface PreviewState {
  answers: Record<string, unknown>;
  attachments: Attachments;
  /** The page reached (null: the legal notice is not confirmed yet). */
  step: number | null;
}

const emptyNotice: LegalNotice = { title: 'Informations légales', paragraphs: [], confirmationLabel: 'J’ai pris connaissance de ces informations.' } as LegalNotice;

/**
 * The wizard's headings start at h1 (it is a page of its own for parents); inside this page
 * they sit under the h2 "Aperçu et essais": shift their levels by two for assistive technologies.
 */
function useNestedHeadings(container: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const shift = () => {
      for (const h of root.querySelectorAll<HTMLElement>('h1, h2, h3, h4')) {
        const level = String(Math.min(Number(h.tagName[1]) + 2, 6));
        if (h.getAttribute('aria-level') !== level) h.setAttribute('aria-level', level);
      }
    };
    shift();
    const observer = new MutationObserver(shift);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container]);
}

export function Preview({ procedure, schema, uischema, onSubmit, state, onState }: PreviewProps) {
  const [run, setRun] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  useNestedHeadings(frame);
  const stateRef = useRef(state);
  stateRef.current = state;
  const justificatifs = (Array.isArray(procedure.justificatifs) ? procedure.justificatifs : []) as JustificatifSpec[];
  const legalNotice = (procedure.legalNotice && typeof procedure.legalNotice === 'object' ? procedure.legalNotice : emptyNotice) as LegalNotice;
  const title = typeof procedure.title === 'string' ? procedure.title : 'Démarche sans titre';
  const code = typeof procedure.code === 'string' ? procedure.code : undefined;
  // The wizard is redrawn when the definition changes; the answers typed so far are kept.
  const key = useMemo(() => hash(JSON.stringify([schema, uischema, legalNotice, justificatifs, title, code, run])), [schema, uischema, legalNotice, justificatifs, title, code, run]);
  const backend = useMemo(
    () => {
      const b = previewBackend({ schema, uischema, justificatifs }, stateRef.current, {
        onAnswers: (answers, step) => onState({ ...stateRef.current, answers, step }),
        submit: onSubmit,
      });
      // Uploads and deletions go through the backend: report them too.
      const upload = b.upload.bind(b);
      const remove = b.remove.bind(b);
      b.upload = async (k, files) => {
        const next = await upload(k, files);
        onState({ ...stateRef.current, attachments: next });
        return next;
      };
      b.remove = async (k, id) => {
        const next = await remove(k, id);
        onState({ ...stateRef.current, attachments: next });
        return next;
      };
      return b;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const dossier = {
    code,
    title,
    editable: true,
    answers: state.answers,
    attachments: state.attachments,
    noticeConfirmed: state.step !== null,
    resumeStep: state.step ?? 0,
    definition: { legalNotice, schema, uischema, justificatifs },
  };
  const restart = () => {
    onState({ answers: {}, attachments: {}, step: null });
    setRun((r) => r + 1);
  };
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="body2" sx={{ flexGrow: 1 }}>
          Ce que les familles verront. Rien n’est enregistré ; « Envoyer ma démarche » lance un essai à blanc.
        </Typography>
        <Button variant="outlined" size="small" onClick={restart}>Recommencer l’aperçu</Button>
      </Box>
      <Box ref={frame} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: { xs: 1, sm: 2 }, bgcolor: 'background.paper' }}>
        <PreviewBoundary resetKey={key}>
          <Wizard
            key={key}
            dossier={dossier}
            backend={backend}
            onExit={restart}
            renderSubmitted={() => <Alert severity="info">Essai à blanc : rien n’a été enregistré. Les effets et les mails sont dans l’onglet « Essai à blanc ».</Alert>}
          />
        </PreviewBoundary>
      </Box>
    </Box>
  );
}
