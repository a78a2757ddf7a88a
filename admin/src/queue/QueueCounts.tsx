// Files de traitement: one row per démarche and status with its count; each opens the
// filtered list below.
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { QueueCount } from '../api.js';
import { paths } from '../paths.js';
import { ScrollTable } from './ScrollTable.js';

export function QueueCounts({ queues, current }: { queues: QueueCount[]; current: { code: string; status: string } }) {
  if (!queues.length) return <p>Aucun dossier n’a encore été déposé.</p>;
  return (
    <ScrollTable labelId="files-caption">
      <Table size="small">
        <caption id="files-caption" className="visually-hidden">Nombre de dossiers par démarche et par statut</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Démarche</TableCell>
            <TableCell component="th" scope="col">Statut</TableCell>
            <TableCell component="th" scope="col" align="right">Dossiers</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {queues.map((q) => {
            const selected = current.code === q.code && current.status === q.status;
            const href = `${paths.queues}?${new URLSearchParams({ code: q.code, status: q.status }).toString()}`;
            return (
              <TableRow key={`${q.code}-${q.status}`} selected={selected}>
                <TableCell component="th" scope="row">
                  <Link href={href} aria-current={selected ? 'true' : undefined}>
                    {q.code} — {q.title}
                  </Link>
                </TableCell>
                <TableCell>{q.statusLabel}</TableCell>
                <TableCell align="right">{q.count.toLocaleString('fr-FR')}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
