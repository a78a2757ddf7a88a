// `npm run invoices:run -- --month 2026-11`: the monthly invoicing run from the command line,
// on the same database as the portal (DATABASE_URL, or the embedded one under DATA_DIR).
// Prints its progress; running it again for a month bills only what is not billed yet.
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { migrate, openPglite, openPostgres } from '../db.js';
import { AppError } from '../http/errors.js';
import { runInvoicing } from './invoicing-run.js';

function monthArgument(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--month' || a.startsWith('--month='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

async function main(): Promise<number> {
  const month = monthArgument(process.argv.slice(2));
  if (!month) {
    console.error('Usage : npm run invoices:run -- --month AAAA-MM   (ex. --month 2026-11)');
    return 2;
  }
  const config = readConfig();
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 2) : await openPglite(join(config.dataDir, 'pglite'));
  try {
    await migrate(db);
    const started = Date.now();
    const summary = await runInvoicing(db, {
      month, now: new Date(), source: 'cli',
      onProgress: (done, total) => process.stdout.write(`\rFacturation ${month} : ${done}/${total} famille(s)`),
    });
    process.stdout.write('\n');
    const run = await db('invoicing_runs').where({ id: summary.runId }).first('status', 'error');
    const total = (summary.totalCents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' }).replace(/\u202f/g, ' ');
    console.log(`${summary.invoicesCreated} facture(s) émise(s), ${summary.linesCreated} ligne(s), total ${total} — ${summary.families} famille(s) examinée(s) en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (run?.status === 'failed') {
      console.error(`Des familles n'ont pas pu être facturées :\n${run.error}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then((code) => process.exit(code));
