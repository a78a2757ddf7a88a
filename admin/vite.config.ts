// Build of the agents' back office: `npm run build:admin` → dist/admin, served by server/ at
// /admin/ with an SPA fallback (server/http/static.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  // The server replaces this placeholder with a fresh nonce per HTML response; Emotion reads
  // it from <meta property="csp-nonce"> (renderer/src/emotion.ts) so MUI's styles pass the CSP.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': { target: process.env.API_TARGET ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
