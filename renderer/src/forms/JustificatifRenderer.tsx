// The custom JSONForms renderer for {"type": "Justificatif", "key": …}: upload ("Parcourir"),
// view (eye) and delete (bin) the files of one justificatif of the definition. It knows no
// démarche: specs, files and actions come from <JustificatifProvider>.
import { createContext, useContext, useId, useRef, useState } from 'react';
import { rankWith, uiTypeIs, type LayoutProps, type UISchemaElement } from '@jsonforms/core';
import { withJsonFormsLayoutProps } from '@jsonforms/react';
import jsonLogic from 'json-logic-js';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import VisibilityIcon from '@mui/icons-material/Visibility';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import type { AttachmentRef, JustificatifSpec } from '../../../engine/types.js';
import { formatSize } from '../format.js';

export interface JustificatifContextValue {
  specs: JustificatifSpec[];
  attachments: Record<string, AttachmentRef[]>;
  /** The answers, to evaluate a json-logic `required` condition. */
  answers: unknown;
  /** Absent: read-only (summary, agents' view). */
  upload?: (key: string, files: File[]) => Promise<void>;
  remove?: (key: string, fileId: string) => Promise<void>;
  /** URL showing the file (inline, sandboxed by the server). */
  fileUrl: (fileId: string) => string;
  /** Keys the server reported missing on the last check. */
  missing?: string[];
  /** In a correction, only these keys may change; undefined = all. */
  editableKeys?: string[];
  /** Heading level of each justificatif's title (h3 under a step's h2). */
  headingLevel?: 'h3' | 'h4';
}

// The antivirus verdict (server/antivirus): only a clean document can be opened.
const SCAN_NOTES: Record<string, string> = {
  pending: ' — analyse antivirus en cours',
  infected: " — bloqué par l'antivirus : supprimez-le et déposez une nouvelle copie",
};
const JustificatifContext = createContext<JustificatifContextValue | null>(null);
export const JustificatifProvider = JustificatifContext.Provider;

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG' };

export function isRequired(spec: JustificatifSpec, answers: unknown): boolean {
  if (typeof spec.required === 'boolean') return spec.required;
  try {
    return Boolean(jsonLogic.apply(spec.required as jsonLogic.RulesLogic, { answers }));
  } catch {
    return false;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : 'L’opération n’a pas abouti.';
}

export function JustificatifField({ justificatifKey }: { justificatifKey: string }) {
  const ctx = useContext(JustificatifContext);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const browse = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const spec = ctx?.specs.find((s) => s.key === justificatifKey);
  if (!ctx || !spec) {
    return <Alert severity="warning">Justificatif « {justificatifKey} » introuvable dans la démarche.</Alert>;
  }
  const files = ctx.attachments[spec.key] ?? [];
  const required = isRequired(spec, ctx.answers);
  const missing = ctx.missing?.includes(spec.key) ?? false;
  const editable = Boolean(ctx.upload) && (ctx.editableKeys === undefined || ctx.editableKeys.includes(spec.key));
  const types = spec.accept.map((t) => TYPE_NAMES[t] ?? t).join(', ');
  const canAdd = editable && (spec.multiple || files.length === 0);

  const onFiles = async (list: FileList | null) => {
    if (!list?.length || !ctx.upload) return;
    const chosen = Array.from(list);
    setBusy(true);
    setError(null);
    setStatus('Envoi du document en cours…');
    try {
      await ctx.upload(spec.key, chosen);
      setStatus(chosen.length > 1 ? `${chosen.length} documents ajoutés.` : `Document « ${chosen[0].name} » ajouté.`);
    } catch (e) {
      setStatus('');
      setError(errorText(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const onRemove = async (file: AttachmentRef) => {
    if (!ctx.remove) return;
    setBusy(true);
    setError(null);
    try {
      await ctx.remove(spec.key, file.id);
      setStatus(`Document « ${file.name} » supprimé.`);
      browse.current?.focus();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-rules`}
      data-justificatif={spec.key}
      sx={{ border: 2, borderColor: missing ? 'error.main' : 'divider', borderRadius: 1, p: 2, my: 1 }}
    >
      <Typography id={`${id}-title`} component={ctx.headingLevel ?? 'h3'} variant="h3" sx={{ fontSize: '1rem' }}>
        {spec.label}
        {required && <span aria-hidden="true"> *</span>}
        {required && <span className="visually-hidden"> (obligatoire)</span>}
      </Typography>
      {spec.description && <Typography variant="body2" sx={{ mt: 0.5 }}>{spec.description}</Typography>}
      <Typography id={`${id}-rules`} variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        Formats acceptés : {types} — {formatSize(spec.maxSize)} maximum{spec.multiple ? ' par fichier ; plusieurs fichiers possibles' : ''}.
      </Typography>
      {missing && (
        <Typography color="error" variant="body2" sx={{ mt: 1, fontWeight: 700 }}>
          Ce justificatif est obligatoire : ajoutez au moins un document.
        </Typography>
      )}
      {files.length > 0 ? (
        <List dense aria-label={`Documents joints : ${spec.label}`}>
          {files.map((file) => (
            <ListItem
              key={file.id}
              disableGutters
              secondaryAction={
                <Box sx={{ display: 'flex', gap: 0.5 }}>
                  {(file.scan === undefined || file.scan === 'clean') && (
                    <IconButton href={ctx.fileUrl(file.id)} target="_blank" rel="noopener noreferrer" aria-label={`Voir ${file.name}`} title={`Voir ${file.name}`}>
                      <VisibilityIcon />
                    </IconButton>
                  )}
                  {editable && (
                    <IconButton onClick={() => onRemove(file)} disabled={busy} aria-label={`Supprimer ${file.name}`} title={`Supprimer ${file.name}`}>
                      <DeleteIcon />
                    </IconButton>
                  )}
                </Box>
              }
              sx={{ pr: editable ? 12 : 6 }}
            >
              <ListItemText
                primary={file.name}
                secondary={`${TYPE_NAMES[file.type] ?? file.type} — ${formatSize(file.size)}${SCAN_NOTES[file.scan ?? ''] ?? ''}`}
                slotProps={{ primary: { sx: { wordBreak: 'break-all' } }, secondary: { sx: file.scan === 'infected' ? { color: 'error.main', fontWeight: 700 } : undefined } }}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" sx={{ mt: 1 }}>Aucun document joint.</Typography>
      )}
      {canAdd && (
        <>
          <input
            ref={input}
            id={`${id}-input`}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={`Ajouter un document : ${spec.label}`}
            accept={spec.accept.join(',')}
            multiple={spec.multiple}
            onChange={(e) => void onFiles(e.currentTarget.files)}
          />
          <Button
            ref={browse}
            variant="outlined"
            startIcon={<UploadFileIcon />}
            disabled={busy}
            onClick={() => input.current?.click()}
            aria-label={`Parcourir : ajouter ${spec.multiple ? 'un ou plusieurs documents' : 'un document'} pour « ${spec.label} »`}
            sx={{ mt: 1 }}
          >
            Parcourir
          </Button>
        </>
      )}
      <Box role="status" aria-live="polite" className="visually-hidden">{status}</Box>
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}

function JustificatifLayout({ uischema, visible }: LayoutProps) {
  if (!visible) return null;
  return <JustificatifField justificatifKey={(uischema as UISchemaElement & { key: string }).key} />;
}

export const justificatifTester = rankWith(10, uiTypeIs('Justificatif'));
export const JustificatifRenderer = withJsonFormsLayoutProps(JustificatifLayout);
