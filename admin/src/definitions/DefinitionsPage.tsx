// "Démarches" for administrators: every démarche with its published version and its draft;
// create one (blank template or a copy), import one from a JSON file.
import { useCallback, useEffect, useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Link, useRouter } from '../../../renderer/src/router.js';
import { Loading, LoadError } from '../../../renderer/src/ui.js';
import { formatDateTime } from '../../../renderer/src/format.js';
import { formatIssue } from '../../../engine/check/issues.js';
import { PageHeading, errorMessage } from '../ui.js';
import { definitionsApi, issuesOf, type DefinitionListItem, type Issue } from './api.js';
import { definitionPaths } from './paths.js';

const BLANK = 'vierge';

function CreateForm({ items, onCreated }: { items: DefinitionListItem[]; onCreated: (code: string) => void }) {
  const id = useId();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState(BLANK);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeError = code && !/^[0-9]{2,3}$/.test(code) ? 'Deux ou trois chiffres, par exemple 11.' : items.some((i) => i.code === code) ? 'Ce numéro est déjà pris.' : null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!code || !title.trim() || codeError) {
      setError(!code ? 'Indiquez le numéro de la démarche.' : !title.trim() ? 'Indiquez le titre de la démarche.' : codeError);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await definitionsApi.create({ code, title: title.trim(), ...(from !== BLANK ? { from } : {}) });
      onCreated(created.code);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" aria-labelledby={`${id}-h`} variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Typography id={`${id}-h`} component="h2" variant="h5" sx={{ mb: 2 }}>Nouvelle démarche</Typography>
      <Box component="form" noValidate onSubmit={submit} sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="Numéro" required value={code} onChange={(e) => setCode(e.target.value.trim())} error={!!codeError} helperText={codeError ?? 'Ex. : 11'} inputProps={{ inputMode: 'numeric' }} sx={{ width: 140 }} />
        <TextField label="Titre" required value={title} onChange={(e) => setTitle(e.target.value)} helperText="Tel que les familles le verront" sx={{ flexGrow: 1, minWidth: 220 }} />
        <TextField select label="Modèle" value={from} onChange={(e) => setFrom(e.target.value)} sx={{ minWidth: 240 }} helperText="Vierge, ou copie d’une démarche">
          <MenuItem value={BLANK}>Démarche vierge</MenuItem>
          {items.map((i) => <MenuItem key={i.code} value={i.code}>{`Copie de ${i.code} — ${i.title}`}</MenuItem>)}
        </TextField>
        <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 1 }}>Créer le brouillon</Button>
      </Box>
      <Box role="status" aria-live="polite">{error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}</Box>
    </Paper>
  );
}

function ImportForm({ onImported }: { onImported: (code: string, issues: Issue[]) => void }) {
  const id = useId();
  const [result, setResult] = useState<{ severity: 'error' | 'success'; text: string; issues: Issue[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
      } catch (err) {
        setResult({ severity: 'error', text: `« ${file.name} » n’est pas un fichier JSON valide : ${errorMessage(err)}`, issues: [] });
        return;
      }
      const r = await definitionsApi.importDocument(document);
      setResult({ severity: 'success', text: `Démarche ${r.code} importée comme brouillon${r.issues.length ? ` (${r.issues.length} problème${r.issues.length > 1 ? 's' : ''} à corriger avant publication)` : ''}.`, issues: r.issues });
      onImported(r.code, r.issues);
    } catch (err) {
      setResult({ severity: 'error', text: `Import refusé : ${errorMessage(err)}`, issues: issuesOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" aria-labelledby={`${id}-h`} variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Typography id={`${id}-h`} component="h2" variant="h5" sx={{ mb: 1 }}>Importer une démarche</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>Un fichier exporté d’un Portail Famille (format « portail-famille/demarche ») devient le brouillon de son numéro.</Typography>
      <Button variant="outlined" component="label" disabled={busy}>
        Choisir un fichier JSON…
        <input type="file" accept=".json,application/json" hidden onChange={onFile} aria-label="Fichier de démarche à importer" />
      </Button>
      <Box role="status" aria-live="polite">
        {result && (
          <Alert severity={result.severity} sx={{ mt: 2 }}>
            {result.text}
            {result.issues.length > 0 && <Box component="ul" sx={{ m: 0, pl: 2, wordBreak: 'break-word' }}>{result.issues.map((i, n) => <li key={n}>{formatIssue(i)}</li>)}</Box>}
          </Alert>
        )}
      </Box>
    </Paper>
  );
}

export default function DefinitionsPage() {
  const { navigate } = useRouter();
  const [items, setItems] = useState<DefinitionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    definitionsApi.list().then((list) => setItems([...list].sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }))), (e) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  return (
    <>
      <PageHeading title="Démarches" tabTitle="Démarches">
        <Typography sx={{ mt: 1 }}>Les démarches proposées aux familles : leur version en ligne, leurs brouillons. Une version publiée sert aussitôt aux nouvelles démarches des familles.</Typography>
      </PageHeading>
      {error && <LoadError message={error} onRetry={load} />}
      {items === null && !error && <Loading label="Chargement des démarches" />}
      {items && (
        <>
          <Box tabIndex={0} role="region" aria-label="Liste des démarches" sx={{ overflowX: 'auto', mb: 3, '&:focus-visible': { outline: '3px solid #1a56a8' } }}>
            <Table size="small">
              <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}>{`${items.length} démarche${items.length > 1 ? 's' : ''}`}</caption>
              <TableHead>
                <TableRow>
                  <TableCell component="th" scope="col">N°</TableCell>
                  <TableCell component="th" scope="col">Titre</TableCell>
                  <TableCell component="th" scope="col">Version en ligne</TableCell>
                  <TableCell component="th" scope="col">Brouillon</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((i) => (
                  <TableRow key={i.code}>
                    <TableCell>{i.code}</TableCell>
                    <TableCell><Link href={definitionPaths.editor(i.code)}>{i.title}</Link></TableCell>
                    <TableCell>{i.current ? `Publiée le ${formatDateTime(i.current.publishedAt)}${i.current.publishedBy ? ` par ${i.current.publishedBy}` : ''}` : 'Non publiée'}</TableCell>
                    <TableCell>{i.draft ? `Modifié le ${formatDateTime(i.draft.updatedAt)}${i.draft.updatedBy ? ` par ${i.draft.updatedBy}` : ''}` : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          <CreateForm items={items} onCreated={(code) => navigate(definitionPaths.editor(code))} />
          <ImportForm onImported={() => load()} />
        </>
      )}
    </>
  );
}
