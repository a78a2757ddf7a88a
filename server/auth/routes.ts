// Session and account routes (server/API.md, "Session and accounts").
import type { RouteDef } from '../http/routes.js';
import { Reply } from '../http/routes.js';
import { object, str, email, password } from '../http/validate.js';
import { csrfTokenOf } from '../http/security.js';
import { ANON_COOKIE, SESSION_COOKIE, cookieOptions, endSession, ensureAnonId, setSessionCookie } from './sessions.js';
import { login, requestPasswordLink, resetPassword } from './service.js';
import { passwordStrength } from './passwords.js';
import { contextWords, findUser } from './users.js';
import { sha256Hex } from '../crypto.js';
import { clientLimit } from '../http/limits.js';

const linkLimit = clientLimit(20, 600);
const meterLimit = clientLimit(60, 60);

const LINK_SENT = "Si cette adresse est connue sur un compte famille, un mail vient de vous être envoyé. Cliquez sur le lien qu'il contient pour choisir votre mot de passe.";

export const authRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/session', roles: ['public'],
    summary: 'Qui est connecté, et le jeton CSRF des requêtes qui modifient',
    handler: ({ req, res, deps, user }) => {
      if (!user) ensureAnonId(req, res, deps);
      return { user, csrfToken: csrfTokenOf(req, deps) };
    },
  },
  {
    method: 'POST', path: '/api/auth/login', roles: ['public'],
    summary: "Se connecter avec l'adresse mail et le mot de passe (agents et administrateurs : le code de double authentification suit)",
    body: object({ email: str(254), password: password() }),
    handler: async ({ req, res, deps, body, ip }) => {
      const { user, session } = await login(deps, body.email, body.password, ip);
      // Rotation: whatever session this browser had ends; the new id is fresh.
      if (req.auth?.sessionHash) await endSession(deps.db, req.auth.sessionHash);
      setSessionCookie(res, deps, session.token);
      res.clearCookie(ANON_COOKIE, cookieOptions(deps));
      req.auth = { user, sessionHash: session.hash, anonId: null };
      return { user, csrfToken: csrfTokenOf(req, deps) };
    },
  },
  {
    method: 'POST', path: '/api/auth/logout', roles: ['parent', 'agent', 'admin'], secondFactor: ['totp', 'enrol'],
    summary: 'Se déconnecter : la session est terminée côté serveur',
    handler: async ({ req, res, deps }) => {
      if (req.auth?.sessionHash) await endSession(deps.db, req.auth.sessionHash);
      res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
      return undefined;
    },
  },
  {
    method: 'POST', path: '/api/auth/password-link', roles: ['public'],
    summary: "« Générer un mot de passe » ou mot de passe oublié : un lien à usage unique par mail, même réponse que l'adresse soit connue ou non",
    body: object({ email: email() }),
    handler: async ({ deps, body, ip }) => {
      await linkLimit(ip);
      await requestPasswordLink(deps, body.email);
      return new Reply(202, { message: LINK_SENT });
    },
  },
  {
    method: 'POST', path: '/api/auth/reset', roles: ['public'],
    summary: 'Choisir un nouveau mot de passe avec le lien reçu par mail',
    body: object({ token: str(200), password: password(), confirmation: password() }),
    handler: async ({ deps, body }) => {
      await resetPassword(deps, body.token, body.password, body.confirmation);
      return { message: 'Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter avec votre adresse mail et ce mot de passe.' };
    },
  },
  {
    // POST so the password never appears in a URL or a log line.
    method: 'POST', path: '/api/auth/password-strength', roles: ['public'],
    summary: "Indicateur de robustesse du mot de passe : le même verdict que le serveur à l'enregistrement",
    body: object({ password: password(), token: str(200) }, ['password']),
    handler: async ({ deps, body, user, ip }) => {
      await meterLimit(ip);
      const words = [deps.config.municipality];
      const row = body.token ? await deps.db('password_tokens').where({ token_hash: sha256Hex(body.token) }).whereNull('used_at').first('user_id') : undefined;
      const owner = await findUser(deps.db, row?.user_id ?? user?.id ?? '00000000-0000-0000-0000-000000000000');
      if (owner) words.push(...(await contextWords(deps.db, owner, deps.config.municipality)));
      return passwordStrength(body.password, words);
    },
  },
];
