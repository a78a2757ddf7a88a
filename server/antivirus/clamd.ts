// A small client of the ClamAV daemon (clamd) INSTREAM protocol: "zINSTREAM\0", then chunks
// of <4-byte big-endian length><data>, then a zero length; the answer is
// "stream: OK", "stream: <signature> FOUND" or "... ERROR". Over a Unix socket
// (CLAMAV_SOCKET) or TCP (CLAMAV_HOST, CLAMAV_PORT).
import { connect, type Socket } from 'node:net';

export interface ClamavConfig {
  socket?: string;
  host?: string;
  port?: number;
  /** First retry delay when the daemon is out of reach (doubles, up to 10 minutes). */
  retryMs: number;
}

export type ScanResult = { status: 'clean' } | { status: 'infected'; signature: string };

export function clamavFromEnv(env: NodeJS.ProcessEnv): ClamavConfig | undefined {
  const retryMs = Number(env.CLAMAV_RETRY_MS ?? 5000);
  if (env.CLAMAV_SOCKET) return { socket: env.CLAMAV_SOCKET, retryMs };
  if (env.CLAMAV_HOST) return { host: env.CLAMAV_HOST, port: Number(env.CLAMAV_PORT ?? 3310), retryMs };
  return undefined;
}

const CHUNK = 64 * 1024;

function open(config: ClamavConfig): Socket {
  return config.socket ? connect(config.socket) : connect(config.port ?? 3310, config.host ?? '127.0.0.1');
}

/** Sends a command and returns the daemon's whole answer (without the trailing NUL). */
function exchange(config: ClamavConfig, write: (socket: Socket) => void, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = open(config);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim());
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`clamd ne répond pas (${timeoutMs} ms)`)));
    socket.on('error', (error) => finish(error));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => finish());
    socket.on('connect', () => write(socket));
  });
}

export async function ping(config: ClamavConfig, timeoutMs = 2000): Promise<boolean> {
  try {
    return (await exchange(config, (s) => s.write('zPING\0'), timeoutMs)) === 'PONG';
  } catch {
    return false;
  }
}

/** Scans one file's bytes; throws when the daemon is out of reach or answers an error. */
export async function scanBuffer(config: ClamavConfig, data: Buffer, timeoutMs = 30_000): Promise<ScanResult> {
  const answer = await exchange(config, (socket) => {
    socket.write('zINSTREAM\0');
    for (let i = 0; i < data.length; i += CHUNK) {
      const part = data.subarray(i, i + CHUNK);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(part.length);
      socket.write(size);
      socket.write(part);
    }
    socket.write(Buffer.alloc(4)); // zero length: end of stream
  }, timeoutMs);
  if (/^stream: OK$/.test(answer)) return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found) return { status: 'infected', signature: found[1] };
  throw new Error(`clamd : réponse inattendue « ${answer.slice(0, 200)} »`);
}
