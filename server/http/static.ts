// Serving the built front ends: the parents' app at /, the back office at /admin/. Hashed
// assets are cached for a year; each HTML page gets a fresh CSP nonce that Emotion (MUI's
// styles) reads, so no style or script runs without it.
import express, { type Express, type Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

const PLACEHOLDER = /__CSP_NONCE__/g;

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // Positioning libraries set style attributes; they cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendPage(res: Response, html: string): void {
  const nonce = randomBytes(16).toString('base64');
  res.status(200).set({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': contentSecurityPolicy(nonce),
  });
  res.end(html.replace(PLACEHOLDER, nonce));
}

function mountApp(app: Express, base: string, root: string): boolean {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const html = readFileSync(indexFile, 'utf8');
  const prefix = base === '/' ? '' : base;
  app.use(`${prefix}/assets`, express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use(prefix || '/', express.static(root, { index: false, maxAge: '1h' }));
  const page = (_req: unknown, res: Response) => sendPage(res, html);
  if (prefix) {
    app.get(prefix, page);
    app.get(`${prefix}/{*splat}`, page);
  } else {
    app.get('/{*splat}', page);
  }
  return true;
}

/** Mounts dist/admin at /admin/ and dist/renderer at / (whichever are built). */
export function mountFrontEnds(app: Express, dist = DIST_DIR): void {
  mountApp(app, '/admin', join(dist, 'admin'));
  if (!mountApp(app, '/', join(dist, 'renderer'))) {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain; charset=utf-8').send("Le portail n'est pas encore construit : lancez « npm run build » (npm start le fait).");
    });
  }
}
