// Second factor routes (server/API.md, "Second factor"): the code after the password at
// login, and the enrolment page of the back office (QR code, confirmation, recovery codes).
import type { Request, Response } from 'express';
import type { RouteDef } from '../http/routes.js';
import type { AppDeps, SessionUser } from '../deps.js';
import { object, str, uuid } from '../http/validate.js';
import { AppError } from '../http/errors.js';
import { csrfTokenOf } from '../http/security.js';
import { createSession, endSession, setSessionCookie } from './sessions.js';
import { confirmEnrolment, renewRecoveryCodes, resetSecondFactor, secondFactorStatus, startEnrolment, verifySecondFactor } from './totp.js';

const code = () => str(6, { pattern: '^[0-9]{6}$' });
const recoveryCode = () => str(40, { pattern: '^[A-Za-z2-7 -]{16,40}$' });

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: { enum: ['parent', 'agent', 'admin'] },
    familyId: { type: ['string', 'null'] }, displayName: { type: 'string' }, pending: { enum: ['totp', 'enrol'] },
  },
};

/** The second factor is done: a new session id (rotation), without restriction. */
async function completeSession(req: Request, res: Response, deps: AppDeps, user: SessionUser, ip: string) {
  if (req.auth?.sessionHash) await endSession(deps.db, req.auth.sessionHash);
  const session = await createSession(deps.db, user.id, ip, deps.clock.now());
  setSessionCookie(res, deps, session.token);
  const done: SessionUser = { ...user };
  delete done.pending;
  req.auth = { user: done, sessionHash: session.hash, anonId: null };
  return { user: done, csrfToken: csrfTokenOf(req, deps) };
}

export const totpRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/auth/totp', roles: ['agent', 'admin'], secondFactor: ['totp'],
    summary: "Deuxième étape de connexion : le code à 6 chiffres de l'application d'authentification, ou un code de secours (utilisable une fois).",
    body: object({ code: code(), recoveryCode: recoveryCode() }, []),
    response: { type: 'object', properties: { user: userSchema, csrfToken: { type: 'string' }, recoveryCodesLeft: { type: 'integer' } } },
    handler: async ({ req, res, deps, user, body, ip }) => {
      if (user!.pending !== 'totp') throw new AppError('CONFLICT', 'La connexion est déjà complète.');
      if ((body.code === undefined) === (body.recoveryCode === undefined)) {
        throw new AppError('INVALID_INPUT', 'Saisissez le code de votre application ou un code de secours.', [
          { instancePath: '/code', keyword: 'required', message: 'Saisissez le code à 6 chiffres.', params: {} },
        ]);
      }
      const { recoveryCodesLeft } = await verifySecondFactor(deps, user!, body, ip);
      const done = await completeSession(req, res, deps, user!, ip);
      return recoveryCodesLeft === undefined ? done : { ...done, recoveryCodesLeft };
    },
  },
  {
    method: 'GET', path: '/api/me/second-factor', roles: ['agent', 'admin'], secondFactor: ['enrol'],
    summary: "État de la double authentification du compte (activée, codes de secours restants, obligatoire ou non).",
    response: { type: 'object', properties: { enabled: { type: 'boolean' }, enabledAt: { type: ['string', 'null'] }, recoveryCodesLeft: { type: 'integer' }, required: { type: 'boolean' } } },
    handler: ({ deps, user }) => secondFactorStatus(deps, user!),
  },
  {
    method: 'POST', path: '/api/me/second-factor/setup', roles: ['agent', 'admin'], secondFactor: ['enrol'],
    summary: "Nouveau secret à enregistrer dans l'application d'authentification (QR code, adresse otpauth:// et clé en base32) ; actif après confirmation.",
    response: { type: 'object', properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrCode: { type: 'string' } } },
    handler: ({ deps, user }) => startEnrolment(deps, user!),
  },
  {
    method: 'POST', path: '/api/me/second-factor/confirm', roles: ['agent', 'admin'], secondFactor: ['enrol'],
    summary: "Confirme l'activation avec un premier code ; renvoie les 10 codes de secours (affichés une seule fois).",
    body: object({ code: code() }),
    response: { type: 'object', properties: { recoveryCodes: { type: 'array', items: { type: 'string' } }, user: userSchema, csrfToken: { type: 'string' } } },
    handler: async ({ req, res, deps, user, body, ip }) => {
      const recoveryCodes = await confirmEnrolment(deps, user!, body.code, ip);
      // An enrolment required at login completes the session (new id).
      if (user!.pending === 'enrol') return { recoveryCodes, ...(await completeSession(req, res, deps, user!, ip)) };
      return { recoveryCodes };
    },
  },
  {
    method: 'POST', path: '/api/me/second-factor/recovery-codes', roles: ['agent', 'admin'],
    summary: 'Remplace les codes de secours (les anciens ne fonctionnent plus), sur présentation du code actuel.',
    body: object({ code: code() }),
    response: { type: 'object', properties: { recoveryCodes: { type: 'array', items: { type: 'string' } } } },
    handler: async ({ deps, user, body, ip }) => ({ recoveryCodes: await renewRecoveryCodes(deps, user!, body.code, ip) }),
  },
  {
    method: 'POST', path: '/api/admin/staff/:id/second-factor/reset', roles: ['admin'], params: object({ id: uuid() }),
    summary: "Réinitialise la double authentification d'un agent (téléphone et codes de secours perdus) : ses sessions sont terminées, il l'active de nouveau à sa prochaine connexion",
    handler: ({ deps, user, params }) => resetSecondFactor(deps, user!, params.id),
  },
];
