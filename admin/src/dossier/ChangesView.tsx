// What accepting the dossier would change in the household: old value → new value for each
// field, list items added / updated / removed, and other named effects.
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Empty } from '../../../renderer/src/ui.js';
import type { HouseholdChange } from '../api.js';
import { ScrollTable } from '../queue/ScrollTable.js';
import { fieldLabel, recordLabel, valueText } from './labels.js';

const KIND: Record<HouseholdChange['kind'], string> = { set: 'Modification', update: 'Modification', add: 'Ajout', remove: 'Suppression', effect: 'Autre effet' };

function what(change: HouseholdChange): string {
  const record = recordLabel(change.record);
  if (change.kind === 'effect') return `Effet : ${change.record}`;
  if (change.kind === 'set' || change.kind === 'update') return `${record} › ${fieldLabel(change.field ?? '')}${change.kind === 'update' ? ' (élément existant)' : ''}`;
  return record;
}

export function ChangesView({ changes, inQueue }: { changes: HouseholdChange[]; inQueue: boolean }) {
  if (!inQueue) return <Empty>Le dossier n’est plus en attente de décision : aucune modification à prévoir.</Empty>;
  if (!changes.length) return <Empty>L’acceptation de ce dossier ne modifie pas le dossier de la famille.</Empty>;
  return (
    <ScrollTable labelId="changes-caption">
      <Table size="small" sx={{ minWidth: 560 }}>
        <caption id="changes-caption" className="visually-hidden">Modifications du dossier de la famille si la demande est acceptée</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Donnée</TableCell>
            <TableCell component="th" scope="col">Nature</TableCell>
            <TableCell component="th" scope="col">Valeur actuelle</TableCell>
            <TableCell component="th" scope="col">Nouvelle valeur</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c, i) => (
            <TableRow key={i}>
              <TableCell component="th" scope="row">{what(c)}</TableCell>
              <TableCell>{KIND[c.kind]}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{c.kind === 'add' || c.kind === 'effect' ? '—' : valueText(c.before)}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word', fontWeight: 700 }}>{c.kind === 'remove' ? '(supprimé)' : valueText(c.after)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
