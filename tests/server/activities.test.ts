// The agents' and administrators' activity API over HTTP, on a real database: an
// administrator changes an activity (audited), an agent may not; bad deadlines, overlapping
// tariff bands, unknown schools → 400 at the field and nothing written; the attendance list
// of one day (waiting list apart, allergy/PAI flag only, audited); presence recorded;
// bookings awaiting validation confirmed once (mail); parents reach none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../engine/index.js';
import { addDays } from '../../engine/calendar/days.js';
import { activityRoutes } from '../../server/activities/routes.js';
import { ACTIVITIES, CHILDREN, FAMILIES, SCHOOLS } from '../../server/demo/data.js';
import { DEMO, databaseDigest, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';

let t: TestApp;
let parent: TestClient;
let agent: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  parent = await t.login(DEMO.parentA.email);
  agent = await t.login(DEMO.agent.email);
  admin = await t.login(DEMO.admin.email);
});
afterAll(() => t?.close());

const cantine = ACTIVITIES[0].id;
const mercredi = ACTIVITIES[3].id;
const [lea, tom, lucas] = CHILDREN.map((c) => c.id);
const today = parisDate(new Date());
const nextWeek = addDays(today, 7);

async function activity(id: string) {
  const res = await admin.get(`/api/agent/activities/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}
/** The activity as GET returns it, made a valid PUT body (the API takes back what it gives). */
async function editable(id: string) {
  const { id: _id, ...rest } = await activity(id);
  // The demo leaves some calendars to the booking defaults ({}); the form always sends one.
  if (!rest.calendar.zone) rest.calendar = { zone: 'A', opens: ['wednesdays'], closedDays: [] };
  return rest;
}

/** Mails are sent by the outbox worker in the background: wait for it before comparing the database. */
async function outboxSettled() {
  for (let i = 0; i < 200 && (await t.db('outbox').whereNot({ status: 'sent' }).first('id')); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('activités : lecture et modification', () => {
  it('liste les activités avec délais en texte, calendrier, tarif par tranches de l’année et écoles', async () => {
    const res = await agent.get('/api/agent/activities');
    expect(res.status).toBe(200);
    const canteen = res.body.find((a: { code: string }) => a.code === 'CANTINE');
    expect(canteen).toMatchObject({
      id: cantine, name: 'Restauration scolaire', kind: 'canteen', capacity: 180, minAgeMonths: 30, maxAgeMonths: 144,
      validation: 'automatic', active: true, unpaidBlockCents: null,
      tariff: { mode: 'bands', bands: [{ qfMin: 0, qfMax: 500, priceCents: 120 }, { qfMin: 500.01, qfMax: 900, priceCents: 280 }, { qfMin: 900.01, qfMax: 1400, priceCents: 420 }, { qfMin: 1400.01, qfMax: null, priceCents: 560 }] },
    });
    expect(canteen.deadlineRules.book).toMatch(/^J-2 ouvrés à 12:00$/);
    expect([...canteen.schoolIds].sort()).toEqual(SCHOOLS.map((s) => s.id).sort());
  });

  it('un administrateur change la capacité, le délai et les tranches ; l’agent voit le changement ; c’est journalisé', async () => {
    const body = await editable(cantine);
    body.capacity = 150;
    body.deadlineRules = { book: 'j-3 ouvres a 10h', cancel: 'J-1 à 18:00' };
    body.unpaidBlockCents = 20_000;
    body.calendar = { zone: 'B', opens: ['schoolDays'], weekdays: [1, 2, 4, 5], closedDays: ['2027-05-07'] };
    body.tariff.bands[3].priceCents = 600;
    const res = await admin.put(`/api/agent/activities/${cantine}`, body);
    expect(res.status, res.text).toBe(200);
    // The deadline is stored in its canonical text.
    expect(res.body).toMatchObject({ capacity: 150, deadlineRules: { book: 'J-3 ouvrés à 10:00', cancel: 'J-1 à 18:00' }, unpaidBlockCents: 20_000, calendar: { zone: 'B', weekdays: [1, 2, 4, 5] } });
    const seen = (await agent.get('/api/agent/activities')).body.find((a: { id: string }) => a.id === cantine);
    expect(seen).toMatchObject({ capacity: 150, deadlineRules: { book: 'J-3 ouvrés à 10:00' } });
    expect(seen.tariff.bands[3]).toEqual({ qfMin: 1400.01, qfMax: null, priceCents: 600 });
    const row = await t.db('activities').where({ id: cantine }).first();
    expect(row.capacity).toBe(150);
    expect(row.unpaid_block_cents).toBe(20_000);
    const audit = await t.db('audit_log').where({ action: 'activity.update', subject_id: cantine }).orderBy('id', 'desc').first();
    expect(audit.actor_id).toBe(DEMO.admin.userId);
    const data = typeof audit.data === 'string' ? JSON.parse(audit.data) : audit.data;
    expect(data.changes.capacity).toEqual({ before: 180, after: 150 });
    expect(Object.keys(data.changes)).toEqual(expect.arrayContaining(['capacity', 'deadlineRules', 'tariff', 'calendar', 'unpaidBlockCents']));
    expect(data.changes).not.toHaveProperty('name');
  });

  it('un agent ne peut ni modifier ni créer une activité (403, rien d’écrit)', async () => {
    const body = await editable(mercredi);
    const before = await databaseDigest(t.db);
    expect((await agent.put(`/api/agent/activities/${mercredi}`, { ...body, capacity: 1 })).status).toBe(403);
    expect((await agent.post('/api/agent/activities', { ...body, code: 'NOUVEAU' })).status).toBe(403);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('un délai illisible → 400 avec le message à son champ, base inchangée', async () => {
    const body = await editable(mercredi);
    const before = await databaseDigest(t.db);
    const res = await admin.put(`/api/agent/activities/${mercredi}`, { ...body, capacity: 12, deadlineRules: { book: 'deux jours avant', cancel: 'J+2' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.message).toMatch(/corrigez les champs/);
    expect(res.body.error.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ instancePath: '/deadlineRules/book', message: expect.stringMatching(/non reconnu.*J-2 ouvrés à 12:00/) }),
      expect.objectContaining({ instancePath: '/deadlineRules/cancel', message: expect.stringMatching(/avant la date/) }),
    ]));
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('des tranches qui se chevauchent, un trou, une école inconnue, des âges inversés → 400 à chaque champ, base inchangée', async () => {
    const body = await editable(mercredi);
    const before = await databaseDigest(t.db);
    const bands = [{ qfMin: 0, qfMax: 600, priceCents: 450 }, { qfMin: 500, qfMax: 900, priceCents: 900 }, { qfMin: 950, qfMax: null, priceCents: 1400 }];
    const res = await admin.put(`/api/agent/activities/${mercredi}`, {
      ...body, tariff: { ...body.tariff, bands }, schoolIds: [SCHOOLS[0].id, '00000000-0000-4000-8000-00000000beef'], minAgeMonths: 72, maxAgeMonths: 36,
    });
    expect(res.status).toBe(400);
    const at = Object.fromEntries(res.body.error.details.map((d: { instancePath: string; message: string }) => [d.instancePath, d.message]));
    expect(at['/tariff/bands/1/qfMin']).toMatch(/chevauche/);
    expect(at['/tariff/bands/2/qfMin']).toMatch(/Trou entre 900 et 950/);
    expect(at['/schoolIds/1']).toMatch(/n’existe pas/);
    expect(at['/maxAgeMonths']).toMatch(/inférieur à l’âge minimum/);
    expect(await databaseDigest(t.db)).toBe(before);
    const negative = await admin.put(`/api/agent/activities/${mercredi}`, { ...body, tariff: { ...body.tariff, bands: [{ qfMin: 0, qfMax: null, priceCents: -5 }] } });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details[0].instancePath).toBe('/tariff/bands/0/priceCents');
    const unknown = await admin.put(`/api/agent/activities/${mercredi}`, { ...body, status: 'x' });
    expect(unknown.status).toBe(400);
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('des valeurs extrêmes ou mal typées → 400 (jamais 500), base inchangée', async () => {
    const body = await editable(mercredi);
    const before = await databaseDigest(t.db);
    const odd = [
      { ...body, tariff: { mode: 'bands', schoolYear: '2026-2027', bands: 'tout' } },
      { ...body, tariff: { mode: 'bands', schoolYear: '2026-2028', bands: [{ qfMin: 1e20, qfMax: null, priceCents: 1.5 }] } },
      { ...body, tariff: { kind: 'effortRate', ratePercent: 0, minCents: 500, maxCents: 100 } },
      { ...body, tariff: { mode: 'forfait' } },
      { ...body, calendar: { zone: 'D', opens: [], closedDays: ['2026-02-30'] } },
      { ...body, deadlineRules: { book: 'J-2'.padEnd(120, ' x'), cancel: 'J-400' } },
      { ...body, capacity: 2 ** 40, unpaidBlockCents: -1, schoolIds: [] },
      { ...body, id: '00000000-0000-4000-8000-000000000001' },
    ];
    for (const [i, b] of odd.entries()) {
      const res = await admin.put(`/api/agent/activities/${mercredi}`, b);
      expect(res.status, `corps ${i} : ${res.text}`).toBe(400);
      expect(res.body.error.details.length, `corps ${i}`).toBeGreaterThan(0);
      for (const d of res.body.error.details) expect(d.instancePath, `corps ${i}`).toMatch(/^\/(tariff|calendar|deadlineRules|capacity|unpaidBlockCents|schoolIds|id)/);
    }
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('un administrateur crée une activité à taux d’effort ; un code déjà pris → 400 sur /code', async () => {
    const body = {
      code: 'STAGE-SPORT', name: 'Stage multisports', kind: 'holiday', capacity: 24, minAgeMonths: 72, maxAgeMonths: 144, schoolIds: [SCHOOLS[1].id],
      deadlineRules: { book: 'J-15', cancel: 'J-15' }, calendar: { zone: 'A', opens: ['holidays'], closedDays: [] },
      tariff: { kind: 'effortRate', ratePercent: 0.8, minCents: 300, maxCents: 1800 }, validation: 'manual', active: true, unpaidBlockCents: null,
    };
    const res = await admin.post('/api/agent/activities', body);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ ...body, id: expect.any(String) });
    expect((await t.db('activities').where({ id: res.body.id }).first()).tariff).toEqual({ kind: 'effortRate', ratePercent: 0.8, minCents: 300, maxCents: 1800 });
    const again = await admin.post('/api/agent/activities', body);
    expect(again.status).toBe(400);
    expect(again.body.error.details).toEqual([expect.objectContaining({ instancePath: '/code' })]);
  });

  it('aperçu d’un délai pour le formulaire : texte canonique et échéance, ou le message d’erreur', async () => {
    const ok = await agent.get(`/api/agent/deadline-preview?text=${encodeURIComponent('jeudi de la semaine précédente à 12h')}&date=2026-12-09`);
    expect(ok.body).toMatchObject({ ok: true, text: 'jeudi de la semaine précédente à 12:00', example: { date: '2026-12-09', until: '2026-12-03T11:00:00.000Z' } });
    expect(ok.body.example.sentence).toBe('Pour le mercredi 9 décembre : jusqu’au jeudi 3 décembre à 12:00.');
    const bad = await agent.get(`/api/agent/deadline-preview?text=${encodeURIComponent('J-2 à 25:00')}`);
    expect(bad.body).toMatchObject({ ok: false, message: expect.stringMatching(/impossible/) });
  });
});

describe('présences', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const rows = [
      { key: 'lea', family_id: FAMILIES[0].id, child_id: lea, date: today, status: 'booked' },
      { key: 'tom', family_id: FAMILIES[0].id, child_id: tom, date: today, status: 'requested' },
      { key: 'lucas', family_id: FAMILIES[1].id, child_id: lucas, date: today, status: 'waiting', waiting_rank: 1 },
      { key: 'leaNext', family_id: FAMILIES[0].id, child_id: lea, date: nextWeek, status: 'booked' },
      { key: 'lucasNext', family_id: FAMILIES[1].id, child_id: lucas, date: nextWeek, status: 'cancelled' },
    ];
    for (const { key, ...r } of rows) {
      const [row] = await t.db('reservations').insert({ ...r, activity_id: mercredi }).returning('id');
      ids[key] = row.id;
    }
  });

  it('liste les enfants réservés de ce jour seulement, la liste d’attente à part, avec classe, école et le seul signal PAI/allergie', async () => {
    const auditBefore = Number((await t.db('audit_log').where({ action: 'health.read' }).count('* as n'))[0].n);
    const res = await agent.get(`/api/agent/activities/${mercredi}/attendance?date=${today}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ activity: { id: mercredi, name: 'Centre de loisirs du mercredi', validation: 'manual' }, date: today, capacity: 48 });
    expect(res.body.booked).toEqual([
      { reservationId: ids.lea, childId: lea, childName: 'MARTIN Léa', className: 'CE1', schoolName: 'École élémentaire Jules Ferry', status: 'booked', statusLabel: 'Réservé', attendance: null, allergies: true },
      { reservationId: ids.tom, childId: tom, childName: 'MARTIN Tom', className: 'PS', schoolName: 'École maternelle Les Tilleuls', status: 'requested', statusLabel: 'Réservé à confirmer', attendance: null },
    ]);
    expect(res.body.waiting).toEqual([expect.objectContaining({ reservationId: ids.lucas, childName: 'BERNARD Lucas', statusLabel: "Liste d'attente", waitingRank: 1 })]);
    // Never the health details themselves.
    expect(res.text).not.toMatch(/arachide|Trousse|sans porc|Morel/);
    // Reading the flag is a read of the sealed record: audited for the one child who has one.
    const audits = await t.db('audit_log').where({ action: 'health.read' }).orderBy('id');
    expect(audits.length - auditBefore).toBe(1);
    expect(audits.at(-1)).toMatchObject({ actor_id: DEMO.agent.userId, child_id: lea });

    const next = await agent.get(`/api/agent/activities/${mercredi}/attendance?date=${nextWeek}`);
    expect(next.body.booked.map((b: { childId: string }) => b.childId)).toEqual([lea]);
    expect(next.body.waiting).toEqual([]);
    // A closed day says why (here Christmas Day: a public holiday).
    const christmas = await agent.get(`/api/agent/activities/${mercredi}/attendance?date=2026-12-25`);
    expect(christmas.body).toMatchObject({ opening: { open: false, reason: 'Jour férié' }, booked: [] });
    expect((await agent.get(`/api/agent/activities/${mercredi}/attendance?date=2026-02-30`)).status).toBe(400);
    expect((await agent.get('/api/agent/activities/00000000-0000-4000-8000-00000000dead/attendance?date=2026-12-09')).status).toBe(404);
  });

  it('enregistre présent / absent justifié / effacé ; refuse le futur, les non-réservés et les valeurs inconnues', async () => {
    expect((await agent.put(`/api/agent/reservations/${ids.lea}/attendance`, { attendance: 'present' })).status).toBe(204);
    expect((await t.db('reservations').where({ id: ids.lea }).first()).attendance).toBe('present');
    const list = await agent.get(`/api/agent/activities/${mercredi}/attendance?date=${today}`);
    expect(list.body.booked[0].attendance).toBe('present');
    expect(await t.db('audit_log').where({ action: 'attendance.record', subject_id: ids.lea }).first()).toMatchObject({ actor_id: DEMO.agent.userId, child_id: lea });

    expect((await admin.put(`/api/agent/reservations/${ids.lea}/attendance`, { attendance: 'absent_unjustified' })).status).toBe(204);
    expect((await agent.put(`/api/agent/reservations/${ids.lea}/attendance`, { attendance: null })).status).toBe(204);
    expect((await t.db('reservations').where({ id: ids.lea }).first()).attendance).toBeNull();

    const before = await databaseDigest(t.db);
    const future = await agent.put(`/api/agent/reservations/${ids.leaNext}/attendance`, { attendance: 'present' });
    expect(future.status).toBe(409);
    expect(future.body.error.message).toMatch(/jour même/);
    const requested = await agent.put(`/api/agent/reservations/${ids.tom}/attendance`, { attendance: 'present' });
    expect(requested.status).toBe(409);
    expect(requested.body.error.message).toMatch(/Réservé à confirmer/);
    expect((await agent.put(`/api/agent/reservations/${ids.lucasNext}/attendance`, { attendance: 'absent_justified' })).status).toBe(409);
    const bad = await agent.put(`/api/agent/reservations/${ids.lea}/attendance`, { attendance: 'malade' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].instancePath).toBe('/attendance');
    expect((await agent.put('/api/agent/reservations/00000000-0000-4000-8000-00000000dead/attendance', { attendance: 'present' })).status).toBe(404);
    expect(await databaseDigest(t.db)).toBe(before);
    // A justified absence may be noted ahead (the family called).
    expect((await agent.put(`/api/agent/reservations/${ids.leaNext}/attendance`, { attendance: 'absent_justified' })).status).toBe(204);
  });

  it('confirme une réservation à confirmer une seule fois, et la famille est prévenue', async () => {
    const outboxBefore = await t.db('outbox').where({ family_id: FAMILIES[0].id }).count('* as n');
    const res = await agent.post(`/api/agent/reservations/${ids.tom}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.tom, status: 'booked', statusLabel: 'Réservé' });
    expect((await t.db('reservations').where({ id: ids.tom }).first()).status).toBe('booked');
    const mail = await t.db('outbox').where({ family_id: FAMILIES[0].id, template: 'reservation.confirmed' }).first();
    expect(mail.subject).toBe('Réservation confirmée : Centre de loisirs du mercredi');
    expect(mail.body).toMatch(/Tom/);
    const again = await admin.post(`/api/agent/reservations/${ids.tom}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/n'est pas à confirmer/);
    expect(Number((await t.db('outbox').where({ family_id: FAMILIES[0].id }).count('* as n'))[0].n)).toBe(Number(outboxBefore[0].n) + 1);
    expect((await agent.post(`/api/agent/reservations/${ids.lucas}/confirm`)).status).toBe(409);
  });

  it('un parent n’atteint aucune route des agents (403), sans rien changer', async () => {
    await outboxSettled();
    const before = await databaseDigest(t.db);
    const values: Record<string, string> = { id: mercredi };
    for (const route of activityRoutes) {
      const path = route.path.replace(/:id/, route.path.includes('reservations') ? ids.lea : values.id);
      const query = route.query && route.path.endsWith('attendance') ? `?date=${today}` : '';
      const res = await parent.request(route.method, path + query, { body: route.sampleBody });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect(await databaseDigest(t.db)).toBe(before);
    expect(activityRoutes.length).toBeGreaterThanOrEqual(8);
  });
});
