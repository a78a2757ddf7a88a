// Small pieces every page uses: the page heading (which also names the tab), loading and
// error states, empty states.
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { usePageTitle } from './usePageTitle.js';

export function PageHeading({ title, tabTitle, children }: { title: string; tabTitle?: string; children?: ReactNode }) {
  usePageTitle(tabTitle ?? title);
  return (
    <Box sx={{ mb: 3 }}>
      <Typography component="h1" variant="h1">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export function Loading({ label = 'Chargement en cours' }: { label?: string }) {
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 3 }}>
      <CircularProgress size={24} aria-hidden="true" />
      <span>{label}…</span>
    </Box>
  );
}

export function LoadError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Alert severity="error" role="alert" action={onRetry && <Button color="inherit" onClick={onRetry}>Réessayer</Button>}>
      {message}
    </Alert>
  );
}

export function Section({ title, id, children, action }: { title: string; id: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} variant="outlined" sx={{ p: { xs: 1.5, sm: 2 }, mb: 2, minWidth: 0 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography id={id} component="h2" variant="h2">
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <Typography color="text.secondary" sx={{ py: 1 }}>{children}</Typography>;
}

/** Label / value rows for read-only records (Mon profil, Mes enfants…). */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!shown.length) return <Empty>Aucune information enregistrée.</Empty>;
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(10rem, max-content) 1fr' }, columnGap: 2, rowGap: 0.5, m: 0 }}>
      {shown.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" sx={{ fontWeight: 700 }}>{label}</Typography>
          <Typography component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 }, wordBreak: 'break-word' }}>{value}</Typography>
        </Box>
      ))}
    </Box>
  );
}
