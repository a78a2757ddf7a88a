// A real ClamAV daemon for tests (Debian's clamav-daemon, installed by .ci/run), with a
// local test signature database — no signature download is possible offline. The
// signature matches the EICAR test string anywhere in a file, so a PDF can carry it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
export const TEST_SIGNATURE = 'Portail.Test.EICAR';

export interface ClamdHarness {
  socket: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

const CLAMD = ['/usr/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p));

export async function startClamd(): Promise<ClamdHarness> {
  if (!CLAMD) throw new Error("clamd introuvable : installez le paquet Debian clamav-daemon (apt-get install clamav-daemon ; .ci/run l'installe).");
  const dir = mkdtempSync(join(tmpdir(), 'pf-clamd-'));
  mkdirSync(join(dir, 'db'));
  // .ndb body signature: Name:TargetType(0 = any file):Offset(* = anywhere):hex.
  writeFileSync(join(dir, 'db', 'portail-test.ndb'), `${TEST_SIGNATURE}:0:*:${Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE').toString('hex')}\n`);
  const socket = join(dir, 'clamd.sock');
  const user = process.getuid?.() === 0 ? 'User root\n' : '';
  writeFileSync(join(dir, 'clamd.conf'), `DatabaseDirectory ${join(dir, 'db')}\nLocalSocket ${socket}\nForeground yes\n${user}LogFile ${join(dir, 'clamd.log')}\nTemporaryDirectory ${dir}\nSelfCheck 3600\n`);
  let child: ChildProcess | undefined;
  let output = '';
  const harness: ClamdHarness = {
    socket,
    async start() {
      rmSync(socket, { force: true });
      const proc = spawn(CLAMD, ['-c', join(dir, 'clamd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      proc.stdout!.on('data', (c: Buffer) => (output += c));
      proc.stderr!.on('data', (c: Buffer) => (output += c));
      const deadline = Date.now() + 60_000;
      while (!existsSync(socket)) {
        if (proc.exitCode !== null) throw new Error(`clamd s'est arrêté au démarrage :\n${output}`);
        if (Date.now() > deadline) throw new Error(`clamd ne démarre pas :\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(socket, { force: true });
    },
    async close() {
      await harness.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await harness.start();
  return harness;
}
