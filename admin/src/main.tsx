// Entry of the agents' back office. Same theme, router, session and Emotion nonce as the
// parents' app (renderer/src); the dossier page (JSONForms definitions) is a lazy chunk.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CacheProvider } from '@emotion/react';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import { emotionCache } from '../../renderer/src/emotion.js';
import { theme } from '../../renderer/src/theme.js';
import { RouterProvider } from '../../renderer/src/router.js';
import { SessionProvider } from '../../renderer/src/session.js';
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
