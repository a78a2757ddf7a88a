// Reservations over HTTP against a real database: the planning grid, batch requests with
// prices, deadlines, cancellation, template week, the L131-13 canteen exception, unpaid
// blocking, the waiting list and its promotion mail, family isolation and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, databaseDigest, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { id } from '../../server/demo/data.js';

const LEA = id('e1'); // MARTIN, élémentaire, QF 650 → canteen 2,80 €, care 1,50 €
const TOM = id('e2'); // MARTIN, maternelle
const LUCAS = id('e3'); // BERNARD and PETIT
const CANTINE = id('a1');
const PERI_SOIR = id('a3');
const MONDAY = '2026-11-16';

const now = new Date('2026-11-09T08:00:00Z'); // Monday 9 Nov 2026, 09:00 in Paris (sessions follow this clock)
let t: TestApp;
let claire: TestClient;
let paul: TestClient;

const book = (childId: string, activityId: string, date: string) => ({ childId, activityId, date, action: 'book' });
const cancel = (childId: string, activityId: string, date: string) => ({ childId, activityId, date, action: 'cancel' });

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  await t.db('enrolments').insert({ family_id: DEMO.parentB.familyId, child_id: LUCAS, activity_id: PERI_SOIR, school_year: '2026-2027', status: 'active' });
  claire = await t.login(DEMO.parentA.email);
  paul = await t.login(DEMO.parentB.email);
});
afterAll(() => t?.close());

describe('planning', () => {
  it('shows the enrolled activities of the children, each cell with its state and price', async () => {
    const res = await claire.get(`/api/planning?from=${MONDAY}&days=7`);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe(MONDAY);
    expect(res.body.to).toBe('2026-11-22');
    expect(res.body.children.map((c: { firstName: string }) => c.firstName).sort()).toEqual(['Léa', 'Tom']);
    expect(res.body.activities.map((a: { code: string }) => a.code).sort()).toEqual(['CANTINE', 'PERI-SOIR']);
    expect(res.body.cells).toHaveLength(2 * 2 * 7);
    const cell = (date: string, activityId = CANTINE, childId = LEA) => res.body.cells.find((c: any) => c.date === date && c.activityId === activityId && c.childId === childId);
    expect(cell(MONDAY)).toMatchObject({ state: 'bookable', canBook: true, priceCents: 280, bookUntil: '2026-11-12T11:00:00.000Z', reservation: null });
    expect(cell(MONDAY, PERI_SOIR)).toMatchObject({ state: 'bookable', priceCents: 150 });
    expect(cell('2026-11-18')).toMatchObject({ state: 'closed', reason: "Pas d'école le mercredi", canBook: false });
    expect(cell('2026-11-21')).toMatchObject({ state: 'closed', reason: 'Week-end' });
    expect(res.body.legend.map((l: { label: string }) => l.label)).toContain('Hors délai');
  });

  it('says "Hors délai" once the booking deadline has passed', async () => {
    const res = await claire.get('/api/planning?from=2026-11-10&days=1&childId=' + LEA + '&activityId=' + CANTINE);
    expect(res.body.cells).toEqual([expect.objectContaining({ date: '2026-11-10', state: 'past', reason: 'Hors délai', canBook: false })]);
  });
});

