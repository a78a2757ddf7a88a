// `npm run admin:create -- --email maire@villebourg.fr --nom "Prénom Nom"`: the first
// administrator of a new installation (production has no demo accounts), on the portal's
// database (DATABASE_URL, or the embedded one under DATA_DIR when the portal is stopped).
// No password travels on the command line: the account receives the first-connection link
// (24 h) by mail, sent by the portal's outbox; the administrator then chooses a password and,
// in production, enrols the second factor. Later agents and administrators are created from
// the back office (« Agents »).
import { readConfig } from '../config.js';
import { systemClock } from '../clock.js';
import { option, runCommand, withPortalDatabase } from '../cli.js';
import { createStaff } from '../backoffice/agents.js';

const USAGE = 'Usage : npm run admin:create -- --email adresse@commune.fr --nom "Prénom Nom"';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  return withPortalDatabase(config, async (db) => {
    await createStaff({ db, clock: systemClock, config }, null, { email, displayName: name, role: 'admin' });
    console.log(`Compte administrateur créé pour ${name} <${email}>.`);
    console.log(`Le lien de première connexion (valable 24 h) part par mail dès que le portail tourne ; il mène à ${config.publicUrl}/reinitialiser.`);
    return 0;
  });
}

runCommand(main);
