// The Europe/Paris day of an instant: the day families see, around midnight and both DST
// changes, whatever order the instants come in (parisDate remembers the last hour it formatted).
import { describe, expect, it } from 'vitest';
import { parisDate, schoolYearOf } from '../../engine/dates.js';

const cases: [string, string][] = [
  ['2026-03-28T22:59:59Z', '2026-03-28'], // 23:59:59 CET
  ['2026-03-28T23:00:00Z', '2026-03-29'], // midnight CET, the night of the change to summer time
  ['2026-03-29T00:59:59Z', '2026-03-29'], // 01:59:59 CET
  ['2026-03-29T01:00:00Z', '2026-03-29'], // 03:00 CEST
  ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST
  ['2026-06-30T22:00:00Z', '2026-07-01'], // midnight CEST
  ['2026-10-24T21:59:59Z', '2026-10-24'], // 23:59:59 CEST
  ['2026-10-24T22:00:00Z', '2026-10-25'], // midnight CEST, the night of the change to winter time
  ['2026-10-25T00:30:00Z', '2026-10-25'], // 02:30 CEST
  ['2026-10-25T01:30:00Z', '2026-10-25'], // 02:30 CET, the hour that happens twice
  ['2026-12-31T22:59:59Z', '2026-12-31'],
  ['2026-12-31T23:00:00Z', '2027-01-01'],
];

describe('parisDate', () => {
  it('gives the Paris day at the edges of days and DST changes, in any order', () => {
    for (const order of [cases, [...cases].reverse(), cases.flatMap((c) => [c, cases[0]])]) {
      for (const [instant, day] of order) expect(parisDate(new Date(instant)), instant).toBe(day);
    }
  });

  it('agrees with Intl for every minute of a day crossing midnight and within one hour', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.parse('2026-10-24T20:00:00Z'); t < Date.parse('2026-10-25T03:00:00Z'); t += 60_000) {
      expect(parisDate(new Date(t))).toBe(format.format(new Date(t)));
    }
  });

  it('refuses an invalid instant instead of answering the last day', () => {
    parisDate(new Date('2026-01-01T12:00:00Z'));
    expect(() => parisDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('names the school year from September to August', () => {
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
  });
});
