// The portal started in-process for integration tests: its own database cloned from the
// migrated template, real SMTP, demo data, an outbox worker polling fast. Usage:
//   const t = await startTestApp();            // in beforeAll
//   const parent = await t.login(DEMO.parentA.email);
//   const res = await parent.get('/api/family');
//   await t.close();                           // in afterAll
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { inject } from 'vitest';
import { readConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { bootPortal, type Portal } from '../../server/boot.js';
import { createApp, serverOptions, type AppOptions } from '../../server/app.js';
import { smtpTransport } from '../../server/mail/transport.js';
import type { AppDeps } from '../../server/deps.js';
import type { Db } from '../../server/db.js';
import type { Clock } from '../../server/clock.js';
import { createTestDatabase, type PgInfo } from './pg.js';
import { startSmtp, type SmtpHarness } from './smtp.js';
import { DEMO_PASSWORD, FAMILIES, USERS } from '../../server/demo/data.js';

/** The seeded accounts (server/demo/data.ts). */
export const DEMO = {
  password: DEMO_PASSWORD,
  parentA: { email: USERS[0].email, familyId: FAMILIES[0].id, userId: USERS[0].id },
  parentB: { email: USERS[1].email, familyId: FAMILIES[1].id, userId: USERS[1].id },
  /** No password yet: first connection. */
  newParent: { email: USERS[2].email, familyId: FAMILIES[2].id, userId: USERS[2].id },
  agent: { email: USERS[3].email, userId: USERS[3].id },
  admin: { email: USERS[4].email, userId: USERS[4].id },
};

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A browser-like client: keeps cookies, sends Origin and the CSRF token on changes. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | null = null;
  constructor(public baseUrl: string, public origin: string = baseUrl) {}

  async request<T = any>(method: string, path: string, opts: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<TestResponse<T>> {
    const unsafe = !['GET', 'HEAD'].includes(method);
    if (unsafe && opts.csrf !== false && !this.csrfToken) await this.refreshCsrf();
    const headers: Record<string, string> = { Origin: this.origin, ...opts.headers };
    if (unsafe && opts.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if ((parsed as { csrfToken?: string } | undefined)?.csrfToken) this.csrfToken = (parsed as { csrfToken: string }).csrfToken;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async refreshCsrf(): Promise<void> {
    const res = await this.request<{ csrfToken: string }>('GET', '/api/session');
    this.csrfToken = res.body.csrfToken;
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { body, headers });
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, { body });
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface TestApp {
  url: string;
  db: Db;
  /** The connection string of this file's database on the PostgreSQL server (undefined on PGlite), for commands run as processes. */
  dbUrl?: string;
  smtp: SmtpHarness;
  deps: AppDeps;
  portal: Portal;
  server: Server;
  /** The Express application (e.g. to inspect its router). */
  express: Express;
  /** A new anonymous browser. */
  client(): TestClient;
  /** A new browser signed in (demo password by default); throws if the login fails. */
  login(email: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  env?: Record<string, string>;
  /** 'pglite': the embedded database of `npm start` instead of the test run's PostgreSQL server. */
  database?: 'pglite';
  clock?: Clock;
  seed?: boolean;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { db, url: dbUrl } = await createTestDatabase(opts.database === 'pglite' ? { mode: 'pglite' } as PgInfo : inject('pg'));
  const smtp = await startSmtp();
  const server = createServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const config = readConfig({ NODE_ENV: 'test', PUBLIC_URL: url, SMTP_URL: smtp.url, DATA_DIR: '.tmp/test-data', ...opts.env });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const portal = await bootPortal(config, logger, {
    db, clock: opts.clock, seed: opts.seed, mail: smtpTransport(smtp.url, config.mailFrom),
    worker: { pollMs: 50, backoffMs: 100, maxBackoffMs: 500 },
  });
  const handler = createApp(portal.deps, opts);
  server.on('request', handler);
  const app: TestApp = {
    url, db, dbUrl, smtp, deps: portal.deps, portal, server, express: handler.express,
    client: () => new TestClient(url),
    async login(email, password = DEMO_PASSWORD) {
      const c = new TestClient(url);
      const res = await c.post('/api/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`Connexion de ${email} impossible : ${res.status} ${res.text}`);
      return c;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await portal.close();
      await smtp.stop();
      await db.destroy();
    },
  };
  return app;
}

/** Waits until the outbox worker has sent every pending mail (before a digest that earlier mails would change). */
export async function outboxDrained(db: Db, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Number((await db('outbox').where({ status: 'pending' }).count({ n: '*' }))[0].n) > 0) {
    if (Date.now() > deadline) throw new Error('Des mails restent en attente dans la boîte d’envoi.');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A digest of every table that a request must not change (sessions and throttling aside). */
export async function databaseDigest(db: Db): Promise<string> {
  const tables = (await db('pg_tables').where({ schemaname: 'public' }).pluck('tablename') as string[])
    .filter((t) => !['sessions', 'login_throttle', 'knex_migrations', 'knex_migrations_lock'].includes(t)).sort();
  const parts: string[] = [];
  for (const t of tables) {
    const { rows } = await db.raw(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h FROM ${t} x`);
    parts.push(`${t}:${rows[0].h}`);
  }
  return parts.join('\n');
}
