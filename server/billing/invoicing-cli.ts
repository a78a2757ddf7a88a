// `npm run invoices:run -- --month 2026-11`: the monthly invoicing run from the command line,
// on the same database as the portal (DATABASE_URL, or the embedded one under DATA_DIR).
// Prints its progress; running it again for a month bills only what is not billed yet.
import { readConfig } from '../config.js';
import { option, runCommand, withPortalDatabase } from '../cli.js';
import { runInvoicing } from './invoicing-run.js';

async function main(): Promise<number> {
  const month = option(process.argv.slice(2), 'month');
  if (!month) {
    console.error('Usage : npm run invoices:run -- --month AAAA-MM   (ex. --month 2026-11)');
    return 2;
  }
  return withPortalDatabase(readConfig(), async (db) => {
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
  });
}

runCommand(main);
