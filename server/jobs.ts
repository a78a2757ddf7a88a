// Periodic jobs with several server processes on one database: a job runs in one process
// at a time. The lock is a transaction-scoped Postgres advisory lock (released at commit or
// when the connection dies — a killed process never leaves it held); a process that does
// not get it skips this round. Row-level work queues (the outbox) use SKIP LOCKED instead.
import type { Db, Trx } from './db.js';

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

export async function runExclusive<T>(db: Db, job: string, work: (trx: Trx) => Promise<T>): Promise<Exclusive<T>> {
  return db.transaction(async (trx) => {
    const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS ok', [`portail-famille:${job}`]);
    if (!rows[0].ok) return { ran: false } as const;
    return { ran: true, value: await work(trx) } as const;
  });
}
