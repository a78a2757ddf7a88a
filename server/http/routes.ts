// The route table mechanism. Every route declares who may call it (default deny), the
// JSON Schemas of its inputs (unknown fields refused) and a thin handler. Modules export
// arrays of RouteDef; server/http/route-table.ts lists them, and compileRoutes makes them one
// radix tree that the application consults before Express (server/app.ts).
import express, { type Request, type Response } from 'express';
import FindMyWay from 'find-my-way';
import type { AppDeps, Role, SessionUser } from '../deps.js';
import type { Db } from '../db.js';
import { AppError } from './errors.js';
import { compileValidator, type Schema, type Validator } from './validate.js';
import { checkCsrf } from './security.js';
import { authenticate, claimedAuth } from '../auth/sessions.js';

export type Access = Role | 'public';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B = any, P = Record<string, string>, Q = any> {
  req: Request;
  res: Response;
  deps: AppDeps;
  /** The signed-in user; never null on a route without 'public'. */
  user: SessionUser | null;
  body: B;
  params: P;
  query: Q;
  ip: string;
}

export interface RouteDef {
  method: Method;
  path: string;
  /** Who may call it. Required: a route without a policy refuses to register. */
  roles: Access[];
  /** One French sentence for the API description (GET /api/openapi.json). */
  summary?: string;
  /** Shape of the 200 answer, for the API description only (not checked at run time). */
  response?: Schema;
  /**
   * Routes an agent or administrator may call before their second factor is done
   * ('totp': password given, code awaited; 'enrol': must enrol first, in production).
   */
  secondFactor?: ('totp' | 'enrol')[];
  body?: Schema;
  params?: Schema;
  query?: Schema;
  /** The handler reads the request stream itself (multipart uploads): no JSON parsing. */
  rawBody?: boolean;
  /**
   * false: no CSRF check, for public routes called by another server or site (a payment
   * provider's signed notification, its page's form): they authenticate the request themselves.
   */
  csrf?: false;
  /**
   * Family-owned ids among the path params, for the generated isolation test: for each
   * param, how to find one id belonging to a given family (undefined when it has none).
   */
  familyOwned?: Record<string, (db: Db, familyId: string) => Promise<string | undefined>>;
  /** A valid body for the isolation test, so the call reaches the ownership check. */
  sampleBody?: unknown;
  /**
   * For the hottest writes only: a handler that checks the session inside its own SQL
   * statement (see liveSessionSql) instead of a lookup before it — one round trip instead
   * of two. Called with the cookie's claimed session once the CSRF token matches it and the
   * inputs are valid; it answers undefined to take the ordinary path (session loaded,
   * policy, handler), which then gives every refusal its usual answer.
   */
  inStatement?(ctx: InStatementContext): Promise<unknown | undefined>;
  handler(ctx: RouteContext): unknown | Promise<unknown>;
}

export interface InStatementContext<B = any, P = Record<string, string>> {
  req: Request;
  deps: AppDeps;
  /** The cookie's session hash, not yet checked against the sessions table. */
  sessionHash: string;
  body: B;
  params: P;
}

/** A non-200 answer from a handler. Returning undefined answers 204; RAW means "already sent". */
export class Reply {
  constructor(public status: number, public body?: unknown, public headers: Record<string, string> = {}) {}
}
export const RAW = Symbol('raw');

const jsonParser = express.json({ limit: '1mb', strict: true });
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function authorize(route: RouteDef, user: SessionUser | null): void {
  if (route.roles.includes('public')) return;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à cette page.');
  if (!route.roles.includes(user.role)) throw new AppError('FORBIDDEN', "Vous n'avez pas accès à cette fonction.");
  if (user.pending && !route.secondFactor?.includes(user.pending)) {
    throw user.pending === 'totp'
      ? new AppError('SECOND_FACTOR_REQUIRED', "Saisissez le code à 6 chiffres de votre application d'authentification pour terminer la connexion.")
      : new AppError('SECOND_FACTOR_ENROLMENT_REQUIRED', "Activez la double authentification (application d'authentification) avant d'accéder au back office.");
  }
}

function readBody(route: RouteDef, req: Request, validator?: Validator): unknown {
  if (route.rawBody) return undefined;
  if (hasBody(req) && !req.is('application/json')) {
    throw new AppError('UNSUPPORTED_TYPE', 'Le corps de la requête doit être du JSON (Content-Type: application/json).');
  }
  const body = req.body ?? {};
  if (validator) return validator(body);
  if (typeof body === 'object' && body !== null && Object.keys(body).length === 0) return undefined;
  throw new AppError('INVALID_INPUT', "Cette requête n'accepte pas de données.");
}

