// One JSON line per request (pino), tied to the id the answer carries in X-Request-Id.
// Written once the answer is finished (or the connection cut), from a handful of fields
// read then: method, URL without query values, status, user, duration — never headers or
// bodies. One listener per request and no child logger, because this runs on every request
// (autosaves included) and its cost adds up.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.js';
import { safeUrl } from '../logger.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** This request's id, also sent back in X-Request-Id and written in its log lines. */
      id?: string;
    }
  }
}

/** Starts a request's log: its id now, its line when the answer is finished or cut. */
export function requestLog(deps: AppDeps): (req: Request, res: Response) => void {
  return (req, res) => {
    const id = randomUUID();
    const started = performance.now();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    res.once('close', () => {
      // Read at the end: tests re-point deps.logger, and the user is known only by then.
      const logger = deps.logger;
      const finished = res.writableFinished;
      const level = !finished || res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({
        reqId: id,
        req: { method: req.method, url: safeUrl(req.originalUrl) },
        res: { statusCode: res.statusCode },
        userId: req.auth?.user?.id,
        responseTime: Math.round(performance.now() - started),
      }, finished ? 'request completed' : 'request aborted');
    });
  };
}
