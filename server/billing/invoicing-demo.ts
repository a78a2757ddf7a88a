// Demo invoices (idempotent, fixed ids): one paid invoice for the month before last in the
// MARTIN and BERNARD households, so « Mes factures » has a history and the isolation tests
// have an invoice of family B to probe. Paid, so no demo invoice is waiting for a payment;
// the month before last, so last month is still there to bill (« Lancer la facturation »).
import type { Db } from '../db.js';
import { parisDate } from '../../engine/dates.js';
import { invoiceDates, monthRange, shiftDay, weekdayOf } from '../../engine/billing/invoicing.js';
import { ACTIVITIES, CHILDREN, FAMILIES, id } from '../demo/data.js';
import { nextNumber } from './invoicing-run.js';

const DEMO = [
  { invoiceId: id('i1'), family: FAMILIES[0].id, child: CHILDREN[0].id, priceCents: 280, days: 4 },
  { invoiceId: id('i2'), family: FAMILIES[1].id, child: CHILDREN[2].id, priceCents: 420, days: 3 },
];

export async function seedDemoInvoices(db: Db, now: Date): Promise<void> {
  const today = parisDate(now);
  const lastMonth = shiftDay(`${today.slice(0, 7)}-01`, -1);
  const month = shiftDay(`${lastMonth.slice(0, 7)}-01`, -1).slice(0, 7);
  const { start, end } = monthRange(month);
  const canteen = ACTIVITIES[0];
  for (const demo of DEMO) {
    if (await db('invoices').where({ id: demo.invoiceId }).first('id')) continue;
    const days: string[] = [];
    for (let d = start; d <= end && days.length < demo.days; d = shiftDay(d, 1)) if (weekdayOf(d) <= 5 && weekdayOf(d) !== 3) days.push(d);
    // Those days billed already by a real run (a demo database started long ago): keep it.
    await db.transaction(async (trx) => {
      const number = await nextNumber(trx, 'F', Number(today.slice(0, 4)));
      const total = days.length * demo.priceCents;
      const dates = invoiceDates(`${month}-${end.slice(8)}`, 'online', 30);
      await trx('invoices').insert({
        id: demo.invoiceId, number, family_id: demo.family, period_start: start, period_end: end, total_cents: total, paid_cents: total,
        due_date: dates.dueDate, online_payment_until: dates.onlinePaymentUntil, status: 'paid', kind: 'invoice', collection_method: 'online',
      });
      await trx('invoice_lines').insert(days.map((date, position) => ({
        invoice_id: demo.invoiceId, date, child_id: demo.child, activity_id: canteen.id, label: canteen.name, kind: 'reservation',
        quantity: 1, unit_price_cents: demo.priceCents, amount_cents: demo.priceCents, position, active: true,
      })));
    }).catch((error: { code?: string }) => {
      if (error.code !== '23505') throw error;
    });
  }
}
