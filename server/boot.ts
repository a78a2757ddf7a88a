// Assembles the portal from its configuration: database (Postgres or PGlite), migrations,
// démarche catalog, demo data, mail transport and outbox worker.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { migrate, openPglite, openPostgres, type Db } from './db.js';
import { systemClock, type Clock } from './clock.js';
import { createSealer } from './crypto.js';
import { captureTransport, smtpTransport, type MailTransport } from './mail/transport.js';
import { OutboxWorker, type WorkerOptions } from './mail/worker.js';
import { localStorage, sealedStorage } from './storage.js';
import { readDefinitionsFolder } from '../engine/fs-loader.js';
import { compileSet, publicationMark, syncPublished, watchPublications } from './catalog/published.js';
import { seedDemo } from './demo/seed.js';
import { startHousekeeping } from './housekeeping.js';
import { startScanner } from './antivirus/scanner.js';
import { startRetention } from './privacy/retention.js';

export const DEFINITIONS_DIR = fileURLToPath(new URL('../definitions', import.meta.url));

export interface BootOptions {
  db?: Db;
  clock?: Clock;
  mail?: MailTransport;
  seed?: boolean;
  worker?: WorkerOptions | false;
  definitionsDir?: string;
}

export interface Portal {
  deps: AppDeps;
  worker?: OutboxWorker;
  close(): Promise<void>;
}

export async function bootPortal(config: Config, logger: Logger, opts: BootOptions = {}): Promise<Portal> {
  // Definitions first: a broken one stops the start before anything is touched.
  const folderSet = await readDefinitionsFolder(opts.definitionsDir ?? process.env.DEFINITIONS_DIR ?? DEFINITIONS_DIR);
  const folderCatalog = compileSet(folderSet);
  const db = opts.db ?? (config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(join(config.dataDir, 'pglite')));
  await migrate(db);
  // Parents start from the latest publication of each démarche (the folder's, or an administrator's).
  const catalog = await syncPublished(db, folderSet, folderCatalog);
  const sealer = createSealer(config.dataKey, config.dataKeyPrevious);
  // Seeded as of the portal's clock (a test's fixed day), never of the machine's: demo rows
  // placed by date (school year, last invoices) must not move with the day the tests run.
  if (opts.seed !== false) await seedDemo(db, sealer, (opts.clock ?? systemClock).now());
  const mail = opts.mail ?? (config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : captureTransport(join(config.dataDir, 'mails')));
  const deps: AppDeps = { config, db, clock: opts.clock ?? systemClock, logger, sealer, mail, storage: sealedStorage(localStorage(join(config.dataDir, 'files')), sealer), catalog, sharedWorkflows: folderSet.workflows };
  deps.catalogMark = await publicationMark(db);
  const stopWatching = watchPublications(deps, folderSet.workflows);
  const worker = opts.worker === false ? undefined : new OutboxWorker(db, mail, logger, opts.worker);
  worker?.start();
  const stopHousekeeping = opts.worker === false ? undefined : startHousekeeping(db, logger);
  const stopRetention = opts.worker === false ? undefined : startRetention(deps);
  if (config.clamav && opts.worker !== false) deps.antivirus = startScanner(deps, config.clamav);
  return {
    deps,
    worker,
    async close() {
      stopWatching();
      stopHousekeeping?.();
      stopRetention?.();
      await deps.antivirus?.stop();
      await worker?.stop();
      mail.close?.();
      if (!opts.db) await db.destroy();
    },
  };
}
