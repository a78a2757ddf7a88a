// How both front ends start (the parents' app here, the back office in admin/): Emotion's
// cache with the CSP nonce, the theme, the router and the session around their App.
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { CacheProvider } from '@emotion/react';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import { emotionCache } from './emotion.js';
import { theme } from './theme.js';
import { RouterProvider } from './router.js';
import { SessionProvider } from './session.js';

export function mountApp(App: ComponentType): void {
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
}
