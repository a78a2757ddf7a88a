// Browser-facing protections: security headers (helmet, strict CSP), CSRF (token tied to
// the session + Origin check), and no-store on API answers.
import helmet from 'helmet';
import type { Request, RequestHandler } from 'express';
import type { AppDeps } from '../deps.js';
import { hmacHex, safeEqual } from '../crypto.js';
import { AppError } from './errors.js';

export function securityHeaders(deps: AppDeps): RequestHandler {
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

export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** The CSRF token of this browser: bound to the session, or to the anonymous cookie before login. */
export function csrfTokenOf(req: Request, deps: AppDeps): string | null {
  const auth = req.auth;
  if (auth?.sessionHash) return hmacHex(deps.config.sessionSecret, `csrf:s:${auth.sessionHash}`);
  if (auth?.anonId) return hmacHex(deps.config.sessionSecret, `csrf:a:${auth.anonId}`);
  return null;
}

function allowedOrigins(deps: AppDeps): Set<string> {
  return new Set([new URL(deps.config.publicUrl).origin, ...deps.config.allowedOrigins]);
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
