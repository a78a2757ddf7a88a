// One page of a queue: N° de traitement (opens the dossier), démarche, family, status, date
// of submission, age in days, who took it; a checkbox per row for bulk acceptance.
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatDateTime } from '../../../renderer/src/format.js';
import type { QueueItem } from '../api.js';
import { paths } from '../paths.js';
import { ScrollTable } from './ScrollTable.js';
import { ageText } from './age.js';

interface Props {
  items: QueueItem[];
  caption: string;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (checked: boolean) => void;
  currentUserId: string;
}

export function QueueTable({ items, caption, selected, onToggle, onToggleAll, currentUserId }: Props) {
  const allChecked = items.length > 0 && items.every((d) => selected.has(d.id));
  const someChecked = items.some((d) => selected.has(d.id));
  return (
    <ScrollTable labelId="queue-caption">
      <Table size="small" sx={{ minWidth: 880 }}>
        <caption id="queue-caption" style={{ captionSide: 'top', textAlign: 'left', padding: '8px 16px', fontWeight: 700, color: 'inherit' }}>
          {caption}
        </caption>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Checkbox
                checked={allChecked}
                indeterminate={someChecked && !allChecked}
                onChange={(e) => onToggleAll(e.target.checked)}
                disabled={!items.length}
                slotProps={{ input: { 'aria-label': 'Sélectionner tous les dossiers de la page' } }}
              />
            </TableCell>
            <TableCell component="th" scope="col">N° de traitement</TableCell>
            <TableCell component="th" scope="col">Démarche</TableCell>
            <TableCell component="th" scope="col">Famille</TableCell>
            <TableCell component="th" scope="col">Statut</TableCell>
            <TableCell component="th" scope="col">Déposé le</TableCell>
            <TableCell component="th" scope="col">Ancienneté</TableCell>
            <TableCell component="th" scope="col">Pris en charge par</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((d) => {
            const label = d.number ?? 'sans numéro';
            return (
              <TableRow key={d.id} selected={selected.has(d.id)} hover>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={selected.has(d.id)}
                    onChange={() => onToggle(d.id)}
                    slotProps={{ input: { 'aria-label': `Sélectionner le dossier N° ${label} (${d.familyName})` } }}
                  />
                </TableCell>
                <TableCell component="th" scope="row">
                  <Link href={paths.dossier(d.id)} aria-label={`Ouvrir le dossier N° ${label}`}>{label}</Link>
                </TableCell>
                <TableCell>{d.code} — {d.title}</TableCell>
                <TableCell>
                  {d.familyName}
                  {d.childName ? ` (enfant : ${d.childName})` : ''}
                </TableCell>
                <TableCell>{d.statusLabel}</TableCell>
                <TableCell>{formatDateTime(d.submittedAt)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: d.ageDays >= 7 ? 700 : undefined }}>{ageText(d.ageDays)}</TableCell>
                <TableCell>{d.assignedTo ? (d.assignedTo.id === currentUserId ? 'Moi' : d.assignedTo.name ?? 'un agent') : '—'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
