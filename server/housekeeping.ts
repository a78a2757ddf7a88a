// Periodic clean-up of what has expired: sessions, used or stale links, old throttling
// rows. With several processes, one runs it at a time (server/jobs.ts).
import type { Logger } from 'pino';
import type { Db, Trx } from './db.js';
import { runExclusive } from './jobs.js';
import { IDLE_MS } from './auth/sessions.js';

export async function purgeExpired(db: Db | Trx, now = new Date()): Promise<void> {
  await db('sessions').where('expires_at', '<', now).orWhere('last_seen_at', '<', new Date(now.getTime() - IDLE_MS)).delete();
  const week = new Date(now.getTime() - 7 * 24 * 3600_000);
  for (const table of ['password_tokens', 'email_change_tokens']) {
    await db(table).where('expires_at', '<', week).delete();
  }
  await db('login_throttle').where('day', '<', new Date(now.getTime() - 2 * 24 * 3600_000).toISOString().slice(0, 10))
    .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<', now)).delete();
}

export function startHousekeeping(db: Db, logger: Logger, everyMs = 15 * 60_000): () => void {
  const timer = setInterval(() => {
    runExclusive(db, 'housekeeping', (trx) => purgeExpired(trx)).catch((err) => logger.warn({ err }, 'housekeeping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

