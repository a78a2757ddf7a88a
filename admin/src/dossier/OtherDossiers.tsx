// The family's other dossiers (any démarche, any status), newest first.
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatDate } from '../../../renderer/src/format.js';
import { Empty } from '../../../renderer/src/ui.js';
import type { OtherDossier } from '../api.js';
import { paths } from '../paths.js';
import { ScrollTable } from '../queue/ScrollTable.js';

export function OtherDossiers({ dossiers }: { dossiers: OtherDossier[] }) {
  if (!dossiers.length) return <Empty>La famille n’a pas d’autre dossier envoyé.</Empty>;
  return (
    <ScrollTable labelId="others-caption">
      <Table size="small" sx={{ minWidth: 560 }}>
        <caption id="others-caption" className="visually-hidden">Autres dossiers de la famille</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">N° de traitement</TableCell>
            <TableCell component="th" scope="col">Démarche</TableCell>
            <TableCell component="th" scope="col">Statut</TableCell>
            <TableCell component="th" scope="col">Envoyé le</TableCell>
            <TableCell component="th" scope="col">Décidé le</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {dossiers.map((d) => (
            <TableRow key={d.id}>
              <TableCell component="th" scope="row">
                <Link href={paths.dossier(d.id)}>{d.number ?? 'sans numéro'}</Link>
              </TableCell>
              <TableCell>{d.code} — {d.title}</TableCell>
              <TableCell>{d.statusLabel}</TableCell>
              <TableCell>{formatDate(d.submittedAt) || '—'}</TableCell>
              <TableCell>{formatDate(d.decidedAt) || '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
