// The real server (`server/main.ts`) as a child process: production start, graceful
// shutdown, several instances on one database, and fault tests (killed with SIGKILL,
// restarted on the same port and database, run under resource limits). Each process gets
// a free port; its output is kept for assertions and failure messages.
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

interface Launched {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

function launch(port: number, env: Record<string, string>, wrapper: string[] = []): Launched {
  let log = '';
  const argv = [...wrapper, process.execPath, '--import', 'tsx', 'server/main.ts'];
  const child = spawn(argv[0], argv.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => log, exited };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Waits until `path` answers 200; throws with the output if the process exits or the time runs out. */
async function untilAnswers(url: string, path: string, launched: Launched, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running(launched.child)) throw new Error(`Le serveur s'est arrêté au démarrage :\n${launched.output()}`);
    try {
      if ((await fetch(`${url}${path}`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      launched.child.kill('SIGKILL');
      throw new Error(`Le serveur ne répond pas après ${timeoutMs} ms :\n${launched.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
async function terminate(launched: Launched, graceMs: number): Promise<number | null> {
  if (running(launched.child)) launched.child.kill('SIGTERM');
  const timer = setTimeout(() => launched.child.kill('SIGKILL'), graceMs);
  const code = await launched.exited;
  clearTimeout(timer);
  return code;
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

/** Starts the server once and waits for /health/live (or for its exit: `wait: false`). */
export async function startPortalProcess(env: Record<string, string>, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<PortalProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launched = launch(port, env);
  const proc: PortalProcess = { url, child: launched.child, exited: launched.exited, output: launched.output, stop: () => terminate(launched, 15_000) };
  if (opts.wait !== false) await untilAnswers(url, '/health/live', launched, opts.timeoutMs ?? 90_000);
  return proc;
}

export interface ServerProcess {
  url: string;
  port: number;
  /** Everything the process wrote (stdout + stderr), for assertions and failure messages. */
  output(): string;
  /** Starts (or starts again, on the same port) the process and waits until it serves sessions. */
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

/** A server that fault tests kill and start again on the same port and database. */
export async function serverProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let current: Launched | undefined;
  let earlier = '';
  const handle: ServerProcess = {
    url,
    port,
    output: () => earlier + (current?.output() ?? ''),
    alive: () => !!current && running(current.child),
    async start() {
      if (current) earlier += current.output();
      current = launch(port, opts.env, opts.wrapper);
      // A session answer needs the database: the server is really serving.
      await untilAnswers(url, '/api/session', current, opts.startTimeoutMs ?? 60_000);
    },
    async kill() {
      if (handle.alive()) current!.child.kill('SIGKILL');
      await current?.exited;
    },
    async stop() {
      if (current) await terminate(current, 10_000);
    },
  };
  return handle;
}
