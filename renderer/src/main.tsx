// Entry of the parents' app. Kept small: the shell, the router and the session; every page
// is a lazy chunk (the dossier wizard with JSONForms and the password meter above all).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CacheProvider } from '@emotion/react';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import { emotionCache } from './emotion.js';
import { theme } from './theme.js';
import { RouterProvider } from './router.js';
import { SessionProvider } from './session.js';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CacheProvider value={emotionCache}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <RouterProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </RouterProvider>
      </ThemeProvider>
    </CacheProvider>
  </StrictMode>,
);
