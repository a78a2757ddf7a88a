// Server-side sessions in Postgres: the cookie holds a random id, the table its hash.
// 30 minutes idle, 12 hours absolute; rotated at login; ended server-side at logout.
import type { CookieOptions, Request, Response } from 'express';
import type { Knex } from 'knex';
import type { AppDeps, Role, SessionUser } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { randomToken, sha256Hex } from '../crypto.js';

export const SESSION_COOKIE = 'pf_session';
export const ANON_COOKIE = 'pf_csrf';
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

export interface AuthState {
  user: SessionUser | null;
  sessionHash: string | null;
  anonId: string | null;
  /** Set while only the cookie's claim is known (see claimedAuth). */
  unverified?: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthState;
    }
  }
}

export function cookieOptions(deps: AppDeps): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: deps.config.publicUrl.startsWith('https:'), path: '/' };
}

/** A session waiting for the second factor's code lasts this long (server/auth/totp.ts). */
export const PENDING_TOTP_MS = 5 * 60_000;

export async function createSession(db: Db | Trx, userId: string, ip: string, now: Date, pending?: 'totp' | 'enrol'): Promise<{ token: string; hash: string }> {
  const token = randomToken();
  const hash = sha256Hex(token);
  const lifetime = pending === 'totp' ? PENDING_TOTP_MS : ABSOLUTE_MS;
  await db('sessions').insert({ id_hash: hash, user_id: userId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + lifetime), ip, pending_factor: pending ?? null });
  return { token, hash };
}

export async function endSession(db: Db | Trx, hash: string): Promise<void> {
  await db('sessions').where({ id_hash: hash }).delete();
}

/** Ends every session of a user but (optionally) the current one; returns how many. */
export async function endOtherSessions(db: Db | Trx, userId: string, keepHash?: string | null): Promise<number> {
  const q = db('sessions').where({ user_id: userId });
  if (keepHash) q.whereNot({ id_hash: keepHash });
  return Number(await q.delete());
}

async function loadSession(deps: AppDeps, token: string): Promise<{ user: SessionUser; hash: string } | null> {
  const hash = sha256Hex(token);
  const now = deps.clock.now();
  const row = await deps.db('sessions as s').join('users as u', 'u.id', 's.user_id')
    .where('s.id_hash', hash)
    .first('s.last_seen_at', 's.expires_at', 's.pending_factor', 'u.id', 'u.email', 'u.role', 'u.family_id', 'u.display_name', 'u.disabled_at');
  if (!row) return null;
  const idle = now.getTime() - new Date(row.last_seen_at).getTime() > IDLE_MS;
  if (idle || new Date(row.expires_at) <= now || row.disabled_at) {
    await endSession(deps.db, hash);
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await deps.db('sessions').where({ id_hash: hash }).update({ last_seen_at: now });
  }
  const user: SessionUser = { id: row.id, email: row.email, role: row.role as Role, familyId: row.family_id, displayName: row.display_name };
  if (row.pending_factor) user.pending = row.pending_factor;
  return { user, hash };
}

/** Reads the session cookie and sets req.auth: once per request, by the route that needs it. */
export async function authenticate(req: Request, res: Response, deps: AppDeps): Promise<AuthState> {
  if (req.auth && !req.auth.unverified) return req.auth;
  const auth: AuthState = { user: null, sessionHash: null, anonId: anonIdOf(req) };
  const token = sessionTokenOf(req);
  if (token) {
    const found = await loadSession(deps, token);
    if (found) Object.assign(auth, { user: found.user, sessionHash: found.hash });
    else res.clearCookie(SESSION_COOKIE, cookieOptions(deps));
  }
  req.auth = auth;
  return auth;
}

/**
 * What the cookies claim, before any database check: for a route that verifies the session
 * inside its own SQL statement (liveSessionSql). Marked unverified until that statement or
 * authenticate() confirms it.
 */
export function claimedAuth(req: Request): AuthState | null {
  const token = sessionTokenOf(req);
  if (!token) return null;
  return { user: null, sessionHash: sha256Hex(token), anonId: anonIdOf(req), unverified: true };
}

/**
 * The session rules (exists, not idle, not past its absolute end, user not disabled, one of
 * the roles) as SQL common table expressions, for a hot statement that checks the session
 * itself instead of a lookup before it: `me` holds the signed-in user's row (empty when the
 * session is not valid), `touch` refreshes last_seen_at as loadSession does. Revocation stays
 * exact: the same rows are read in the same statement as the change.
 */
export function liveSessionSql(hash: string, now: Date, roles: Role[]): { sql: string; bindings: Knex.RawBinding[] } {
  // The instant once, as text: the thresholds are computed from it by Postgres.
  const at = now.toISOString();
  return {
    sql: `me AS (
      SELECT u.id, u.email, u.role, u.family_id, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = ? AND s.expires_at > ?::timestamptz AND s.last_seen_at > ?::timestamptz - interval '${IDLE_MS / 1000} seconds'
        AND s.pending_factor IS NULL AND u.disabled_at IS NULL AND u.role IN (${roles.map(() => '?').join(', ')})
    ), touch AS (
      UPDATE sessions SET last_seen_at = ?::timestamptz WHERE id_hash = ? AND last_seen_at < ?::timestamptz - interval '${TOUCH_EVERY_MS / 1000} seconds' AND EXISTS (SELECT 1 FROM me)
    )`,
    bindings: [hash, at, at, ...roles, at, hash, at],
  };
}

/** The session user from a row of liveSessionSql's `me`. */
export function sessionUserOf(row: { id: string; email: string; role: string; family_id: string | null; display_name: string }): SessionUser {
  return { id: row.id, email: row.email, role: row.role as Role, familyId: row.family_id, displayName: row.display_name };
}

function sessionTokenOf(req: Request): string | null {
  const token = req.cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && token.length > 0 && token.length < 100 ? token : null;
}

function anonIdOf(req: Request): string | null {
  const anon = req.cookies?.[ANON_COOKIE];
  return typeof anon === 'string' && /^[A-Za-z0-9_-]{43}$/.test(anon) ? anon : null;
}

/** Gives an anonymous browser its CSRF cookie (before login). */
export function ensureAnonId(req: Request, res: Response, deps: AppDeps): void {
  if (!req.auth || req.auth.anonId) return;
  req.auth.anonId = randomToken();
  res.cookie(ANON_COOKIE, req.auth.anonId, cookieOptions(deps));
}

export function setSessionCookie(res: Response, deps: AppDeps, token: string): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(deps));
}
