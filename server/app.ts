// The portal's request handler, built from its dependencies (ports) so tests and main.ts
// assemble it the same way. Every request gets its id and log line, its security headers
// and its cookies read; then a request for a route of the table is served straight from it
// (session → policy → CSRF → validation → handler), and anything else goes to Express
// (the JSON 404 of /api, static files, the front ends). One error handler answers both.
import express, { type Express, type Request, type Response } from 'express';
import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseCookies } from 'cookie';
import type { AppDeps } from './deps.js';
import { setDefaultSealer } from './crypto.js';
import { requestLog } from './http/request-log.js';
import { compileRoutes, type RouteDef } from './http/routes.js';
import { routeTable } from './http/route-table.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { securityHeaders } from './http/security.js';

export interface AppOptions {
  /** Routes beyond the route table (tests, experiments). */
  extraRoutes?: RouteDef[];
  /** Called after the API routes and before the error handler: static files, SPA fallback. */
  mountStatic?: (app: Express) => void;
}

/** What node:http calls for each request; `express` serves what the route table does not. */
export interface PortalApp {
  (req: IncomingMessage, res: ServerResponse): void;
  express: Express;
}

/**
 * For http.createServer: requests and responses born with Express's prototypes. Changing an
 * object's prototype, as Express does on every request, makes V8 slow every later access to
 * it; measured on the autosave (`npm run bench`), serving from objects born right costs a
 * third less CPU. A server created without these options still works, only slower.
 */
function PortalRequest(this: IncomingMessage, socket: Socket) {
  IncomingMessage.call(this, socket);
}
PortalRequest.prototype = express.request;
function PortalResponse(this: ServerResponse, req: IncomingMessage, options?: unknown) {
  (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
}
PortalResponse.prototype = express.response;
export const serverOptions: ServerOptions = {
  IncomingMessage: PortalRequest as unknown as typeof IncomingMessage,
  ServerResponse: PortalResponse as unknown as typeof ServerResponse,
};

export function createApp(deps: AppDeps, options: AppOptions = {}): PortalApp {
  setDefaultSealer(deps.sealer);
  const app = express();
  app.disable('x-powered-by');
  // The client address comes from the socket, or from the configured number of proxies.
  app.set('trust proxy', deps.config.trustProxy > 0 ? deps.config.trustProxy : false);
  const log = requestLog(deps);
  const headers = securityHeaders(deps);
  const fail = errorHandler(deps.logger);
  const begin = (req: Request, res: Response) => {
    log(req, res);
    headers(req, res);
    const cookies = req.headers.cookie;
    req.cookies = cookies ? parseCookies(cookies) : {};
  };
  const findRoute = compileRoutes(routeTable(options.extraRoutes), deps);

  app.use((req, res, next) => {
    begin(req, res);
    next();
  });
  app.use('/api', apiNotFound);
  options.mountStatic?.(app);
  app.use(fail);

  const portal = ((req: Request, res: Response) => {
    const route = findRoute(req.method!, req.url);
    if (!route) return app(req, res);
    // What Express does before its router (application.js, handle), so that handlers and
    // helpers find the request and response they know (req.ip, req.is, res.cookie…); the
    // prototypes are already Express's when the server was created with serverOptions.
    if (Object.getPrototypeOf(req) !== express.request) {
      Object.setPrototypeOf(req, express.request);
      Object.setPrototypeOf(res, express.response);
    }
    req.app = app;
    res.app = app;
    req.res = res;
    res.req = req;
    res.locals = Object.create(null);
    req.originalUrl = req.url;
    req.baseUrl = '';
    req.params = route.params;
    begin(req, res);
    route.serve(req, res, (error) => fail(error, req, res, () => undefined));
  }) as PortalApp;
  portal.express = app;
  return portal;
}
