// The child's private iCalendar feed: RFC 5545 text (CRLF, TEXT escaping, 75-octet folding),
// only the child's booked / requested days, reachable without a session by its URL only,
// token never stored, regenerated URL revokes the old one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { id } from '../../server/demo/data.js';
import { escapeText, foldLine } from '../../server/booking/ical.js';

const LEA = id('e1');
const LUCAS = id('e3');
const CANTINE = id('a1');
const PERI_SOIR = id('a3');
const now = new Date('2026-11-09T08:00:00Z');
let t: TestApp;
let claire: TestClient;

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  claire = await t.login(DEMO.parentA.email);
  await t.db('activities').where({ id: PERI_SOIR }).update({ name: 'Accueil du soir, goûter; étude' });
  await claire.post('/api/planning/requests', { requests: [
    { childId: LEA, activityId: CANTINE, date: '2026-11-16', action: 'book' },
    { childId: LEA, activityId: PERI_SOIR, date: '2026-11-17', action: 'book' },
    { childId: LEA, activityId: CANTINE, date: '2026-11-19', action: 'book' },
  ] });
  await claire.post('/api/planning/requests', { requests: [{ childId: LEA, activityId: CANTINE, date: '2026-11-19', action: 'cancel' }] });
});
afterAll(() => t?.close());

const pathOf = (url: string) => new URL(url).pathname;

describe('iCalendar text', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
  it('folds at 75 octets without cutting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
});

describe('calendar feed', () => {
  it('gives a private URL, the same on the next call, with only a hash stored', async () => {
    const first = await claire.get(`/api/children/${LEA}/calendar-feed`);
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(new RegExp(`^${t.url}/ical/[0-9a-f]{64}\\.ics$`));
    expect((await claire.get(`/api/children/${LEA}/calendar-feed`)).body.url).toBe(first.body.url);
    const token = /ical\/([0-9a-f]{64})/.exec(first.body.url)![1];
    const rows = await t.db('calendar_feeds').where({ child_id: LEA });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('serves the booked days as RFC 5545 text without a session', async () => {
    const { url } = (await claire.get(`/api/children/${LEA}/calendar-feed`)).body;
    const res = await t.client().get(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const unfolded = res.text.replace(/\r\n /g, '');
    const events = unfolded.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2); // the cancelled day is not in it
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20261116\r\nDTEND;VALUE=DATE:20261117');
    expect(unfolded).toContain('SUMMARY:Restauration scolaire — Léa');
    expect(unfolded).toContain('SUMMARY:Accueil du soir\\, goûter\\; étude — Léa');
    expect(unfolded).toContain('STATUS:CONFIRMED');
    expect(unfolded).not.toContain('20261119');
    for (const line of res.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('revokes the old URL when a new one is made', async () => {
    const old = (await claire.get(`/api/children/${LEA}/calendar-feed`)).body.url;
    const fresh = await claire.post(`/api/children/${LEA}/calendar-feed`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.url).not.toBe(old);
    expect((await t.client().get(pathOf(old))).status).toBe(404);
    expect((await t.client().get(pathOf(fresh.body.url))).status).toBe(200);
    expect((await claire.get(`/api/children/${LEA}/calendar-feed`)).body.url).toBe(fresh.body.url);
  });

  it('answers 404 for unknown tokens and for another family\'s child', async () => {
    expect((await t.client().get(`/ical/${'0'.repeat(64)}.ics`)).status).toBe(404);
    expect((await t.client().get('/ical/not-a-token.ics')).status).toBe(404);
    expect((await claire.get(`/api/children/${LUCAS}/calendar-feed`)).status).toBe(404);
    expect((await claire.post(`/api/children/${LUCAS}/calendar-feed`)).status).toBe(404);
    expect(await t.db('calendar_feeds').where({ child_id: LUCAS })).toHaveLength(0);
  });
});
