// What every service and handler may reach: the ports (db, mail, clock, file storage)
// and the loaded démarche catalog. Built by main.ts, or by the test harness.
import type { Logger } from 'pino';
import type { Catalog } from '../engine/index.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Clock } from './clock.js';
import type { Sealer } from './crypto.js';
import type { MailTransport } from './mail/transport.js';
import type { FileStorage } from './storage.js';
import type { Scanner } from './antivirus/scanner.js';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  sealer: Sealer;
  mail: MailTransport;
  storage: FileStorage;
  /** Démarche definitions loaded at start-up (the dossier API reads them). */
  catalog?: Catalog;
  /** Shared workflows of the definitions folder (published démarches may name them). */
  sharedWorkflows?: Record<string, unknown>;
  /** Newest publication this process has loaded (server/catalog/published.ts). */
  catalogMark?: string;
  /** Set by main.ts on SIGTERM: readiness answers 503 and connections close after their answer. */
  lifecycle?: { draining: boolean };
  /** The antivirus job, when ClamAV is configured (uploads kick it). */
  antivirus?: Scanner;
}

export type Role = 'parent' | 'agent' | 'admin';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  familyId: string | null;
  displayName: string;
  /** Agent or administrator whose second factor is not done yet (server/auth/totp.ts). */
  pending?: 'totp' | 'enrol';
}
