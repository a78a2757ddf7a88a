// The administrators' definition editor for one démarche: the four JSON files in a code editor
// (completion from the meta-schemas, problems at their line), the engine's checks as you type,
// and beside it the live preview, the dry run, the workflow picture and the version history.
import { useCallback, useId, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { Link } from '../../../renderer/src/router.js';
import { Loading, LoadError } from '../../../renderer/src/ui.js';
import { formatDateTime } from '../../../renderer/src/format.js';
import { formatIssue } from '../../../engine/check/issues.js';
import { PageHeading } from '../ui.js';
import { ApiError, definitionsApi, FILE_NAMES, issuesOf, type FileName } from './api.js';
import { JsonEditor } from './JsonEditor.js';
import { IssuesPanel } from './IssuesPanel.js';
import { Preview, type PreviewState } from './Preview.js';
import { DryRunPanel, type DryRunView } from './DryRunPanel.js';
import { WorkflowDiagram } from './WorkflowDiagram.js';
import { VersionsPanel } from './VersionsPanel.js';
import { useDefinitionEditor } from './useDefinitionEditor.js';
import { asObject } from './files.js';
import { fileOfIssue } from './locate.js';
import { completionFor, sharedWorkflow } from './editorData.js';
import { definitionPaths } from './paths.js';

type Side = 'apercu' | 'essai' | 'workflow' | 'versions';
const SIDES: { id: Side; label: string }[] = [
  { id: 'apercu', label: 'Aperçu' },
  { id: 'essai', label: 'Essai à blanc' },
  { id: 'workflow', label: 'Schéma du workflow' },
  { id: 'versions', label: 'Versions' },
];

const filled = (answers: unknown): number => {
  if (answers === null || answers === undefined || answers === '') return 0;
  if (typeof answers !== 'object') return 1;
  return Object.values(answers as Record<string, unknown>).reduce<number>((n, v) => n + filled(v), 0);
};

export default function DefinitionEditorPage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const id = useId();
  const editor = useDefinitionEditor(code);
  const { detail, texts, parsed, issues } = editor;
  const [file, setFile] = useState<FileName>('procedure');
  const [side, setSide] = useState<Side>('apercu');
  const [reveal, setReveal] = useState<{ from: number; to: number; seq: number } | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ answers: {}, attachments: {}, step: null });
  const [dryRun, setDryRun] = useState<DryRunView>({ result: null, error: null, running: false });

  const valid = editor.lastValid;
  const procedure = asObject(valid?.procedure);
  const workflowName = typeof procedure.workflow === 'string' ? procedure.workflow : 'standard';
  const ownWorkflow = texts ? texts.workflow.trim() !== '' : false;
  const workflowConfig = ownWorkflow ? valid?.workflow : sharedWorkflow(workflowName);

  const completion = useCallback(() => completionFor(file, detail, parsed.files ?? valid), [file, detail, parsed.files, valid]);

  const dryRunWith = useCallback(
    async (answers: Record<string, unknown>, attachments: Record<string, number>, events?: string[]) => {
      const files = parsed.files;
      if (!files) throw new ApiError(422, 'DEFINITION_INVALID', 'La définition comporte des erreurs de syntaxe JSON : corrigez-les avant l’essai à blanc.');
      setSide('essai');
      setDryRun({ result: null, error: null, running: true });
      try {
        const result = await definitionsApi.dryRun({ files, answers, attachments, ...(events ? { events } : {}) });
        setDryRun({ result, error: null, running: false });
        return result;
      } catch (e) {
        const found = issuesOf(e);
        setDryRun({ result: found.length ? { issues: found } : null, error: found.length ? null : e instanceof Error ? e.message : 'Essai à blanc impossible.', running: false });
        throw e;
      }
    },
    [parsed.files],
  );

  // "Envoyer ma démarche" in the preview: a dry run whose refusal shows in the wizard like a parent's.
  const submitPreview = useCallback(
    async (answers: Record<string, unknown>, attachments: Record<string, number>) => {
      const result = await dryRunWith(answers, attachments);
      if (!result.steps) throw new ApiError(422, 'DEFINITION_INVALID', `La définition comporte des problèmes : ${(result.issues ?? []).map(formatIssue).join(' ; ')}`);
      // A refused SAVE (answers the engine refuses) or SUBMIT shows at the fields, as for a parent.
      const refused = result.steps.find((s) => !s.ok);
      if (refused && (refused.event !== 'ACCEPT' || !result.steps.some((s) => s.event === 'SUBMIT' && s.ok))) {
        throw new ApiError(422, refused.refusal?.code ?? 'REFUSED', refused.refusal?.message ?? 'Démarche refusée.', refused.refusal?.details ?? []);
      }
      const last = result.steps[result.steps.length - 1];
      return { status: last?.status ?? 'submitted', number: 'ESSAI À BLANC' };
    },
    [dryRunWith],
  );

  const show = useCallback((target: FileName, from: number, to: number) => {
    setFile(target);
    setReveal({ from, to, seq: Date.now() });
  }, []);

  const countByFile = useMemo(() => {
    const counts: Record<FileName, number> = { procedure: 0, schema: 0, uischema: 0, workflow: 0 };
    for (const name of FILE_NAMES) counts[name] += parsed.syntax[name]?.length ?? 0;
    if (!parsed.files) return counts;
    for (const issue of issues) {
      const f = fileOfIssue(issue, code);
      if (f) counts[f] += 1;
    }
    return counts;
  }, [issues, parsed]);

  if (editor.loadError) return <LoadError message={editor.loadError} onRetry={() => void editor.reload()} />;
  if (!detail || !texts) return <Loading label="Chargement de la démarche" />;

  const title = typeof procedure.title === 'string' ? procedure.title : '';
  const fileIssues = parsed.files ? issues.filter((i) => fileOfIssue(i, code) === file) : [];

  return (
    <>
      <Link
        href={definitionPaths.list}
        onClick={(e) => {
          if (editor.dirty && !window.confirm('Des modifications ne sont pas enregistrées. Quitter l’éditeur quand même ?')) e.preventDefault();
        }}
      >
        ← Toutes les démarches
      </Link>
      <PageHeading title={`Démarche ${code}${title ? ` — ${title}` : ''}`} tabTitle={`Démarche ${code} — éditeur`}>
        <Typography sx={{ mt: 1 }}>
          {detail.current ? `Version en ligne : ${detail.current.versionId.slice(0, 12)}.` : 'Jamais publiée : les familles ne la voient pas encore.'}{' '}
          {editor.dirty ? 'Modifications non enregistrées.' : detail.draft ? `Brouillon enregistré le ${formatDateTime(detail.draft.updatedAt)}.` : ''}
        </Typography>
      </PageHeading>

      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Button variant="outlined" onClick={editor.save} disabled={!!editor.busy} aria-busy={editor.busy === 'save' || undefined}>Enregistrer le brouillon</Button>
        <Button variant="contained" color="success" onClick={editor.publish} disabled={!!editor.busy} aria-busy={editor.busy === 'publish' || undefined}>Publier</Button>
        <Button variant="text" onClick={editor.exportFile} disabled={!!editor.busy || !detail.current}>Exporter la version en ligne (JSON)</Button>
      </Box>
      <Box role="status" aria-live="polite" aria-atomic="true" sx={{ mb: 2 }}>
        {editor.outcome && (
          <Alert severity={editor.outcome.severity}>
            {editor.outcome.text}
            {editor.outcome.issues && editor.outcome.issues.length > 0 && (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>{editor.outcome.issues.map((i, n) => <li key={n}>{formatIssue(i)}</li>)}</Box>
            )}
          </Alert>
        )}
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 3, alignItems: 'start' }}>
        <Box component="section" aria-labelledby={`${id}-files`} sx={{ minWidth: 0 }}>
          <Typography id={`${id}-files`} component="h2" variant="h5" sx={{ mb: 1 }}>Fichiers de la démarche</Typography>
          <Tabs value={file} onChange={(_, v: FileName) => setFile(v)} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label="Fichier à modifier">
            {FILE_NAMES.map((name) => (
              <Tab
                key={name}
                value={name}
                id={`${id}-tab-${name}`}
                aria-controls={`${id}-panel-${name}`}
                sx={{ textTransform: 'none' }}
                label={countByFile[name] ? `${name}.json (${countByFile[name]})` : `${name}.json`}
                aria-label={countByFile[name] ? `${name}.json, ${countByFile[name]} problème${countByFile[name] > 1 ? 's' : ''}` : `${name}.json`}
              />
            ))}
          </Tabs>
          <Box role="tabpanel" id={`${id}-panel-${file}`} aria-labelledby={`${id}-tab-${file}`} sx={{ pt: 1 }}>
            {file === 'workflow' && !ownWorkflow && (
              <Alert severity="info" sx={{ mb: 1 }} action={sharedWorkflow(workflowName) ? (
                <Button color="inherit" size="small" onClick={() => editor.setText('workflow', `${JSON.stringify(sharedWorkflow(workflowName), null, 2)}\n`)}>Partir de « {workflowName} »</Button>
              ) : undefined}>
                Pas de workflow propre : le workflow partagé « {workflowName} » s’applique. Laissez ce fichier vide pour le garder.
              </Alert>
            )}
            <Typography id={`${id}-help`} variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Ctrl+Espace : suggestions ; F8 : problème suivant ; Tab : quitter l’éditeur (l’indentation est automatique).
            </Typography>
            <JsonEditor
              key={file}
              label={`${file}.json`}
              describedBy={`${id}-help ${id}-status`}
              value={texts[file]}
              onChange={(text) => editor.setText(file, text)}
              issues={fileIssues}
              completion={completion}
              reveal={reveal}
            />
          </Box>
          <IssuesPanel id={`${id}-status`} code={code} status={editor.status} failure={editor.failure} issues={issues} syntax={parsed.syntax} texts={texts} onShow={show} />
        </Box>

        <Box component="section" aria-labelledby={`${id}-side`} sx={{ minWidth: 0 }}>
          <Typography id={`${id}-side`} component="h2" variant="h5" sx={{ mb: 1 }}>Aperçu et essais</Typography>
          <Tabs value={side} onChange={(_, v: Side) => setSide(v)} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label="Aperçu, essai à blanc, workflow et versions">
            {SIDES.map((s) => <Tab key={s.id} value={s.id} label={s.label} id={`${id}-stab-${s.id}`} aria-controls={`${id}-spanel-${s.id}`} sx={{ textTransform: 'none' }} />)}
          </Tabs>
          <Box role="tabpanel" id={`${id}-spanel-${side}`} aria-labelledby={`${id}-stab-${side}`} sx={{ pt: 2 }}>
            {side === 'apercu' && (valid ? (
              <Preview procedure={procedure} schema={asObject(valid.schema)} uischema={asObject(valid.uischema)} onSubmit={submitPreview} state={preview} onState={setPreview} />
            ) : <Typography>L’aperçu apparaîtra quand les fichiers seront du JSON valide.</Typography>)}
            {side === 'essai' && <DryRunPanel view={dryRun} answersCount={filled(preview.answers)} onRun={(events) => {
              const counts = Object.fromEntries(Object.entries(preview.attachments).map(([k, l]) => [k, l.length]));
              dryRunWith(preview.answers, counts, events).catch(() => undefined);
            }} />}
            {side === 'workflow' && (workflowConfig ? (
              <WorkflowDiagram config={workflowConfig} source={ownWorkflow ? 'Workflow propre à la démarche (workflow.json).' : `Workflow partagé « ${workflowName} ».`} />
            ) : <Typography>Le workflow partagé « {workflowName} » n’est pas connu de cet écran{detail.workflows.length ? ` (workflows partagés : ${detail.workflows.join(', ')})` : ''}.</Typography>)}
            {side === 'versions' && <VersionsPanel code={code} draft={parsed.files} refreshKey={editor.published} onRestored={() => void editor.restored()} />}
          </Box>
        </Box>
      </Box>
    </>
  );
}
