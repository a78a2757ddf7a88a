// The summary window shown after « Enregistrer » and after « Semaine type »: how many requests
// were booked, to be confirmed, waiting-listed, cancelled or refused (and why), and the price.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import type { BookingReport, Outcome } from './client.js';
import { formatDate, formatEuros } from '../format.js';
import { groupResults, OUTCOME_LABELS } from './report.js';
import { LOOKS } from './looks.js';

const COUNTS: Outcome[] = ['booked', 'requested', 'waiting', 'cancelled', 'refused'];

interface Props {
  title: string;
  report: BookingReport | null;
  names: { child: (id: string) => string; activity: (id: string) => string };
  onClose: () => void;
}

export function ReportDialog({ title, report, names, onClose }: Props) {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const groups = report ? groupResults(report.results) : [];
  return (
    <Dialog open={Boolean(report)} onClose={onClose} aria-labelledby="rapport-titre" aria-describedby="rapport-resume" fullWidth maxWidth="md" fullScreen={phone}>
      <DialogTitle id="rapport-titre">{title}</DialogTitle>
      {/* Focusable so that a long content scrolls from the keyboard too. */}
      <DialogContent tabIndex={0} role="region" aria-labelledby="rapport-titre">
        {report && (
          <>
            <Box id="rapport-resume" component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0, mb: 2 }}>
              {COUNTS.map((outcome) => {
                const look = LOOKS[outcome];
                return (
                  <Box component="li" key={outcome} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 1, py: 0.5, borderRadius: 1, color: look.fg, bgcolor: look.bg, border: `2px solid ${look.border}` }}>
                    <look.Icon fontSize="small" aria-hidden />
                    {OUTCOME_LABELS[outcome]} : {report.summary[outcome]}
                  </Box>
                );
              })}
              <Box component="li" sx={{ px: 1, py: 0.5, fontWeight: 700 }}>
                Montant total : {formatEuros(report.summary.totalCents)}
              </Box>
            </Box>
            {groups.length === 0 ? (
              <Typography>Aucune demande n’a été envoyée.</Typography>
            ) : (
              <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Détail, tableau défilant">
                <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', fontSize: '0.875rem', '& th, & td': { textAlign: 'left', p: 0.75, borderBottom: '1px solid #c4c9d0', verticalAlign: 'top' } }}>
                  <caption className="visually-hidden">Détail par enfant et activité : ce qui a été réservé et ce qui ne l’a pas été, et pourquoi</caption>
                  <thead>
                    <tr>
                      <th scope="col">Enfant</th>
                      <th scope="col">Activité</th>
                      <th scope="col">Résultat</th>
                      <th scope="col">Dates</th>
                      <th scope="col">Motif</th>
                      <th scope="col">Prix</th>
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map((g) => (
                      <tr key={`${g.childId}|${g.activityId}|${g.label}|${g.reason}`} data-outcome={g.outcome}>
                        <td>{names.child(g.childId)}</td>
                        <td>{names.activity(g.activityId)}</td>
                        <td>
                          <strong>{g.label}</strong>
                          {g.waitingRanks.length > 0 && ` (rang ${[...new Set(g.waitingRanks)].join(', ')})`}
                          <br />
                          {g.dates.length} date{g.dates.length > 1 ? 's' : ''}
                        </td>
                        <td>{g.dates.map((d) => formatDate(d).slice(0, 5)).join(', ')}</td>
                        <td>{g.reason || '—'}</td>
                        <td>{g.amountCents ? formatEuros(g.amountCents) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </Box>
              </Box>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">Fermer</Button>
      </DialogActions>
    </Dialog>
  );
}
