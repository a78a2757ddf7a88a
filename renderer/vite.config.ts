// Build of the parents' app: `npm run build:renderer` → dist/renderer (served by server/ with an SPA fallback).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The server replaces this placeholder with a fresh nonce per HTML response (renderer/README.md);
  // Emotion reads it from <meta property="csp-nonce"> so MUI's <style> tags pass a strict CSP.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // .vite/manifest.json: the chunk graph renderer/bundle-size.ts reads to size the first route.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // Dev: the API runs on the Express server (npm start, port 3000 by default).
    proxy: { '/api': { target: process.env.API_TARGET ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
