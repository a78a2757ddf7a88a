// A wide table on a narrow screen scrolls sideways inside its own region, which keyboard
// users can focus and scroll (RGAA: content reachable at 320–360 px without losing columns).
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';

export function ScrollTable({ labelId, children }: { labelId: string; children: ReactNode }) {
  return (
    <Box role="region" aria-labelledby={labelId} tabIndex={0} sx={{ overflowX: 'auto', maxWidth: '100%', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper', '&:focus-visible': { outline: '3px solid #f5a700', outlineOffset: 2 } }}>
      {children}
    </Box>
  );
}
