// A JSON diff by pointer as a table: file, pointer, kind, before, after.
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { KIND_LABELS, type Change } from './diff.js';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v, null, 2));

export function DiffTable({ changes, caption }: { changes: Change[]; caption: string }) {
  if (changes.length === 0) return <Typography sx={{ my: 1 }}>{caption} : aucune différence.</Typography>;
  return (
    <Box tabIndex={0} role="region" aria-label={caption} sx={{ overflowX: 'auto', my: 1, '&:focus-visible': { outline: '3px solid #1a56a8' } }}>
      <Table size="small">
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0', fontWeight: 700 }}>{`${caption} (${changes.length} différence${changes.length > 1 ? 's' : ''})`}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Fichier et pointeur</TableCell>
            <TableCell component="th" scope="col">Nature</TableCell>
            <TableCell component="th" scope="col">Avant</TableCell>
            <TableCell component="th" scope="col">Après</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c, i) => (
            <TableRow key={i}>
              <TableCell sx={{ wordBreak: 'break-all', minWidth: 140 }}><code>{c.file}.json#{c.pointer}</code></TableCell>
              <TableCell>{KIND_LABELS[c.kind]}</TableCell>
              <TableCell sx={{ bgcolor: c.before === undefined ? undefined : '#fdecea', verticalAlign: 'top' }}>
                <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 200, overflow: 'auto', fontSize: 12 }}>{show(c.before)}</Box>
              </TableCell>
              <TableCell sx={{ bgcolor: c.after === undefined ? undefined : '#e8f3ea', verticalAlign: 'top' }}>
                <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 200, overflow: 'auto', fontSize: 12 }}>{show(c.after)}</Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