describe('requests', () => {
  it('books a batch in one go, with the family-quotient price, and lists it', async () => {
    const res = await claire.post('/api/planning/requests', { requests: [book(LEA, CANTINE, MONDAY), book(LEA, PERI_SOIR, MONDAY), book(LEA, CANTINE, '2026-11-18'), book(LEA, CANTINE, '2026-11-10')] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.date, r.outcome, r.priceCents])).toEqual([
      [MONDAY, 'booked', 280], [MONDAY, 'booked', 150], ['2026-11-18', 'refused', null], ['2026-11-10', 'refused', null],
    ]);
    expect(res.body.results[2].reason).toBe("Pas d'école le mercredi");
    expect(res.body.results[3].reason).toMatch(/Hors délai/);
    expect(res.body.summary).toEqual({ booked: 2, requested: 0, waiting: 0, cancelled: 0, refused: 2, totalCents: 430 });
    const list = await claire.get(`/api/reservations?childId=${LEA}&from=${MONDAY}&to=${MONDAY}`);
    expect(list.body.items.map((i: any) => [i.activityName, i.status, i.statusLabel, i.priceCents]).sort()).toEqual([
      ['Accueil périscolaire du soir', 'booked', 'Réservé', 150], ['Restauration scolaire', 'booked', 'Réservé', 280],
    ]);
    const again = await claire.post('/api/planning/requests', { requests: [book(LEA, CANTINE, MONDAY)] });
    expect(again.body.results[0]).toMatchObject({ outcome: 'booked', reason: 'Déjà demandé' });
    expect(await t.db('reservations').where({ child_id: LEA, activity_id: CANTINE, date: MONDAY }).count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });
    expect(Number((await t.db('booking_counters').where({ activity_id: CANTINE, date: MONDAY }).first()).taken)).toBe(1);
  });

  it('cancels within the cancellation deadline and refuses after it', async () => {
    await claire.post('/api/planning/requests', { requests: [book(TOM, PERI_SOIR, '2026-11-17'), book(TOM, PERI_SOIR, '2026-11-19')] });
    const ok = await claire.post('/api/planning/requests', { requests: [cancel(TOM, PERI_SOIR, '2026-11-17')] });
    expect(ok.body.results[0]).toMatchObject({ outcome: 'cancelled' });
    // Tuesday 10 Nov: its deadline (Friday 6, 12:00) has passed (a booking made back then).
    await t.db('reservations').insert({ family_id: DEMO.parentA.familyId, child_id: TOM, activity_id: PERI_SOIR, date: '2026-11-10', status: 'booked', price_cents: 150 });
    const before = await databaseDigest(t.db);
    const late = await claire.post('/api/planning/requests', { requests: [cancel(TOM, PERI_SOIR, '2026-11-10')] });
    expect(late.status).toBe(200);
    expect(late.body.results[0]).toMatchObject({ outcome: 'refused', reason: "Hors délai : la date limite d'annulation est passée" });
    expect(await databaseDigest(t.db)).toBe(before);
    const row = await t.db('reservations').where({ child_id: TOM, activity_id: PERI_SOIR, date: '2026-11-10' }).first();
    expect(row.status).toBe('booked');
    expect((await t.db('reservations').where({ child_id: TOM, activity_id: PERI_SOIR, date: '2026-11-19' }).first()).status).toBe('booked');
  });
});

describe('validation and tariffs', () => {
  it('gives "réservé à confirmer" for a manual activity and prices an effort-rate tariff from the quotient', async () => {
    const date = '2026-11-24';
    await t.db('activities').where({ id: PERI_SOIR }).update({ validation: 'manual', tariff: JSON.stringify({ kind: 'effortRate', ratePercent: 0.3, minCents: 100, maxCents: 500 }) });
    try {
      const res = await claire.post('/api/planning/requests', { requests: [book(LEA, PERI_SOIR, date)] });
      // QF 650 × 0,3 % = 1,95 €.
      expect(res.body.results[0]).toMatchObject({ outcome: 'requested', priceCents: 195 });
      expect(res.body.summary).toMatchObject({ requested: 1, totalCents: 195 });
      const list = await claire.get(`/api/reservations?status=requested&childId=${LEA}`);
      expect(list.body.items).toEqual([expect.objectContaining({ date, statusLabel: 'Réservé à confirmer', priceCents: 195 })]);
    } finally {
      await t.db('activities').where({ id: PERI_SOIR }).update({ validation: 'automatic', tariff: JSON.stringify({ mode: 'bands' }) });
    }
  });
});

describe('L131-13 and unpaid blocking', () => {
  it('never refuses a primary-school child the canteen, even full and with unpaid bills; other activities wait or are blocked', async () => {
    const date = '2026-11-20';
    await t.db('activities').where({ id: CANTINE }).update({ capacity: 1, unpaid_block_cents: 1000 });
    await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 1 });
    try {
      const first = await paul.post('/api/planning/requests', { requests: [book(LUCAS, PERI_SOIR, date)] });
      expect(first.body.results[0].outcome).toBe('booked');
      await claire.post('/api/planning/requests', { requests: [book(LEA, CANTINE, date)] }); // takes the only place
      const res = await claire.post('/api/planning/requests', { requests: [book(TOM, CANTINE, date), book(TOM, PERI_SOIR, date)] });
      expect(res.body.results.map((r: any) => r.outcome)).toEqual(['booked', 'waiting']);
      expect(res.body.results[1]).toMatchObject({ waitingRank: 1 });
      const tom = await t.db('reservations').where({ child_id: TOM, activity_id: CANTINE, date }).first();
      expect(tom).toMatchObject({ status: 'booked', over_capacity: true });

      await t.db('invoices').insert({ number: 'TEST-IMPAYE-1', family_id: DEMO.parentA.familyId, period_start: '2026-09-01', period_end: '2026-09-30', total_cents: 5000, paid_cents: 0, due_date: '2026-10-15' });
      await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 60, unpaid_block_cents: 1000 });
      const blocked = await claire.post('/api/planning/requests', { requests: [book(LEA, CANTINE, '2026-11-23'), book(LEA, PERI_SOIR, '2026-11-23')] });
      expect(blocked.body.results.map((r: any) => r.outcome)).toEqual(['booked', 'refused']);
      expect(blocked.body.results[1].reason).toMatch(/impayés/);
      const grid = await claire.get(`/api/planning?from=2026-11-23&days=1&childId=${LEA}`);
      expect(grid.body.cells.map((c: any) => [c.activityId, c.state])).toEqual(expect.arrayContaining([[PERI_SOIR, 'blocked']]));
    } finally {
      await t.db('invoices').where({ number: 'TEST-IMPAYE-1' }).del();
      await t.db('activities').where({ id: CANTINE }).update({ capacity: 180, unpaid_block_cents: null });
      await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 60, unpaid_block_cents: null });
    }
  });
});

