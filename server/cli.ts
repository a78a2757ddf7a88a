// What the portal's commands (npm run admin:create, invoices:run, data:reencrypt) share: their
// options, the portal's database, and one way to end — an exit code, and for a refusal its
// French message alone.
import { join } from 'node:path';
import type { Config } from './config.js';
import { migrate, openPglite, openPostgres, type Db } from './db.js';
import { AppError } from './http/errors.js';

/** The value of `--name value` or `--name=value`. */
export function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

/**
 * The portal's database — DATABASE_URL, or the embedded one under DATA_DIR (the portal
 * stopped: PGlite serves one process) — migrated, and closed once `use` is done.
 */
export async function withPortalDatabase<T>(config: Config, use: (db: Db) => Promise<T>): Promise<T> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 2) : await openPglite(join(config.dataDir, 'pglite'));
  try {
    await migrate(db);
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** Runs a command and exits with its code; a failure prints `failure` and its message (code 1). */
export function runCommand(main: () => Promise<number>, failure = ''): void {
  main()
    .catch((error: unknown) => {
      console.error(`${failure}${error instanceof AppError || error instanceof Error ? error.message : String(error)}`);
      return 1;
    })
    .then((code) => process.exit(code));
}
