// The Express application, built from its dependencies (ports) so tests and main.ts
// assemble it the same way. Order matters: ids and logs, headers, cookies, session,
// routes (policy → CSRF → validation → handler), then one error handler.
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import type { AppDeps } from './deps.js';
import { setDefaultSealer } from './crypto.js';
import { requestLog } from './http/request-log.js';
import { registerRoutes, type RouteDef } from './http/routes.js';
import { routeTable } from './http/route-table.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { securityHeaders } from './http/security.js';

export interface AppOptions {
  /** Routes beyond the route table (tests, experiments). */
  extraRoutes?: RouteDef[];
  /** Called after the API routes and before the error handler: static files, SPA fallback. */
  mountStatic?: (app: Express) => void;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  setDefaultSealer(deps.sealer);
  const app = express();
  app.disable('x-powered-by');
  // The client address comes from the socket, or from the configured number of proxies.
  app.set('trust proxy', deps.config.trustProxy > 0 ? deps.config.trustProxy : false);
  app.use(requestLog(deps));
  app.use(securityHeaders(deps));
  app.use(cookieParser());
  registerRoutes(app, routeTable(options.extraRoutes), deps);
  app.use('/api', apiNotFound);
  options.mountStatic?.(app);
  app.use(errorHandler(deps.logger));
  return app;
}
