// Browser-facing protections: security headers (helmet's for pages, a strict set with
// no-store for the API), CSRF (token tied to the session + Origin check).
import helmet from 'helmet';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.js';
import { hmacHex, safeEqual } from '../crypto.js';
import { AppError } from './errors.js';

/**
 * Security headers. Pages and files get helmet's set for our configuration; it does not
 * depend on the request, so helmet computes it once (against a recording response). JSON
 * answers of the API get the set OWASP recommends for a REST API, stricter where it matters
 * (nothing may load or frame them: default-src 'none') and without the headers that only
 * mean something for a document; every answer of the API also says no-store.
 */
export function securityHeaders(deps: AppDeps): (req: Request, res: Response) => void {
  const page: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => page.push([name, value]),
    removeHeader: () => undefined,
  };
  helmetFor(deps)({} as never, recorder as never, () => undefined);
  const api: [string, string][] = [
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Referrer-Policy', 'no-referrer'],
    ...page.filter(([name]) => name === 'Strict-Transport-Security'),
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Cache-Control', 'no-store'],
  ];
  return (req, res) => {
    for (const [name, value] of isApi(req.url) ? api : page) res.setHeader(name, value);
  };
}

function helmetFor(deps: AppDeps) {
  const https = deps.config.publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MUI/emotion inject <style> elements; scripts stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Reset links carry a token: never leak the URL to another site.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}

const isApi = (url: string) => url.startsWith('/api') && (url.length === 4 || url[4] === '/' || url[4] === '?');

/** The CSRF token of this browser: bound to the session, or to the anonymous cookie before login. */
export function csrfTokenOf(req: Request, deps: AppDeps): string | null {
  const auth = req.auth;
  if (auth?.sessionHash) return hmacHex(deps.config.sessionSecret, `csrf:s:${auth.sessionHash}`);
  if (auth?.anonId) return hmacHex(deps.config.sessionSecret, `csrf:a:${auth.anonId}`);
  return null;
}

const originsOf = new WeakMap<AppDeps['config'], Set<string>>();
function allowedOrigins(deps: AppDeps): Set<string> {
  let origins = originsOf.get(deps.config);
  if (!origins) {
    origins = new Set([new URL(deps.config.publicUrl).origin, ...deps.config.allowedOrigins]);
    originsOf.set(deps.config, origins);
  }
  return origins;
}

export function checkCsrf(req: Request, deps: AppDeps): void {
  const origin = req.headers.origin;
  if (!origin || !allowedOrigins(deps).has(origin)) {
    throw new AppError('CSRF', 'Requête refusée : elle ne provient pas du portail.');
  }
  const expected = csrfTokenOf(req, deps);
  const given = req.headers['x-csrf-token'];
  if (!expected || typeof given !== 'string' || !safeEqual(given, expected)) {
    throw new AppError('CSRF', 'Votre session a expiré : rechargez la page puis réessayez.');
  }
}