function send(res: Response, result: unknown): void {
  if (result === RAW || res.headersSent) return;
  if (result === undefined) res.status(204).end();
  else if (result instanceof Reply) {
    res.status(result.status).set(result.headers);
    if (result.body === undefined) res.end();
    else sendJson(res, result.body);
  } else sendJson(res, result);
}

/** A JSON answer, written as is: API answers are no-store, so they carry no ETag to compute. */
function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

interface Validators { body?: Validator; params?: Validator; query: Validator }

/** The in-statement path: only when the cookie's claim passes CSRF and the inputs are valid. */
async function tryInStatement(route: RouteDef, req: Request, deps: AppDeps, v: Validators): Promise<unknown | undefined> {
  const claimed = claimedAuth(req);
  if (!claimed?.sessionHash) return undefined;
  req.auth = claimed;
  let ctx: InStatementContext;
  try {
    if (UNSAFE.has(route.method)) checkCsrf(req, deps);
    v.query({ ...(req.query as object) });
    ctx = { req, deps, sessionHash: claimed.sessionHash, params: (v.params ? v.params({ ...req.params }) : req.params) as Record<string, string>, body: readBody(route, req, v.body) };
  } catch {
    return undefined; // the ordinary path answers with the right refusal
  }
  return route.inStatement!(ctx);
}

export type RouteServer = (req: Request, res: Response, next: (error?: unknown) => void) => void;
export type RouteFinder = (method: string, url: string) => { serve: RouteServer; params: Record<string, string> } | undefined;

/**
 * Compiles the route table into one radix tree (find-my-way): the route is found from the
 * method and path (query string ignored) whatever the size of the table. A GET route also
 * answers HEAD. Refuses a table with a route lacking a policy, declared twice or
 * contradicting itself.
 */
export function compileRoutes(routes: RouteDef[], deps: AppDeps): RouteFinder {
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 500 });
  const seen = new Set<string>();
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    if (!Array.isArray(route.roles) || route.roles.length === 0) throw new Error(`${where} : aucune politique d'accès (roles).`);
    if (seen.has(where)) throw new Error(`${where} : route déclarée deux fois.`);
    seen.add(where);
    if (route.method === 'GET' && route.body) throw new Error(`${where} : un GET ne prend pas de corps.`);
    if (route.csrf === false && !route.roles.includes('public')) throw new Error(`${where} : seule une route publique peut se passer du contrôle CSRF.`);
    const serve = serveRoute(route, deps, {
      body: route.body && compileValidator(route.body, 'body', where),
      params: route.params && compileValidator(route.params, 'params', where),
      query: compileValidator(route.query ?? { type: 'object', additionalProperties: false }, 'query', where),
    }) as unknown as FindMyWay.Handler<FindMyWay.HTTPVersion.V1>;
    router.on(route.method, route.path, serve);
    if (route.method === 'GET') router.on('HEAD', route.path, serve);
  }
  return (method, url) => {
    const found = router.find(method as FindMyWay.HTTPMethod, url);
    return found ? { serve: found.handler as unknown as RouteServer, params: found.params as Record<string, string> } : undefined;
  };
}

/** One route's pipeline: JSON body, then who (session), policy, CSRF, inputs, handler, answer. */
function serveRoute(route: RouteDef, deps: AppDeps, v: Validators): RouteServer {
  const handle = async (req: Request, res: Response, next: (error?: unknown) => void) => {
    try {
      if (route.inStatement) {
        const answer = await tryInStatement(route, req, deps, v);
        if (answer !== undefined) return send(res, answer);
      }
      const user = (await authenticate(req, res, deps)).user;
      // Who first (an ended session answers 401, not a CSRF refusal), then CSRF.
      authorize(route, user);
      if (UNSAFE.has(route.method) && route.csrf !== false) checkCsrf(req, deps);
      const ctx: RouteContext = {
        req, res, deps, user, ip: req.ip ?? '',
        params: (v.params ? v.params({ ...req.params }) : req.params) as Record<string, string>,
        query: v.query({ ...(req.query as object) }),
        body: readBody(route, req, v.body),
      };
      send(res, await route.handler(ctx));
    } catch (error) {
      next(error);
    }
  };
  if (route.rawBody) return (req, res, next) => void handle(req, res, next);
  return (req, res, next) => jsonParser(req, res, (error?: unknown) => (error ? next(error) : void handle(req, res, next)));
}
