// Capacity per age group (issue 8): an activity's `age_groups` give each group its own
// capacity and waiting list; the child's age on the booked date picks the group. Concurrent
// requests from children of both groups never overbook either group; a cancellation
// promotes the first waiting child of the SAME group only, who is mailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, databaseDigest, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { ACTIVITIES } from '../../server/demo/data.js';
import { createActivity, createCrowd, type CrowdFamily } from '../helpers/booking.js';

const now = new Date('2026-11-09T08:00:00Z');
const DATE = '2026-11-16';
const GROUPS = [
  { key: 'maternelle', label: 'Maternelle (3-5 ans)', minAgeMonths: 30, maxAgeMonths: 71, capacity: 3 },
  { key: 'elementaire', label: 'Élémentaire (6-11 ans)', minAgeMonths: 72, maxAgeMonths: 143, capacity: 2 },
];
let t: TestApp;
let activityId: string;
let crowd: CrowdFamily[];
let parents: TestClient[];
const small = new Set<string>(); // maternelle children (born 2022-06-01: 53 months on DATE)

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  activityId = await createActivity(t.db, 'AGES', null, { age_groups: JSON.stringify(GROUPS) });
  crowd = await createCrowd(t.db, 'ages', 6, 2, [activityId]);
  for (const f of crowd) small.add(f.childIds[0]);
  await t.db('children').whereIn('id', [...small]).update({ birth_date: '2022-06-01' });
  parents = [];
  for (const f of crowd) parents.push(await t.login(f.email));
});
afterAll(() => t?.close());

const rowsOf = (date: string) => t.db('reservations').where({ activity_id: activityId, date })
  .select('child_id', 'status', 'group_key', 'waiting_rank');

