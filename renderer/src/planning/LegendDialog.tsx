// « Aide »: the colour legend of the calendar, each colour with its icon and words.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { LABELS } from './cellView.js';
import { LEGEND, LOOKS } from './looks.js';

export function LegendDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="legende-titre" fullWidth maxWidth="sm">
      <DialogTitle id="legende-titre">Légende des couleurs</DialogTitle>
      {/* Focusable so that a long content scrolls from the keyboard too. */}
      <DialogContent tabIndex={0} role="region" aria-labelledby="legende-titre">
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
          {LEGEND.map(({ key, text }) => {
            const look = LOOKS[key];
            return (
              <Box component="li" key={key} sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }}>
                <Box
                  component="span"
                  sx={{ flex: '0 0 11rem', display: 'flex', alignItems: 'center', gap: 0.5, p: 0.5, fontWeight: 700, fontSize: '0.8rem', color: look.fg, bgcolor: look.bg, border: `2px ${look.borderStyle} ${look.border}`, borderRadius: 1 }}
                >
                  <look.Icon fontSize="small" aria-hidden />
                  {LABELS[key]}
                </Box>
                <Box component="span" sx={{ fontSize: '0.9rem' }}>
                  {text}
                </Box>
              </Box>
            );
          })}
        </Box>
        <Box component="p" sx={{ mt: 2, mb: 0 }}>
          Au clavier : les flèches déplacent d’une case à l’autre, Entrée ou Espace marque ou retire une demande. Les demandes ne sont prises en compte
          qu’après « Enregistrer ». Si vous ne pouvez pas procéder à une réservation ou modification en ligne, contactez le service Scolaire de votre Mairie.
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">Fermer</Button>
      </DialogActions>
    </Dialog>
  );
}
