// The problems of the definition being edited: JSON syntax (found here at once) and the
// engine's checks (the CLI's text), each with a button that shows it in its file.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { formatIssue } from '../../../engine/check/issues.js';
import type { FileName, Issue } from './api.js';
import { fileOfIssue, lineColumn, rangeOfPointer, type SyntaxProblem } from './locate.js';

export type CheckStatus = 'checking' | 'done' | 'failed' | 'syntax';

export interface IssuesPanelProps {
  id: string;
  /** The démarche's code: issues on other démarches' files are listed without a place. */
  code: string;
  status: CheckStatus;
  failure: string | null;
  issues: Issue[];
  syntax: Partial<Record<FileName, SyntaxProblem[]>>;
  texts: Record<FileName, string>;
  onShow: (file: FileName, from: number, to: number) => void;
}

function summary({ status, failure, issues, syntax }: IssuesPanelProps): string {
  const syntaxCount = Object.values(syntax).reduce((n, list) => n + (list?.length ?? 0), 0);
  if (syntaxCount > 0) return `${syntaxCount} erreur${syntaxCount > 1 ? 's' : ''} de syntaxe JSON : corrigez-la${syntaxCount > 1 ? 's' : ''} pour lancer les vérifications du moteur.`;
  if (status === 'checking') return 'Vérification en cours…';
  if (status === 'failed') return `Vérification impossible : ${failure ?? 'le serveur ne répond pas.'}`;
  if (issues.length === 0) return 'Aucun problème détecté : la démarche peut être publiée.';
  return `${issues.length} problème${issues.length > 1 ? 's' : ''} détecté${issues.length > 1 ? 's' : ''} : la publication est impossible tant qu’il en reste.`;
}

export function IssuesPanel(props: IssuesPanelProps) {
  const { id, code, issues, syntax, texts, onShow } = props;
  const syntaxItems = (Object.entries(syntax) as [FileName, SyntaxProblem[]][]).flatMap(([file, list]) => list.map((p) => ({ file, p })));
  const text = summary(props);
  const ok = text.startsWith('Aucun problème');
  return (
    <Box component="section" aria-labelledby={`${id}-title`} sx={{ mt: 2 }}>
      <Typography id={`${id}-title`} component="h2" variant="h6">Vérifications</Typography>
      <Typography id={id} role="status" aria-live="polite" sx={{ fontWeight: 700, color: ok ? 'success.dark' : props.status === 'checking' ? 'text.primary' : 'error.main', my: 1 }}>
        {text}
      </Typography>
      <Box component="ul" sx={{ pl: 0, m: 0, listStyle: 'none', maxHeight: 320, overflowY: 'auto' }} aria-label="Problèmes de la définition">
        {syntaxItems.map(({ file, p }, i) => {
          const where = lineColumn(texts[file], p.from);
          return (
            <Box component="li" key={`s${i}`} sx={{ py: 0.5, borderBottom: 1, borderColor: 'divider', display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}>
              <Box component="span" sx={{ flexGrow: 1, wordBreak: 'break-word' }}>{`${file}.json, ligne ${where.line}, colonne ${where.column} : ${p.message}`}</Box>
              <Button size="small" onClick={() => onShow(file, p.from, p.to)}>Afficher<Box component="span" sx={hidden}> dans {file}.json</Box></Button>
            </Box>
          );
        })}
        {syntaxItems.length === 0 && issues.map((issue, i) => {
          const file = fileOfIssue(issue, code);
          const range = file ? rangeOfPointer(texts[file], issue.pointer) : null;
          const line = file && range ? lineColumn(texts[file], range.from).line : null;
          return (
            <Box component="li" key={i} sx={{ py: 0.5, borderBottom: 1, borderColor: 'divider', display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}>
              <Box component="span" sx={{ flexGrow: 1, wordBreak: 'break-word', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 }}>
                {formatIssue(issue)}
              </Box>
              {file && range && (
                <Button size="small" onClick={() => onShow(file, range.from, range.to)}>
                  Ligne {line}<Box component="span" sx={hidden}> de {file}.json</Box>
                </Button>
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
