// `npm run data:reencrypt`: re-seals health records, IBANs, sensitive answers and the stored
// justificatifs with the current DATA_KEY (older keys listed in DATA_KEY_PREVIOUS). See
// README « Rotation de la clé ».
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { createSealer } from '../crypto.js';
import { runCommand, withPortalDatabase } from '../cli.js';
import { localStorage, sealedStorage } from '../storage.js';
import { reencryptAll, resealFiles } from './reencrypt.js';

async function main(): Promise<number> {
  const config = readConfig();
  const sealer = createSealer(config.dataKey, config.dataKeyPrevious);
  return withPortalDatabase(config, async (db) => {
    const report = await reencryptAll(db, sealer);
    for (const [column, count] of Object.entries(report.columns)) console.log(`${column} : ${count} valeur(s) rechiffrée(s)`);
    const files = await resealFiles(db, sealedStorage(localStorage(join(config.dataDir, 'files')), sealer));
    console.log(`justificatifs : ${files} fichier(s) rechiffré(s)`);
    console.log(`Total : ${report.total + files}. Clé courante : ${sealer.currentKeyId}. Les anciennes clés peuvent être retirées de DATA_KEY_PREVIOUS.`);
    return 0;
  });
}

runCommand(main, 'Rechiffrement interrompu : ');
