// `npm start`: the portal with demo data, on PGlite under ./data unless DATABASE_URL is set.
import { createServer } from 'node:http';
import { readConfig } from './config.js';
import { createLogger } from './logger.js';
import { bootPortal } from './boot.js';
import { createApp } from './app.js';
import { DefinitionsError } from './definitions.js';
import { mountFrontEnds } from './http/static.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let portal;
  try {
    portal = await bootPortal(config, logger);
  } catch (error) {
    if (error instanceof DefinitionsError) {
      console.error(`Le portail ne démarre pas : ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = createServer(createApp(portal.deps, { mountStatic: (app) => mountFrontEnds(app) }));
  server.listen(config.port, () => {
    logger.info({ port: config.port, database: config.databaseUrl ? 'postgres' : 'pglite', mail: config.smtpUrl ? 'smtp' : 'capture' }, 'portail démarré');
    console.log(`Portail Famille : ${config.publicUrl}`);
    if (!config.smtpUrl) console.log(`Mails capturés dans ${config.dataDir}/mails (liste : ${config.publicUrl}/api/demo/mails)`);
  });
  const stop = () => {
    server.close();
    void portal.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error('Le portail ne démarre pas :', error instanceof Error ? error.message : error);
  process.exit(1);
});
