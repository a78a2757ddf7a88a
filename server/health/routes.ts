// Health for load balancers and orchestrators (server/API.md, "Operations").
// /health/live: the process answers. /health/ready: the database answers and every
// migration of the folder is applied, and the process is not shutting down; 503 otherwise.
import type { RouteDef } from '../http/routes.js';
import { Reply } from '../http/routes.js';
import { pendingMigrations, type Db } from '../db.js';

const DB_TIMEOUT_MS = 3000;

const HEALTH_HEADERS = { 'Cache-Control': 'no-store' };

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`pas de réponse en ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string; process: string };
}

export async function readiness(db: Db, draining = false): Promise<Readiness> {
  const checks = { database: 'ok', migrations: 'ok', process: draining ? 'arrêt en cours' : 'ok' };
  try {
    const pending = await withTimeout((async () => {
      await db.raw('select 1');
      return pendingMigrations(db);
    })(), DB_TIMEOUT_MS);
    if (pending.length) checks.migrations = `${pending.length} migration(s) non appliquée(s) : ${pending.join(', ')}`;
  } catch (error) {
    checks.database = `injoignable : ${(error as Error).message ?? error}`.slice(0, 200);
    checks.migrations = 'inconnu';
  }
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}

export const healthRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/health/live', roles: ['public'],
    summary: 'Vivacité : le processus répond (sans interroger la base).',
    response: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
    handler: () => new Reply(200, { status: 'ok' }, HEALTH_HEADERS),
  },
  {
    method: 'GET', path: '/health/ready', roles: ['public'],
    summary: "Disponibilité : la base répond, toutes les migrations sont appliquées et le processus ne s'arrête pas (503 sinon).",
    response: {
      type: 'object',
      properties: {
        status: { enum: ['ready', 'not_ready'] },
        checks: { type: 'object', properties: { database: { type: 'string' }, migrations: { type: 'string' }, process: { type: 'string' } } },
      },
      required: ['status', 'checks'],
    },
    handler: async ({ deps }) => {
      const { ready, checks } = await readiness(deps.db, deps.lifecycle?.draining);
      return new Reply(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks }, HEALTH_HEADERS);
    },
  },
];
