// The antivirus job. When ClamAV is configured, every justificatif is 'pending' until the
// daemon has read it; nobody can open it before it is 'clean' (server/dossiers/attachments.ts
// fails closed). Rows are claimed FOR UPDATE SKIP LOCKED with a lease, so several processes
// share the work; a daemon out of reach means a retry later with back-off, never "clean".
// An infected file is moved to the quarantine folder, marked, and the family told (outbox +
// inbox, in the transaction that marks it).
import { join } from 'node:path';
import type { AppDeps } from '../deps.js';
import type { Trx } from '../db.js';
import { enqueueMail } from '../mail/outbox.js';
import { localStorage, sealedStorage, type FileStorage } from '../storage.js';
import type { Sealer } from '../crypto.js';
import { scanBuffer, type ClamavConfig, type ScanResult } from './clamd.js';

const MAX_RETRY_MS = 10 * 60_000;
const LEASE = '2 minutes';

interface Claimed {
  id: string;
  storage_name: string;
  display_name: string;
  dossier_id: string;
  scan_attempts: number;
}

export interface Scanner {
  /** Scan what is due now (after an upload), without waiting for the next round. */
  kick(): void;
  /** Scans every due file once; returns how many were decided (clean or infected). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Quarantined files stay sealed like every stored justificatif (they may hold personal data). */
export function quarantineStorage(dataDir: string, sealer: Sealer): FileStorage {
  return sealedStorage(localStorage(join(dataDir, 'quarantine')), sealer);
}

async function claim(deps: AppDeps, batch: number): Promise<Claimed[]> {
  const { rows } = await deps.db.raw(
    `UPDATE attachments SET scan_locked_until = now() + ?::interval, scan_attempts = scan_attempts + 1
      WHERE id IN (SELECT id FROM attachments
                    WHERE scan_status = 'pending' AND deleted_at IS NULL
                      AND (scan_next_at IS NULL OR scan_next_at <= now())
                      AND (scan_locked_until IS NULL OR scan_locked_until < now())
                    ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
      RETURNING id, storage_name, display_name, dossier_id, scan_attempts`,
    [LEASE, batch],
  );
  return rows as Claimed[];
}

async function familyAddress(trx: Trx, familyId: string): Promise<string | undefined> {
  const family = await trx('families').where({ id: familyId }).first('email');
  if (family?.email) return family.email;
  return (await trx('users').where({ family_id: familyId }).whereNull('disabled_at').orderBy('created_at').first('email'))?.email;
}

async function quarantine(deps: AppDeps, row: Claimed, result: Extract<ScanResult, { status: 'infected' }>): Promise<void> {
  const data = await deps.storage.get(row.storage_name);
  // Copy first: whatever happens next, the row says "infected" and nothing serves it.
  await quarantineStorage(deps.config.dataDir, deps.sealer).put(row.storage_name, data).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  await deps.db.transaction(async (trx) => {
    const updated = await trx('attachments').where({ id: row.id, scan_status: 'pending' })
      .update({ scan_status: 'infected', scan_signature: result.signature.slice(0, 200), scanned_at: trx.fn.now(), quarantined_at: trx.fn.now(), scan_locked_until: null });
    if (!updated) return;
    const dossier = await trx('dossiers').where({ id: row.dossier_id }).first('family_id', 'number');
    const to = await familyAddress(trx, dossier.family_id);
    const subject = `Document refusé par l'antivirus – dossier N° ${dossier.number}`;
    const body = [
      'Bonjour,',
      '',
      `Le document « ${row.display_name} » joint à votre dossier N° ${dossier.number} a été bloqué par notre antivirus : il contient un élément dangereux et ne sera pas transmis au service.`,
      'Vérifiez votre appareil, puis déposez une nouvelle copie du justificatif depuis « Mes démarches en cours ».',
      '',
      'Le Portail Famille',
    ].join('\n');
    if (to) await enqueueMail(trx, { familyId: dossier.family_id, to, subject, body, template: 'attachment-infected' });
    else await trx('inbox').insert({ family_id: dossier.family_id, subject, body });
  });
  await deps.storage.remove(row.storage_name);
}

async function scanOne(deps: AppDeps, config: ClamavConfig, row: Claimed): Promise<boolean> {
  let result: ScanResult;
  try {
    result = await scanBuffer(config, await deps.storage.get(row.storage_name));
  } catch (error) {
    const delay = Math.min(config.retryMs * 2 ** Math.max(0, row.scan_attempts - 1), MAX_RETRY_MS);
    await deps.db('attachments').where({ id: row.id }).update({ scan_locked_until: null, scan_next_at: deps.db.raw('now() + ?::interval', [`${delay} milliseconds`]) });
    deps.logger.warn({ attachmentId: row.id, attempts: row.scan_attempts, err: { message: (error as Error).message } }, 'antivirus scan postponed');
    return false;
  }
  if (result.status === 'clean') {
    await deps.db('attachments').where({ id: row.id, scan_status: 'pending' }).update({ scan_status: 'clean', scanned_at: deps.db.fn.now(), scan_locked_until: null });
  } else {
    await quarantine(deps, row, result);
    deps.logger.warn({ attachmentId: row.id, signature: result.signature }, 'justificatif infected: quarantined');
  }
  return true;
}

export function startScanner(deps: AppDeps, config: ClamavConfig, pollMs = 2000): Scanner {
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const drain = async (): Promise<number> => {
    let decided = 0;
    for (;;) {
      const rows = await claim(deps, 5);
      if (!rows.length || stopped) return decided;
      for (const row of rows) decided += (await scanOne(deps, config, row)) ? 1 : 0;
    }
  };
  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().catch((err) => {
      deps.logger.warn({ err }, 'antivirus job failed');
      return 0;
    });
    void running.then(() => {
      running = undefined;
      if (again) {
        again = false;
        round();
      }
    });
  };
  // Files stored before the antivirus was configured are scanned too.
  void deps.db('attachments').whereNull('scan_status').whereNull('deleted_at').update({ scan_status: 'pending' })
    .catch((err) => deps.logger.warn({ err }, 'antivirus backfill failed')).then(round);
  timer = setInterval(round, pollMs);
  timer.unref();
  return {
    kick: round,
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
