// `npm run admin:create -- --email maire@villebourg.fr --nom "Prénom Nom"`: the first
// administrator of a new installation (production has no demo accounts), on the portal's
// database (DATABASE_URL, or the embedded one under DATA_DIR when the portal is stopped).
// No password travels on the command line: the account receives the first-connection link
// (24 h) by mail, sent by the portal's outbox; the administrator then chooses a password and,
// in production, enrols the second factor. Later agents and administrators are created from
// the back office (« Agents »).
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { migrate, openPglite, openPostgres } from '../db.js';
import { systemClock } from '../clock.js';
import { AppError } from '../http/errors.js';
import { createStaff } from '../backoffice/agents.js';

const USAGE = 'Usage : npm run admin:create -- --email adresse@commune.fr --nom "Prénom Nom"';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const email = option(argv, 'email')?.trim();
  const name = option(argv, 'nom')?.trim();
  if (!email || !name) {
    console.error(USAGE);
    return 2;
  }
  if (!EMAIL.test(email) || email.length > 254) {
    console.error(`Adresse mail invalide : « ${email} ».\n${USAGE}`);
    return 2;
  }
  if (name.length > 200) {
    console.error('Le nom ne doit pas dépasser 200 caractères.');
    return 2;
  }
  const config = readConfig();
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 2) : await openPglite(join(config.dataDir, 'pglite'));
  try {
    await migrate(db);
    await createStaff({ db, clock: systemClock, config }, null, { email, displayName: name, role: 'admin' });
    console.log(`Compte administrateur créé pour ${name} <${email}>.`);
    console.log(`Le lien de première connexion (valable 24 h) part par mail dès que le portail tourne ; il mène à ${config.publicUrl}/reinitialiser.`);
    return 0;
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then((code) => process.exit(code));
