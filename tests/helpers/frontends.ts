// The end-to-end tests run against the built front ends (as production serves them). They are
// built once per run when a source is newer than the build; parallel test files wait for
// the one that builds (a lock directory).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APPS = [
  { name: 'renderer', config: 'renderer/vite.config.ts', sources: ['renderer', 'engine'] },
  { name: 'admin', config: 'admin/vite.config.ts', sources: ['admin', 'renderer/src', 'engine'] },
];

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') max = Math.max(max, newest(join(path, entry)));
  return max;
}

function stale(app: (typeof APPS)[number]): boolean {
  const index = join(ROOT, 'dist', app.name, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return app.sources.some((s) => existsSync(join(ROOT, s)) && newest(join(ROOT, s)) > built) || newest(join(ROOT, app.config)) > built;
}

async function withLock<T>(fn: () => T): Promise<T> {
  const lock = join(ROOT, '.tmp', 'frontends.lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the named front ends that are missing or older than their sources. */
export async function ensureFrontEndsBuilt(names: string[] = APPS.map((a) => a.name)): Promise<void> {
  await withLock(() => {
    for (const app of APPS.filter((a) => names.includes(a.name))) {
      if (!existsSync(join(ROOT, app.config)) || !stale(app)) continue;
      execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', app.config, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    }
  });
}
