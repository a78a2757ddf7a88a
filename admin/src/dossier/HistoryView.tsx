// The dossier's full history, oldest first: who did what and when, with the reason of a
// rejection, the fields sent back, and the agents' internal notes (never shown to families).
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../../../renderer/src/format.js';
import { Empty } from '../../../renderer/src/ui.js';
import type { HistoryEntry } from '../api.js';
import { eventLabel, roleLabel } from './labels.js';

interface Props {
  history: HistoryEntry[];
  fieldLabel: (pointer: string) => string;
  justificatifLabel: (key: string) => string;
}

function details(entry: HistoryEntry, props: Props): string[] {
  const d = entry.data ?? {};
  const out: string[] = [];
  if (typeof d.text === 'string') out.push(d.text);
  if (typeof d.reason === 'string') out.push(`Motif : ${d.reason}`);
  if (Array.isArray(d.fields) && d.fields.length) out.push(`Champs à corriger : ${d.fields.map((f) => props.fieldLabel(String(f))).join(' ; ')}`);
  if (Array.isArray(d.justificatifs) && d.justificatifs.length) out.push(`Pièces à fournir à nouveau : ${d.justificatifs.map((k) => props.justificatifLabel(String(k))).join(' ; ')}`);
  if (typeof d.message === 'string') out.push(`Message à la famille : ${d.message}`);
  const file = d.file as { name?: string } | undefined;
  if (typeof d.key === 'string' && (entry.type === 'ATTACH' || entry.type === 'DETACH')) out.push(`${props.justificatifLabel(d.key)}${file?.name ? ` : ${file.name}` : ''}`);
  if (entry.type === 'TAKE' && d.from) out.push('Repris à un collègue.');
  return out;
}

export function HistoryView(props: Props) {
  const { history } = props;
  if (!history.length) return <Empty>Aucun événement.</Empty>;
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {history.map((entry, i) => {
        const note = entry.type === 'NOTE';
        const lines = details(entry, props);
        return (
          <Box
            component="li"
            key={i}
            sx={{ borderLeft: 4, borderColor: note ? 'warning.main' : 'divider', pl: 1.5, py: 0.75, mb: 1, bgcolor: note ? '#fff8e6' : undefined }}
          >
            <Typography sx={{ fontWeight: 700 }}>
              {eventLabel(entry.type)}
              {note ? ' (visible des agents seulement)' : ''}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> — {entry.actor.name}
              {entry.actor.role && entry.actor.role !== 'parent' ? ` (${roleLabel(entry.actor.role)})` : ''}
            </Typography>
            {lines.map((line, j) => (
              <Typography key={j} sx={{ whiteSpace: 'pre-line', wordBreak: 'break-word' }}>{line}</Typography>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
