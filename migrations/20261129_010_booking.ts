// Reservations (issue 8): one counter row per (activity, date) that bookings lock and update
// — capacity is exact under concurrency, never check-then-insert; the price snapshot of each
// reservation (invoicing reads it); private iCalendar feeds per child (only a hash of the
// token is stored). Deadline rules move to the text grammar of engine/calendar/deadlines.ts.
import type { Knex } from 'knex';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

// The first demo data stored rule objects; the grammar text is the stored form now.
function ruleText(r: Record<string, unknown> | string | undefined): string {
  if (typeof r === 'string') return r;
  const at = r && typeof r.time === 'string' ? ` à ${r.time}` : '';
  if (r?.kind === 'workingDaysBefore') return `J-${r.days} ouvrés${at}`;
  if (r?.kind === 'weekdayOfPreviousWeek') return `${WEEKDAYS[Number(r.weekday) - 1] ?? 'jeudi'} de la semaine précédente${at}`;
  if (r?.kind === 'windowClosesDaysBefore' || r?.kind === 'daysBefore') return `J-${r.days}${r.working ? ' ouvrés' : ''}${at}`;
  return 'J-2 ouvrés à 12:00';
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('booking_counters', (t) => {
    t.uuid('activity_id').notNullable().references('activities.id').onDelete('CASCADE');
    t.date('date').notNullable();
    // Places taken (booked + requested), the L131-13 canteen exception excluded.
    t.integer('taken').notNullable().defaultTo(0);
    // Last waiting-list ticket handed out on that date (waiting_rank of reservations).
    t.integer('waiting_seq').notNullable().defaultTo(0);
    t.primary(['activity_id', 'date']);
  });
  await knex.raw('ALTER TABLE booking_counters ADD CONSTRAINT booking_counters_taken_check CHECK (taken >= 0)');
  await knex.schema.alterTable('reservations', (t) => {
    t.integer('price_cents'); // unit price at booking time (tariff × family quotient on that date)
    t.boolean('over_capacity').notNullable().defaultTo(false); // booked under L131-13, not counted in taken
    t.timestamp('cancelled_at', { useTz: true });
  });
  if (!(await knex.schema.hasColumn('activities', 'unpaid_block_cents'))) {
    await knex.schema.alterTable('activities', (t) => t.integer('unpaid_block_cents'));
  }
  await knex.schema.createTable('calendar_feeds', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable().references('families.id').onDelete('CASCADE');
    t.uuid('child_id').notNullable().references('children.id').onDelete('CASCADE');
    // The URL token is HMAC(server secret, salt) with a random 128-bit salt: recomputable by
    // the server for its owner, never stored; token_hash = sha256(token) finds the feed.
    t.text('salt').notNullable();
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.index(['family_id', 'child_id']);
  });
  await knex.raw(`
    INSERT INTO booking_counters (activity_id, date, taken, waiting_seq)
    SELECT activity_id, date,
           count(*) FILTER (WHERE status IN ('booked', 'requested')),
           coalesce(max(waiting_rank), 0)
    FROM reservations GROUP BY activity_id, date`);
  for (const a of await knex('activities').select('id', 'deadline_rules', 'kind', 'calendar')) {
    const raw = typeof a.deadline_rules === 'string' ? JSON.parse(a.deadline_rules) : a.deadline_rules ?? {};
    const rules = 'book' in raw || 'cancel' in raw
      ? { book: ruleText(raw.book ?? raw.cancel), cancel: ruleText(raw.cancel ?? raw.book) }
      : { book: ruleText(raw), cancel: ruleText(raw) };
    const calendar = typeof a.calendar === 'string' ? JSON.parse(a.calendar) : a.calendar ?? {};
    const opens = a.kind === 'wednesday' ? ['wednesdays'] : a.kind === 'holiday' ? ['holidays'] : ['schoolDays'];
    const nextCalendar = calendar.zone ? calendar : { zone: 'C', opens, closedDays: [], ...calendar };
    await knex('activities').where({ id: a.id }).update({ deadline_rules: JSON.stringify(rules), calendar: JSON.stringify(nextCalendar) });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('calendar_feeds');
  await knex.schema.alterTable('reservations', (t) => {
    t.dropColumn('price_cents');
    t.dropColumn('over_capacity');
    t.dropColumn('cancelled_at');
  });
  await knex.schema.dropTableIfExists('booking_counters');
}
