// The portal's process. `npm start` (demo: builds the front ends first, PGlite under ./data
// unless DATABASE_URL is set) and `npm run start:prod` (NODE_ENV=production: serves what
// `npm run build` left in dist/, refuses development secrets, no rebuild) both run this.
// SIGTERM/SIGINT: graceful shutdown (server/shutdown.ts).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from './config.js';

function refuse(message: string): never {
  console.error(`Le portail ne démarre pas / the portal does not start : ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    refuse(error instanceof Error ? error.message : String(error));
  }
  if (config.production && !existsSync(join(config.distDir, 'renderer', 'index.html'))) {
    refuse(`les applications ne sont pas construites dans ${config.distDir} : lancez « npm run build » avant « npm run start:prod » / front ends not built: run "npm run build" first.`);
  }
  // The rest is loaded once the configuration is known to be usable (a refusal is immediate).
  const [{ createLogger }, { bootPortal }, { createApp, serverOptions }, { DefinitionsError }, { mountFrontEnds }, { gracefulShutdown }] = await Promise.all([
    import('./logger.js'), import('./boot.js'), import('./app.js'), import('./definitions.js'), import('./http/static.js'), import('./shutdown.js'),
  ]);
  const logger = createLogger(config.logLevel);
  let portal;
  try {
    portal = await bootPortal(config, logger, { seed: config.demoData });
  } catch (error) {
    if (error instanceof DefinitionsError) refuse(error.message);
    throw error;
  }
  if (config.demoData) {
    const { seedDemoPlanning } = await import('./demo/planning.js');
    // Demo comfort only: a failure (another process seeding at the same instant) must not stop the portal.
    await seedDemoPlanning(portal.deps).catch((error: Error) => logger.warn({ err: { message: error.message } }, 'réservations de démonstration non créées'));
  }
  const lifecycle = { draining: false };
  portal.deps.lifecycle = lifecycle;
  const app = createApp(portal.deps, { mountStatic: (a) => mountFrontEnds(a, config.distDir) });
  const server = createServer(serverOptions, app);
  server.listen(config.port, () => {
    const { port } = server.address() as { port: number };
    logger.info({ port, database: config.databaseUrl ? 'postgres' : 'pglite', mail: config.smtpUrl ? 'smtp' : 'capture', production: config.production }, 'portail démarré');
    console.log(`Portail Famille : ${config.publicUrl} (port ${port})`);
    if (!config.smtpUrl) console.log(`Mails capturés dans ${config.dataDir}/mails (liste : ${config.publicUrl}/api/demo/mails)`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'arrêt demandé : fin des requêtes en cours');
    void gracefulShutdown({ server, portal, lifecycle, logger, timeoutMs: config.shutdownTimeoutMs }).then((clean) => {
      logger.info({ clean }, 'portail arrêté');
      // pino writes synchronously to stdout; nothing is left to flush.
      process.exit(clean ? 0 : 1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error('Le portail ne démarre pas :', error instanceof Error ? error.message : error);
  process.exit(1);
});