describe('capacity per age group', () => {
  it('concurrent requests from both groups: exactly 3 maternelle and 2 élémentaire booked, the others waiting in their group', async () => {
    // Half the parents ask for both children in one batch, the others child by child, all at once (plus a double click).
    const calls = crowd.flatMap((f, p) => (p % 2
      ? [{ p, childIds: f.childIds }]
      : [...f.childIds, f.childIds[0]].map((childId) => ({ p, childIds: [childId] }))));
    const responses = await Promise.all(calls.map(({ p, childIds }) =>
      parents[p].post('/api/planning/requests', { requests: childIds.map((childId) => ({ childId, activityId, date: DATE, action: 'book' })) })));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(responses.flatMap((r) => r.body.results.map((x: { outcome: string }) => x.outcome)).filter((o) => o === 'refused')).toEqual([]);
    const rows = await rowsOf(DATE);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.group_key).toBe(small.has(r.child_id) ? 'maternelle' : 'elementaire');
    const of = (group: string, status: string) => rows.filter((r) => r.group_key === group && r.status === status);
    expect(of('maternelle', 'booked')).toHaveLength(3);
    expect(of('elementaire', 'booked')).toHaveLength(2);
    expect(of('maternelle', 'waiting').map((r) => Number(r.waiting_rank)).sort()).toEqual([1, 2, 3]);
    expect(of('elementaire', 'waiting').map((r) => Number(r.waiting_rank)).sort()).toEqual([1, 2, 3, 4]);
    const counters = await t.db('booking_counters').where({ activity_id: activityId, date: DATE }).orderBy('group_key').select('group_key', 'taken');
    expect(counters.map((c) => [c.group_key, Number(c.taken)])).toEqual([['elementaire', 2], ['maternelle', 3]]);
  });

  it('the planning says full per the child\'s group, with the position in that group', async () => {
    await t.db('activities').where({ id: activityId }).update({
      age_groups: JSON.stringify([GROUPS[0], { ...GROUPS[1], capacity: 3 }]),
    });
    try {
      const p = 0;
      const grid = await parents[p].get(`/api/planning?from=${DATE}&days=1`);
      expect(grid.status).toBe(200);
      const cell = (childId: string) => grid.body.cells.find((c: { childId: string }) => c.childId === childId);
      expect(cell(crowd[p].childIds[0]).state).toBe('full');
      expect(cell(crowd[p].childIds[1]).state).not.toBe('full');
    } finally {
      await t.db('activities').where({ id: activityId }).update({ age_groups: JSON.stringify(GROUPS) });
    }
  });

  it('a cancellation in one group promotes the first waiting child of that group only, who is mailed', async () => {
    const before = await rowsOf(DATE);
    const bookedBig = before.find((r) => r.group_key === 'elementaire' && r.status === 'booked')!;
    const firstBig = before.find((r) => r.group_key === 'elementaire' && r.status === 'waiting' && Number(r.waiting_rank) === 1)!;
    const p = crowd.findIndex((f) => f.childIds.includes(bookedBig.child_id));
    const res = await parents[p].post('/api/planning/requests', { requests: [{ childId: bookedBig.child_id, activityId, date: DATE, action: 'cancel' }] });
    expect(res.body.results[0].outcome).toBe('cancelled');
    const after = await rowsOf(DATE);
    const status = new Map(after.map((r) => [r.child_id, r.status]));
    expect(status.get(firstBig.child_id)).toBe('booked');
    const changed = after.filter((r) => before.find((b) => b.child_id === r.child_id)!.status !== r.status).map((r) => r.child_id).sort();
    expect(changed).toEqual([bookedBig.child_id, firstBig.child_id].sort());
    expect(after.filter((r) => r.group_key === 'maternelle' && r.status === 'waiting')).toHaveLength(3);
    const counters = await t.db('booking_counters').where({ activity_id: activityId, date: DATE }).orderBy('group_key').select('group_key', 'taken');
    expect(counters.map((c) => [c.group_key, Number(c.taken)])).toEqual([['elementaire', 2], ['maternelle', 3]]);
    const family = crowd.find((f) => f.childIds.includes(firstBig.child_id))!;
    const mail = await t.smtp.waitFor({ to: family.email, subject: /Place libérée/ });
    expect(mail.text).toContain('16/11/2026');
    expect(Number((await t.db('outbox').where({ template: 'booking_promoted' }).count({ n: '*' }).first())!.n)).toBe(1);
  });

  it('a child whose age fits no group is refused with the reason; an activity without groups is unchanged', async () => {
    const baby = crowd[0].childIds[1];
    await t.db('children').where({ id: baby }).update({ birth_date: '2025-09-01' }); // 14 months
    try {
      const res = await parents[0].post('/api/planning/requests', { requests: [{ childId: baby, activityId, date: '2026-11-17', action: 'book' }] });
      expect(res.body.results[0]).toMatchObject({ outcome: 'refused', reason: "L'âge de l'enfant ce jour-là ne correspond à aucune tranche d'âge de l'activité" });
      expect(await t.db('reservations').where({ child_id: baby, date: '2026-11-17' }).first()).toBeUndefined();
    } finally {
      await t.db('children').where({ id: baby }).update({ birth_date: '2018-01-01' });
    }
  });
});

