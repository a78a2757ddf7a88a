// Booking under concurrency (SECURITY.md "Data integrity"): 200 simultaneous requests for a
// 10-place date → exactly 10 booked, the rest on the waiting list, the same child never
// twice; batches touching the same dates in opposite orders never deadlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { createActivity, createCrowd, type CrowdFamily } from '../helpers/booking.js';

const now = new Date('2026-11-09T08:00:00Z');
let t: TestApp;
let activityId: string;
let crowd: CrowdFamily[];
let parents: TestClient[];

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  activityId = await createActivity(t.db, 'RUSH10', 10);
  crowd = await createCrowd(t.db, 'rush', 20, 8, [activityId]);
  parents = [];
  for (const f of crowd) parents.push(await t.login(f.email));
});
afterAll(() => t?.close());

describe('capacity under concurrency', () => {
  it('200 concurrent requests for 10 places: exactly 10 booked, the rest waiting, no child twice', async () => {
    const date = '2026-11-16';
    // Each parent asks for its 8 children, and asks again for two of them (double click).
    const calls = crowd.flatMap((f, p) => [...f.childIds, f.childIds[0], f.childIds[1]].map((childId) => ({ p, childId })));
    expect(calls).toHaveLength(200);
    const responses = await Promise.all(calls.map(({ p, childId }) =>
      parents[p].post('/api/planning/requests', { requests: [{ childId, activityId, date, action: 'book' }] })));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const rows = await t.db('reservations').where({ activity_id: activityId, date }).select('child_id', 'status', 'waiting_rank');
    expect(rows).toHaveLength(160);
    expect(new Set(rows.map((r) => r.child_id)).size).toBe(160);
    expect(rows.filter((r) => r.status === 'booked')).toHaveLength(10);
    const ranks = rows.filter((r) => r.status === 'waiting').map((r) => Number(r.waiting_rank)).sort((a, b) => a - b);
    expect(ranks).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const counter = await t.db('booking_counters').where({ activity_id: activityId, date }).first();
    expect(Number(counter.taken)).toBe(10);
    const outcomes = responses.map((r) => r.body.results[0].outcome);
    expect(outcomes.filter((o) => o === 'booked').length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => o === 'refused')).toEqual([]);
  });

  it('batches over the same dates in opposite orders all complete (no deadlock), capacity kept on each date', async () => {
    const dates = ['2026-11-23', '2026-11-24', '2026-11-26'];
    const responses = await Promise.all(crowd.map((f, p) => {
      const order = p % 2 ? [...dates].reverse() : dates;
      return parents[p].post('/api/planning/requests', { requests: f.childIds.slice(0, 3).flatMap((childId) => order.map((date) => ({ childId, activityId, date, action: 'book' }))) });
    }));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    for (const date of dates) {
      const booked = await t.db('reservations').where({ activity_id: activityId, date, status: 'booked' }).count({ n: '*' }).first();
      expect(Number(booked!.n), date).toBe(10);
    }
  });

  it('concurrent cancellations promote exactly as many waiting children as places freed', async () => {
    const date = '2026-11-16';
    const booked = await t.db('reservations as r').join('family_children as fc', 'fc.child_id', 'r.child_id')
      .where({ 'r.activity_id': activityId, 'r.date': date, 'r.status': 'booked' }).select('r.child_id', 'fc.family_id');
    const responses = await Promise.all(booked.slice(0, 5).map((b) => {
      const p = crowd.findIndex((f) => f.familyId === b.family_id);
      return parents[p].post('/api/planning/requests', { requests: [{ childId: b.child_id, activityId, date, action: 'cancel' }] });
    }));
    expect(responses.map((r) => r.body.results[0].outcome)).toEqual(Array(5).fill('cancelled'));
    const rows = await t.db('reservations').where({ activity_id: activityId, date }).select('status', 'waiting_rank');
    expect(rows.filter((r) => r.status === 'booked')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'waiting').map((r) => Number(r.waiting_rank)).sort((a, b) => a - b)[0]).toBe(6);
    const mails = await t.db('outbox').where({ template: 'booking_promoted' }).count({ n: '*' }).first();
    expect(Number(mails!.n)).toBe(5);
  });
});
