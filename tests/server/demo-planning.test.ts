// The demo's usual weeks (`npm start`): Léa and Tom MARTIN booked through the real booking
// service on the canteen (Mon, Tue, Thu, Fri) and the after-school care (Tue, Thu), never on
// a closed day or past a deadline, priced; seeding again changes nothing, and a day a demo
// user cancelled is not put back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, databaseDigest, startTestApp, type TestApp } from '../helpers/app.js';
import { seedDemoPlanning } from '../../server/demo/planning.js';
import { ACTIVITIES, CHILDREN } from '../../server/demo/data.js';

const NOW = new Date('2026-11-30T08:00:00Z'); // a Monday
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => NOW } });
});
afterAll(() => t?.close());

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 1 = Monday
const CANTINE = ACTIVITIES.find((a) => a.code === 'CANTINE')!.id;
const SOIR = ACTIVITIES.find((a) => a.code === 'PERI-SOIR')!.id;

describe('demo planning', () => {
  it('books the usual weeks of the MARTIN children, within the rules', async () => {
    const made = await seedDemoPlanning(t.deps);
    const rows = await t.db('reservations').where({ family_id: DEMO.parentA.familyId }).select('child_id', 'activity_id', 'status', 'price_cents', t.db.raw("to_char(date, 'YYYY-MM-DD') AS day"));
    expect(made).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(20);
    const martin = CHILDREN.filter((c) => c.families.includes(DEMO.parentA.familyId)).map((c) => c.id);
    for (const r of rows) {
      expect(martin).toContain(r.child_id);
      expect(r.status).toBe('booked');
      expect(r.price_cents).toBeGreaterThan(0);
      expect(r.day > '2026-12-01', `${r.day}: J-2 ouvrés`).toBe(true);
      expect(r.day < '2027-01-12').toBe(true);
      expect(r.day >= '2026-12-19' && r.day < '2027-01-04', `${r.day}: vacances de Noël`).toBe(false);
      expect(r.activity_id === CANTINE ? [1, 2, 4, 5] : [2, 4]).toContain(weekday(r.day));
    }
    expect(new Set(rows.map((r) => r.activity_id))).toEqual(new Set([CANTINE, SOIR]));
    // The parent sees them on the planning.
    const parent = await t.login(DEMO.parentA.email);
    const planning = await parent.get('/api/planning?from=2026-12-07&days=7');
    expect(planning.status).toBe(200);
    expect(planning.body.cells.filter((c: { reservation: { status: string } | null }) => c.reservation?.status === 'booked').length).toBe(12);
  });

  it('changes nothing when run again, even after a demo user cancelled a day', async () => {
    const parent = await t.login(DEMO.parentA.email);
    const lea = CHILDREN[0].id;
    const cancel = await parent.post('/api/planning/requests', { requests: [{ childId: lea, activityId: CANTINE, date: '2026-12-10', action: 'cancel' }] });
    expect(cancel.status).toBe(200);
    expect(cancel.body.results[0].outcome).toBe('cancelled');
    const before = await databaseDigest(t.db);
    expect(await seedDemoPlanning(t.deps)).toBe(0);
    expect(await databaseDigest(t.db)).toBe(before);
  });
});
