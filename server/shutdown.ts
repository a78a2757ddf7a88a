// Graceful shutdown (SIGTERM from an orchestrator, Ctrl-C): readiness turns 503 so the load
// balancer stops sending, the listening socket closes (no new connections), requests in
// flight finish (their connections close once answered), then the jobs stop taking work
// (outbox worker, publication watcher, housekeeping: Portal.close) and the pool closes.
// Returns false when requests were still running after `timeoutMs` (they are cut).
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Portal } from './boot.js';

export interface ShutdownInput {
  server: Server;
  portal: Pick<Portal, 'close'>;
  lifecycle: { draining: boolean };
  logger: Logger;
  timeoutMs: number;
}

export async function gracefulShutdown({ server, portal, lifecycle, logger, timeoutMs }: ShutdownInput): Promise<boolean> {
  lifecycle.draining = true;
  // Requests that arrive on a kept-alive connection meanwhile are answered, then the connection closes.
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  let clean = true;
  await new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      clean = false;
      logger.warn({ timeoutMs }, 'arrêt : requêtes encore en cours coupées');
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
  try {
    await portal.close();
  } catch (err) {
    logger.error({ err }, 'arrêt : fermeture incomplète');
    clean = false;
  }
  return clean;
}
