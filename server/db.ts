// The database port: a knex instance on a real Postgres (DATABASE_URL) or on PGlite
// (embedded Postgres in WASM, persisted under DATA_DIR) so `npm start` needs nothing.
import knex, { type Knex } from 'knex';
import { mkdirSync, readdirSync, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Db = Knex;
export type Trx = Knex.Transaction;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export async function openPostgres(url: string, poolMax = 10): Promise<Db> {
  return knex({ client: 'pg', connection: url, pool: { min: 0, max: poolMax } });
}

/** Opens PGlite in `dir` (or in memory when undefined); refuses a folder another process holds. */
export async function openPglite(dir?: string): Promise<Db> {
  const { default: ClientPgLite } = await import('knex-pglite');
  if (dir) {
    mkdirSync(dir, { recursive: true });
    guardFolder(dir);
  }
  return knex({ client: ClientPgLite as never, dialect: 'postgres', connection: dir ? { filename: dir } : {} } as Knex.Config);
}

// PGlite has no lock of its own: two processes on one folder would corrupt it.
function guardFolder(dir: string): void {
  const lock = join(dir, '..', `${dir.split(/[\\/]/).pop()}.pid`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`La base embarquée ${dir} est déjà ouverte par le processus ${pid}.`);
    }
  }
  writeFileSync(lock, String(process.pid));
  process.once('exit', () => rmSync(lock, { force: true }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Migrations are .ts modules imported by our own code, so they run under tsx and vitest alike. */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  constructor(private dir: string) {}
  async getMigrations(): Promise<string[]> {
    return readdirSync(this.dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Knex.Migration> {
    return import(pathToFileURL(join(this.dir, name)).href);
  }
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<void> {
  await db.migrate.latest({ migrationSource: new FolderMigrationSource(dir) });
}

/** Migrations of the folder that the database has not applied yet (readiness: empty when ready). */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const wanted = await new FolderMigrationSource(dir).getMigrations();
  const hasTable = await db.schema.hasTable('knex_migrations');
  const done = new Set<string>(hasTable ? await db('knex_migrations').pluck('name') : []);
  return wanted.filter((name) => !done.has(name));
}

interface HotStatement { name: string; text: string }
const hotStatements = new Map<string, HotStatement>();
interface DriverConnection { query(...args: unknown[]): Promise<{ rows: Record<string, any>[] }> }

/**
 * Runs one statement straight on a pooled connection, for the hottest writes (autosave):
 * on a Postgres server as a named prepared statement (parsed and planned once per
 * connection, then only bound and executed), on PGlite as a plain query. It skips knex's
 * per-query work (about a tenth of a millisecond a call, measured in `npm run bench`) but
 * still reports the statement to knex's 'query' listeners. `sql` takes `?` placeholders
 * and must hold no other question mark.
 */
export async function hotQuery(db: Db, sql: string, bindings: readonly unknown[]): Promise<Record<string, any>[]> {
  let statement = hotStatements.get(sql);
  if (!statement) {
    let n = 0;
    statement = { name: `pf_hot_${hotStatements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    hotStatements.set(sql, statement);
  }
  if (db.listenerCount('query') > 0) db.emit('query', { method: 'raw', sql, bindings });
  const client = db.client as { config: { client: unknown }; acquireConnection(): Promise<DriverConnection>; releaseConnection(c: DriverConnection): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    const result = client.config.client === 'pg'
      ? await connection.query({ name: statement.name, text: statement.text, values: bindings })
      : await connection.query(statement.text, bindings);
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
