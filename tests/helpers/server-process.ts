// The real server (`server/main.ts`) as a child process, for fault tests: it can be killed
// with SIGKILL, restarted on the same port and database, and run with resource limits.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

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

export interface ServerProcess {
  url: string;
  port: number;
  /** Everything the process wrote (stdout + stderr), for assertions and failure messages. */
  output(): string;
  /** Starts (or starts again) the process and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILL: no clean-up, no graceful shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
}

export interface ServerProcessOptions {
  env: Record<string, string>;
  /** A command prefix, e.g. ['prlimit', '--fsize=…', '--'] to run under a resource limit. */
  wrapper?: string[];
  startTimeoutMs?: number;
}

export async function serverProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...opts.env };
  const handle: ServerProcess = {
    url,
    port,
    output: () => log,
    alive: () => !!child && child.exitCode === null && child.signalCode === null,
    async start() {
      const argv = [...(opts.wrapper ?? []), process.execPath, '--import', 'tsx', 'server/main.ts'];
      const proc = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      proc.stdout!.on('data', (c: Buffer) => (log += c.toString()));
      proc.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
      for (;;) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`Le serveur s'est arrêté au démarrage :\n${log}`);
        try {
          const res = await fetch(`${url}/api/session`);
          if (res.status === 200) return;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline) throw new Error(`Le serveur ne répond pas après ${opts.startTimeoutMs ?? 60_000} ms :\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      if (handle.alive()) child!.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (handle.alive()) {
        child!.kill('SIGTERM');
        const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  return handle;
}
