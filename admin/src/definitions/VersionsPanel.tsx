// The version history of a démarche: who published what and when, the differences between a
// version and the one before it (or the draft being edited), and restoring an old version.
import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../../../renderer/src/format.js';
import { definitionsApi, type DefinitionFiles, type VersionItem } from './api.js';
import { diffFiles, type Change } from './diff.js';
import { DiffTable } from './DiffTable.js';
import { errorMessage } from '../ui.js';

export interface VersionsPanelProps {
  code: string;
  /** The files in the editor (null while one of them is not valid JSON). */
  draft: DefinitionFiles | null;
  /** Bumped after a publication, to read the list again. */
  refreshKey: number;
  onRestored: (versionId: string) => void;
}

export function VersionsPanel({ code, draft, refreshKey, onRestored }: VersionsPanelProps) {
  const [versions, setVersions] = useState<VersionItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ caption: string; changes: Change[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(null);
    definitionsApi.versions(code).then(setVersions, (e) => setError(errorMessage(e)));
  }, [code]);
  useEffect(load, [load, refreshKey]);

  const files = async (versionId: string) => (await definitionsApi.version(code, versionId)).files;

  const compareWithPrevious = async (index: number) => {
    if (!versions) return;
    setBusy(true);
    try {
      const v = versions[index];
      const previous = versions[index + 1];
      const after = await files(v.versionId);
      const before = previous ? await files(previous.versionId) : null;
      setDiff({ caption: previous ? `Version du ${formatDateTime(v.publishedAt)} comparée à celle du ${formatDateTime(previous.publishedAt)}` : `Première version (${formatDateTime(v.publishedAt)})`, changes: diffFiles(before, after) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const compareDraft = async () => {
    const current = versions?.find((v) => v.current);
    if (!draft || !current) return;
    setBusy(true);
    try {
      setDiff({ caption: 'Brouillon en cours comparé à la version en ligne', changes: diffFiles(await files(current.versionId), draft) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (v: VersionItem) => {
    if (!window.confirm(`Republier la version du ${formatDateTime(v.publishedAt)} ? Elle deviendra la version que les familles utilisent dès maintenant.`)) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await definitionsApi.restore(code, v.versionId);
      setMessage(`La version du ${formatDateTime(v.publishedAt)} est de nouveau en ligne (nouvelle version ${result.versionId.slice(0, 12)}).`);
      load();
      onRestored(result.versionId);
    } catch (e) {
      setMessage(`Restauration impossible : ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Box role="status" aria-live="polite">{message && <Alert severity={message.startsWith('Restauration impossible') ? 'error' : 'success'} sx={{ mb: 2 }}>{message}</Alert>}</Box>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      {versions === null && !error && <Typography role="status">Chargement de l’historique…</Typography>}
      {versions && versions.length === 0 && <Typography>Cette démarche n’a encore jamais été publiée.</Typography>}
      {versions && versions.length > 0 && (
        <>
          <Button variant="outlined" size="small" onClick={compareDraft} disabled={busy || !draft || !versions.some((v) => v.current)} sx={{ mb: 2 }}>
            Comparer le brouillon à la version en ligne
          </Button>
          <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Versions publiées, de la plus récente à la plus ancienne">
            {versions.map((v, i) => (
              <Box component="li" key={v.id ?? `${v.versionId}-${i}`} sx={{ borderBottom: 1, borderColor: 'divider', py: 1, display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
                <Box sx={{ flexGrow: 1, minWidth: 200 }}>
                  <Typography sx={{ fontWeight: 700 }}>
                    Publiée le {formatDateTime(v.publishedAt)}{v.publishedBy ? ` par ${v.publishedBy}` : ''}{v.source === 'restore' ? ' (restauration)' : v.source === 'import' ? ' (import)' : ''}
                    {v.current && <Chip label="En ligne" color="success" size="small" sx={{ ml: 1 }} />}
                  </Typography>
                  <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>Version {v.versionId}</Typography>
                </Box>
                <Button size="small" variant="text" onClick={() => compareWithPrevious(i)} disabled={busy}>
                  Différences<Box component="span" sx={visuallyHidden}> de la version du {formatDateTime(v.publishedAt)}</Box>
                </Button>
                {!v.current && (
                  <Button size="small" variant="outlined" onClick={() => restore(v)} disabled={busy}>
                    Restaurer<Box component="span" sx={visuallyHidden}> la version du {formatDateTime(v.publishedAt)}</Box>
                  </Button>
                )}
              </Box>
            ))}
          </Box>
        </>
      )}
      {diff && <DiffTable caption={diff.caption} changes={diff.changes} />}
    </Box>
  );
}

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