describe('L131-13 with age groups', () => {
  it('a primary-school child is booked at the canteen even when the group is full or no group fits; others wait', async () => {
    const canteen = await createActivity(t.db, 'CANTINE-AGES', 50, { kind: 'canteen', age_groups: JSON.stringify([{ ...GROUPS[1], capacity: 1 }]) });
    const families = await createCrowd(t.db, 'ages-canteen', 2, 2, [canteen]);
    const [primary, other] = families;
    // Family 0: élémentaire pupils (L131-13); family 1: same ages, no schooling on file.
    await t.db('schoolings').insert(primary.childIds.map((child_id) => ({ child_id, school_year: '2026-2027', level: 'elementaire' })));
    await t.db('children').where({ id: primary.childIds[1] }).update({ birth_date: '2025-09-01' }); // 14 months: no group fits
    const clients = [await t.login(primary.email), await t.login(other.email)];
    const ask = (p: number, childIds: string[]) => clients[p].post('/api/planning/requests', { requests: childIds.map((childId) => ({ childId, activityId: canteen, date: DATE, action: 'book' })) });
    expect((await ask(1, [other.childIds[0]])).body.results[0].outcome).toBe('booked');
    const pupils = await ask(0, primary.childIds);
    expect(pupils.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['booked', 'booked']);
    expect((await ask(1, [other.childIds[1]])).body.results[0]).toMatchObject({ outcome: 'waiting', waitingRank: 1 });
    const rows = await t.db('reservations').where({ activity_id: canteen, date: DATE }).select('child_id', 'status', 'group_key', 'over_capacity');
    const byChild = new Map(rows.map((r) => [r.child_id, r]));
    expect(byChild.get(primary.childIds[0])).toMatchObject({ status: 'booked', group_key: 'elementaire', over_capacity: true });
    expect(byChild.get(primary.childIds[1])).toMatchObject({ status: 'booked', group_key: '' });
    const counters = await t.db('booking_counters').where({ activity_id: canteen, date: DATE }).orderBy('group_key').select('group_key', 'taken');
    expect(counters.map((c) => [c.group_key, Number(c.taken)])).toEqual([['', 1], ['elementaire', 1]]);
  });
});

describe('age groups in the activity form (admin)', () => {
  const mercredi = ACTIVITIES[3].id;
  async function editable(admin: TestClient) {
    const res = await admin.get(`/api/agent/activities/${mercredi}`);
    expect(res.status).toBe(200);
    const { id: _id, ...rest } = res.body;
    if (!rest.calendar.zone) rest.calendar = { zone: 'A', opens: ['wednesdays'], closedDays: [] };
    return rest;
  }

  it('overlapping ranges, inverted ages, negative capacity → 400 in French at each field, database unchanged', async () => {
    const admin = await t.login(DEMO.admin.email);
    const body = await editable(admin);
    expect(body.ageGroups).toBeNull();
    const before = await databaseDigest(t.db);
    const res = await admin.put(`/api/agent/activities/${mercredi}`, {
      ...body, ageGroups: [GROUPS[0], { ...GROUPS[1], minAgeMonths: 60 }, { key: 'ados', label: 'Ados', minAgeMonths: 180, maxAgeMonths: 150, capacity: -2 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ instancePath: '/ageGroups/1/minAgeMonths', message: 'Cette tranche d’âge (60 à 143 mois) chevauche la tranche n° 1 (30 à 71 mois).' }),
      expect.objectContaining({ instancePath: '/ageGroups/2/maxAgeMonths', message: expect.stringContaining('inférieur à l’âge minimum') }),
      expect.objectContaining({ instancePath: '/ageGroups/2/capacity', message: expect.stringContaining('capacité') }),
    ]));
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('valid groups are stored, read back, and removed with null', async () => {
    const admin = await t.login(DEMO.admin.email);
    const body = await editable(admin);
    const saved = await admin.put(`/api/agent/activities/${mercredi}`, { ...body, ageGroups: GROUPS });
    expect(saved.status).toBe(200);
    expect(saved.body.ageGroups).toEqual(GROUPS);
    expect((await admin.get(`/api/agent/activities/${mercredi}`)).body.ageGroups).toEqual(GROUPS);
    const { ageGroups: _omitted, ...withoutGroups } = body;
    expect((await admin.put(`/api/agent/activities/${mercredi}`, { ...withoutGroups, capacity: 30 })).body).toMatchObject({ capacity: 30, ageGroups: GROUPS });
    const removed = await admin.put(`/api/agent/activities/${mercredi}`, { ...body, ageGroups: null });
    expect(removed.status).toBe(200);
    expect(removed.body.ageGroups).toBeNull();
  });
});
