// Test databases. As vitest globalSetup: starts a throwaway PostgreSQL server from the
// installed binaries (initdb + pg_ctl, temp folder, free port), builds a migrated template
// database once, and stops everything at the end. Each test file then clones its own
// database from the template (CREATE DATABASE … TEMPLATE …), so files run in parallel.
// Without the binaries it falls back to PGlite (CI installs postgresql, so CI never does).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrate, openPglite, openPostgres, type Db } from '../../server/db.js';

export interface PgInfo {
  mode: 'postgres' | 'pglite';
  adminUrl?: string;
  baseUrl?: string;
  template?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    pg: PgInfo;
  }
}

const TEMPLATE = 'pf_template';

function findBin(name: string): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

// initdb refuses to run as root: run as the postgres user, with folders it owns.
function run(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: 'pipe' });
}

/** Starts a throwaway PostgreSQL with a migrated template (PGlite info when the binaries are absent). */
export interface PostgresCluster {
  info: PgInfo;
  stop(): Promise<void>;
  /** Fault tests on a cluster of their own: stop the server (connections cut) and start it again on the same port. */
  halt?(): void;
  resume?(): void;
}

export async function startPostgres(): Promise<PostgresCluster> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (!initdb || !pgCtl || process.env.TEST_DB === 'pglite') return { info: { mode: 'pglite' }, stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pf-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  run(initdb, ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run(pgCtl, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', opts, 'start']);
  const stop = async () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const baseUrl = `postgres://app@127.0.0.1:${port}`;
    const admin = await openPostgres(`${baseUrl}/postgres`, 2);
    await admin.raw(`CREATE DATABASE ${TEMPLATE}`);
    const template = await openPostgres(`${baseUrl}/${TEMPLATE}`, 2);
    await migrate(template);
    await template.destroy();
    await admin.destroy();
    return {
      info: { mode: 'postgres', adminUrl: `${baseUrl}/postgres`, baseUrl, template: TEMPLATE },
      stop,
      halt: () => run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']),
      resume: () => run(pgCtl, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', opts, 'start']),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { info, stop } = await startPostgres();
  project.provide('pg', info);
  return stop;
}

/** A fresh, migrated database for one test file (close it with db.destroy()). */
export async function createTestDatabase(info: PgInfo): Promise<{ db: Db; url?: string }> {
  if (info.mode === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return { db };
  }
  const name = `pf_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(info.adminUrl!, 1);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${info.template}`);
        break;
      } catch (error) {
        // Two files cloning at the same instant: the template is briefly "in use".
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.destroy();
  }
  const url = `${info.baseUrl}/${name}`;
  return { db: await openPostgres(url, 20), url };
}
