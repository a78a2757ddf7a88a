// The child's private iCalendar link (to subscribe from a phone's calendar): shown on demand,
// copied, or regenerated (the old link then stops working).
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import RefreshIcon from '@mui/icons-material/Refresh';
import { LoadError } from '../ui.js';
import type { PlanningChild } from './client.js';
import { planningApi } from './client.js';

function ChildFeed({ child }: { child: PlanningChild }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const run = async (load: () => Promise<{ url: string }>, done: string) => {
    setError(null);
    try {
      setUrl((await load()).url);
      setMessage(done);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Lien copié dans le presse-papiers.');
    } catch {
      (document.getElementById(`ical-${child.id}`) as HTMLInputElement | null)?.select();
      setMessage('Copie impossible : le lien est sélectionné, copiez-le avec Ctrl+C.');
    }
  };
  return (
    <Box component="li" sx={{ mb: 2 }}>
      <Typography component="h3" variant="h3" sx={{ mb: 1 }}>{child.firstName}</Typography>
      {url ? (
        <>
          <TextField
            id={`ical-${child.id}`}
            label={`Lien privé du calendrier de ${child.firstName}`}
            value={url}
            fullWidth
            size="small"
            slotProps={{ htmlInput: { readOnly: true }, inputLabel: { shrink: true } }}
            onFocus={(e) => e.target.select()}
          />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
            <Button variant="outlined" startIcon={<ContentCopyIcon aria-hidden />} onClick={copy}>Copier le lien</Button>
            {confirming ? (
              <>
                <Button color="error" variant="contained" onClick={() => { setConfirming(false); void run(() => planningApi.regenerateCalendarFeed(child.id), 'Nouveau lien créé : l’ancien ne fonctionne plus.'); }}>
                  Confirmer : créer un nouveau lien
                </Button>
                <Button onClick={() => setConfirming(false)}>Garder le lien actuel</Button>
              </>
            ) : (
              <Button startIcon={<RefreshIcon aria-hidden />} onClick={() => setConfirming(true)}>Régénérer le lien</Button>
            )}
          </Box>
          {confirming && <Typography sx={{ mt: 1 }}>L’ancien lien cessera de fonctionner : il faudra ajouter le nouveau dans vos agendas.</Typography>}
        </>
      ) : (
        <Button variant="outlined" onClick={() => run(() => planningApi.calendarFeed(child.id), 'Lien affiché.')}>
          Obtenir le lien du calendrier de {child.firstName}
        </Button>
      )}
      {error && <LoadError message={error} />}
      <Box role="status" className="visually-hidden">{message}</Box>
    </Box>
  );
}

export function CalendarFeeds({ children }: { children: PlanningChild[] }) {
  return (
    <>
      <Typography sx={{ mb: 2 }}>
        Ajoutez les réservations de votre enfant à l’agenda de votre téléphone : copiez son lien privé et abonnez-vous-y depuis votre application d’agenda.
        Ne le partagez qu’avec des personnes de confiance ; en cas de doute, régénérez-le.
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {children.map((child) => <ChildFeed key={child.id} child={child} />)}
      </Box>
    </>
  );
}
