// Login throttling in Postgres (shared by every server process), per account and per
// client address: after 5 consecutive failures each further one adds a growing delay
// (capped at 15 min); failures per day are bounded. Locks always end — next day at the
// latest, or at once for the account after a password reset — so an attacker can slow
// a parent down but never lock them out for good.
import type { Db } from '../db.js';
import { AppError } from '../http/errors.js';

const FREE_FAILURES = 5;
const MAX_DELAY_S = 15 * 60;
const DAY_LIMIT = { account: 50, ip: 200 } as const;
const IP_FREE_FAILURES = 20; // many parents may share one address (NAT)

type Kind = keyof typeof DAY_LIMIT;

const keyOf = (kind: Kind, value: string) => `${kind}:${value.toLowerCase()}`;
const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Refuses with 429 while the account or the address is locked. */
export async function assertNotThrottled(db: Db, keys: { account: string; ip: string }, now: Date): Promise<void> {
  const rows = await db('login_throttle')
    .whereIn('key', [keyOf('account', keys.account), keyOf('ip', keys.ip)])
    .where('locked_until', '>', now)
    .select('locked_until');
  if (!rows.length) return;
  const until = Math.max(...rows.map((r) => new Date(r.locked_until).getTime()));
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} secondes`;
  throw new AppError('TOO_MANY_REQUESTS', `Trop de tentatives de connexion. Réessayez dans ${wait}, ou demandez un nouveau mot de passe.`, [], { 'Retry-After': String(seconds) });
}

function lockFor(kind: Kind, failures: number, dayFailures: number, now: Date): Date | null {
  if (dayFailures >= DAY_LIMIT[kind]) {
    const tomorrow = new Date(now);
    tomorrow.setUTCHours(24, 0, 0, 0);
    return tomorrow;
  }
  const free = kind === 'account' ? FREE_FAILURES : IP_FREE_FAILURES;
  if (failures < free) return null;
  return new Date(now.getTime() + Math.min(2 ** (failures - free), MAX_DELAY_S) * 1000);
}

async function recordOne(db: Db, kind: Kind, value: string, now: Date): Promise<void> {
  const key = keyOf(kind, value);
  const day = dayOf(now);
  // One statement: concurrent failures cannot lose a count.
  const { rows } = await db.raw(
    `INSERT INTO login_throttle (key, failures, day, day_failures) VALUES (?, 1, ?, 1)
     ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1,
       day_failures = CASE WHEN login_throttle.day = EXCLUDED.day THEN login_throttle.day_failures + 1 ELSE 1 END,
       day = EXCLUDED.day
     RETURNING failures, day_failures`,
    [key, day],
  );
  const lock = lockFor(kind, Number(rows[0].failures), Number(rows[0].day_failures), now);
  if (lock) await db('login_throttle').where({ key }).update({ locked_until: lock });
}

export async function recordFailure(db: Db, keys: { account: string; ip: string }, now: Date): Promise<void> {
  await recordOne(db, 'account', keys.account, now);
  await recordOne(db, 'ip', keys.ip, now);
}

/** A success ends the account's run of failures (the day count stays). */
export async function recordSuccess(db: Db, account: string): Promise<void> {
  await db('login_throttle').where({ key: keyOf('account', account) }).update({ failures: 0, locked_until: null });
}

/** After a password reset the account is unlocked whatever happened before. */
export async function clearAccount(db: Db, account: string): Promise<void> {
  await db('login_throttle').where({ key: keyOf('account', account) }).delete();
}
