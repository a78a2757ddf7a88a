// Sends the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED and a short lease, so
// several server processes never send one mail twice; failures back off and retry.
import type { Logger } from 'pino';
import type { Db } from '../db.js';
import { isTemporary, type MailTransport } from './transport.js';

export interface WorkerOptions {
  pollMs?: number;
  batch?: number;
  /** First retry delay; doubles on each attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
}

interface OutboxRow {
  id: string | number;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private opts: Required<WorkerOptions>;

  constructor(private db: Db, private transport: MailTransport, private logger: Logger, opts: WorkerOptions = {}) {
    this.opts = { pollMs: 1000, batch: 10, backoffMs: 5000, maxBackoffMs: 3600_000, leaseMs: 60_000, ...opts };
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.drain().then(() => undefined, (err) => this.logger.error({ err }, 'outbox worker failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.opts.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Sends every due mail once; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await this.claim();
      if (!rows.length) return sent;
      for (const row of rows) sent += (await this.deliver(row)) ? 1 : 0;
      if (this.stopped) return sent;
    }
  }

  private async claim(): Promise<OutboxRow[]> {
    const lease = `${Math.ceil(this.opts.leaseMs / 1000)} seconds`;
    const { rows } = await this.db.raw(
      `UPDATE outbox SET locked_until = now() + ?::interval, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND next_attempt_at <= now()
                        AND (locked_until IS NULL OR locked_until < now())
                      ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, body, attempts`,
      [lease, this.opts.batch],
    );
    return rows as OutboxRow[];
  }

  private async deliver(row: OutboxRow): Promise<boolean> {
    try {
      await this.transport.send({ id: String(row.id), to: row.to_address, subject: row.subject, body: row.body });
      await this.db('outbox').where({ id: row.id }).update({ status: 'sent', sent_at: this.db.fn.now(), locked_until: null, last_error: null });
      return true;
    } catch (error) {
      const temporary = isTemporary(error);
      const delay = Math.min(this.opts.backoffMs * 2 ** Math.max(0, row.attempts - 1), this.opts.maxBackoffMs);
      await this.db('outbox').where({ id: row.id }).update({
        status: temporary ? 'pending' : 'failed',
        // The database clock, so that every process agrees on when a retry is due.
        next_attempt_at: this.db.raw('now() + ?::interval', [`${delay} milliseconds`]),
        locked_until: null,
        last_error: String((error as Error).message ?? error).slice(0, 500),
      });
      this.logger.warn({ outboxId: row.id, attempts: row.attempts, temporary }, 'mail not sent');
      return false;
    }
  }
}
