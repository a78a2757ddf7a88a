// What the two front ends build alike (the parents' app, renderer/vite.config.ts, and the back
// office, admin/vite.config.ts): React, the CSP nonce placeholder, hashed assets with a
// manifest, and the dev proxy to the API.
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** `root`: the front end's folder (its index.html); `base`: where the server serves it; `outDir`: under dist/. */
export function frontEndConfig(options: { root: URL; base: string; outDir: string }): UserConfig {
  return defineConfig({
    root: fileURLToPath(options.root),
    base: options.base,
    plugins: [react()],
    // The server replaces this placeholder with a fresh nonce per HTML response (renderer/README.md);
    // Emotion reads it from <meta property="csp-nonce"> so MUI's <style> tags pass a strict CSP.
    html: { cspNonce: '__CSP_NONCE__' },
    build: {
      outDir: fileURLToPath(new URL(`../dist/${options.outDir}`, options.root)),
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
}