describe('waiting list', () => {
  it('gives a freed place to the first waiting child and mails the family', async () => {
    const date = '2026-11-26';
    await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 1 });
    try {
      expect((await claire.post('/api/planning/requests', { requests: [book(LEA, PERI_SOIR, date)] })).body.results[0].outcome).toBe('booked');
      const waiting = await paul.post('/api/planning/requests', { requests: [book(LUCAS, PERI_SOIR, date)] });
      expect(waiting.body.results[0]).toMatchObject({ outcome: 'waiting', waitingRank: 1, reason: "Complet : inscrit en liste d'attente" });
      expect((await claire.post('/api/planning/requests', { requests: [book(TOM, PERI_SOIR, date)] })).body.results[0]).toMatchObject({ outcome: 'waiting', waitingRank: 2 });
      const cancelled = await claire.post('/api/planning/requests', { requests: [cancel(LEA, PERI_SOIR, date)] });
      expect(cancelled.body.results[0].outcome).toBe('cancelled');
      const lucas = await t.db('reservations').where({ child_id: LUCAS, activity_id: PERI_SOIR, date }).first();
      expect(lucas.status).toBe('booked');
      expect(Number((await t.db('booking_counters').where({ activity_id: PERI_SOIR, date }).first()).taken)).toBe(1);
      const mail = await t.smtp.waitFor({ to: 'paul.bernard@example.fr', subject: /Place libérée/ });
      expect(mail.text).toContain('Lucas');
      expect(mail.text).toContain('26/11/2026');
      const tomCell = await claire.get(`/api/planning?from=${date}&days=1&childId=${TOM}&activityId=${PERI_SOIR}`);
      expect(tomCell.body.cells[0].reservation).toMatchObject({ status: 'waiting', waitingRank: 1 });
    } finally {
      await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 60 });
    }
  });
});

describe('template week', () => {
  it('applies a weekly pattern over a month in one request, with a report of what was not booked and why', async () => {
    const res = await claire.post('/api/planning/template', {
      from: '2026-11-30', to: '2026-12-31', every: 1,
      pattern: [{ childId: TOM, activityId: CANTINE, weekdays: [1, 2, 3, 4, 5] }, { childId: TOM, activityId: PERI_SOIR, weekdays: [2, 4] }],
    });
    expect(res.status).toBe(200);
    const byReason = (reason: string) => res.body.results.filter((r: any) => r.reason === reason).map((r: any) => r.date);
    expect(byReason("Pas d'école le mercredi")).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
    expect(byReason('Vacances de Noël').length).toBeGreaterThan(0);
    // Cantine: 3 school weeks × 4 days (30 Nov – 18 Dec); périscolaire: 3 × 2.
    expect(res.body.summary).toMatchObject({ booked: 18, waiting: 0, totalCents: 12 * 280 + 6 * 150 });
    const rows = await t.db('reservations').where({ child_id: TOM, status: 'booked' }).whereBetween('date', ['2026-11-30', '2026-12-31']);
    expect(rows).toHaveLength(18);
    const again = await claire.post('/api/planning/template', { from: '2026-11-30', to: '2026-12-31', every: 1, pattern: [{ childId: TOM, activityId: CANTINE, weekdays: [1] }] });
    expect(again.body.results.filter((r: any) => r.outcome === 'booked').every((r: any) => r.reason === 'Déjà demandé')).toBe(true);
  });

  it('reports past dates as "Hors délai" and full dates as waiting list', async () => {
    await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 1 });
    try {
      expect((await paul.post('/api/planning/requests', { requests: [book(LUCAS, PERI_SOIR, '2027-01-05')] })).body.results[0].outcome).toBe('booked');
      const res = await claire.post('/api/planning/template', { from: '2026-11-10', to: '2026-11-10', every: 1, pattern: [{ childId: TOM, activityId: CANTINE, weekdays: [2] }] });
      expect(res.body.results).toEqual([expect.objectContaining({ date: '2026-11-10', outcome: 'refused', reason: 'Hors délai : la date limite de réservation est passée' })]);
      const full = await claire.post('/api/planning/template', { from: '2027-01-04', to: '2027-01-15', every: 1, pattern: [{ childId: TOM, activityId: PERI_SOIR, weekdays: [2] }] });
      expect(full.body.results.map((r: any) => [r.date, r.outcome, r.reason, r.waitingRank])).toEqual([
        ['2027-01-05', 'waiting', "Complet : inscrit en liste d'attente", 1], ['2027-01-12', 'booked', null, null],
      ]);
      expect(full.body.summary).toMatchObject({ booked: 1, waiting: 1, totalCents: 150 });
      const grid = await claire.get(`/api/planning?from=2027-01-05&days=1&childId=${LEA}&activityId=${PERI_SOIR}`);
      expect(grid.body.cells[0]).toMatchObject({ state: 'full', canBook: true, reason: "Complet : la demande ira en liste d'attente" });
    } finally {
      await t.db('activities').where({ id: PERI_SOIR }).update({ capacity: 60 });
    }
  });

  it('every other week counts from the first week', async () => {
    const res = await claire.post('/api/planning/template', { from: '2027-01-04', to: '2027-01-31', every: 2, pattern: [{ childId: LEA, activityId: PERI_SOIR, weekdays: [1] }] });
    expect(res.body.results.map((r: any) => [r.date, r.outcome])).toEqual([['2027-01-04', 'booked'], ['2027-01-18', 'booked']]);
    // Priced with the quotient valid in 2027 (a later row of family_quotients).
    expect(res.body.results[0].priceCents).toBe(150);
  });

  it('refuses a period across two school years at the field', async () => {
    const res = await claire.post('/api/planning/template', { from: '2027-08-30', to: '2027-09-03', every: 1, pattern: [{ childId: LEA, activityId: CANTINE, weekdays: [1] }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ instancePath: '/to' })]);
  });
});

