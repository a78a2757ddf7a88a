// The page heading of the back office (one h1, and the tab title says where the agent is).
import { useEffect, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Espace agents — Portail Famille`;
  }, [title]);
}

export function PageHeading({ title, tabTitle, children }: { title: ReactNode; tabTitle: string; children?: ReactNode }) {
  usePageTitle(tabTitle);
  return (
    <Box sx={{ mb: 2 }}>
      <Typography component="h1" variant="h1" sx={{ wordBreak: 'break-word' }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** A message read out by screen readers when it changes (results of actions). */
export function LiveRegion({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Box id={id} role="status" aria-live="polite" aria-atomic="true">
      {children}
    </Box>
  );
}

export { errorMessage } from '../../renderer/src/api.js';
