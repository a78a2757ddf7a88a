// `server/main.ts` as a separate process (production start, graceful shutdown, several
// instances on one database). Each process gets its own free port; its output is kept for
// assertions and failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Secrets good enough for a production start in tests (never the development defaults). */
export const TEST_SECRETS = {
  SESSION_SECRET: 'test-session-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  DATA_KEY: '7d1f4c9a2b8e6f0312a5c7e9d4b6f8a01c3e5a7b9d2f4e6a8c0b1d3f5e7a9c2b',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the server and waits for /health/live (or for its exit: `wait: false`). */
export async function startPortalProcess(env: Record<string, string>, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<PortalProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: PortalProcess = {
    url, child, exited,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (opts.wait === false) return proc;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Le serveur s'est arrêté au démarrage :\n${log}`);
    try {
      if ((await fetch(`${url}/health/live`)).status === 200) return proc;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Le serveur ne répond pas :\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