describe('isolation and bad input', () => {
  it("answers 404 for another family's child, and changes nothing", async () => {
    const before = await databaseDigest(t.db);
    expect((await claire.post('/api/planning/requests', { requests: [book(LUCAS, PERI_SOIR, '2026-11-27')] })).status).toBe(404);
    expect((await claire.post('/api/planning/template', { from: '2026-11-30', to: '2026-12-04', every: 1, pattern: [{ childId: LUCAS, activityId: PERI_SOIR, weekdays: [1] }] })).status).toBe(404);
    expect((await claire.get(`/api/planning?from=${MONDAY}&childId=${LUCAS}`)).status).toBe(404);
    expect((await claire.get(`/api/reservations?childId=${LUCAS}`)).status).toBe(404);
    expect((await claire.get(`/api/children/${LUCAS}/calendar-feed`)).status).toBe(404);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('refuses bad input with 400 and the field path, database unchanged', async () => {
    const before = await databaseDigest(t.db);
    const cases: [string, unknown, string][] = [
      ['/api/planning/requests', { requests: [{ childId: LEA, activityId: CANTINE, date: '2026-02-30', action: 'book' }] }, '/requests/0/date'],
      ['/api/planning/requests', { requests: [{ childId: LEA, activityId: CANTINE, date: MONDAY, action: 'delete' }] }, '/requests/0/action'],
      ['/api/planning/requests', { requests: [{ ...book(LEA, CANTINE, MONDAY), status: 'booked' }] }, '/requests/0'],
      ['/api/planning/requests', { requests: Array.from({ length: 501 }, () => book(LEA, CANTINE, MONDAY)) }, '/requests'],
      ['/api/planning/template', { from: '2026-12-01', to: '2026-11-01', every: 1, pattern: [{ childId: LEA, activityId: CANTINE, weekdays: [1] }] }, '/to'],
      ['/api/planning/template', { from: '2026-12-01', to: '2026-12-31', every: 3, pattern: [{ childId: LEA, activityId: CANTINE, weekdays: [1] }] }, '/every'],
      ['/api/planning/template', { from: '2026-12-01', to: '2026-12-31', every: 1, pattern: [{ childId: LEA, activityId: CANTINE, weekdays: [8] }] }, '/pattern/0/weekdays/0'],
    ];
    for (const [path, body, pointer] of cases) {
      const res = await claire.post(path, body);
      expect(res.status, `${path} ${pointer}`).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.details.map((d: any) => d.instancePath), pointer).toContain(pointer);
    }
    const q = await claire.get('/api/planning?from=2026-11-16&days=3');
    expect(q.status).toBe(400);
    expect(q.body.error.details[0].instancePath).toBe('/days');
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('keeps agents and anonymous visitors out of the parents\' planning', async () => {
    expect((await t.client().get('/api/planning')).status).toBe(401);
    const agent = await t.login(DEMO.agent.email);
    expect((await agent.get('/api/planning')).status).toBe(403);
  });
});
