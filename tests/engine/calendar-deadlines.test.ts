// Deadline grammar ("J-2 ouvrés à 12:00", "jeudi de la semaine précédente à 12:00", "J-15")
// and its evaluation in Europe/Paris, around DST changes and public holidays.
import { describe, expect, it } from 'vitest';
import { deadlineFor, formatDeadline, isWithinDeadline, parseDeadline, type DeadlineRule } from '../../engine/calendar/deadlines.js';
import { isPublicHoliday } from '../../engine/calendar/holidays.js';

function rule(text: string): DeadlineRule {
  const parsed = parseDeadline(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}
const at = (text: string, date: string) => deadlineFor(rule(text), date).toISOString();

describe('parseDeadline', () => {
  it.each([
    ['J-2 ouvrés à 12:00', { kind: 'daysBefore', days: 2, working: true, time: '12:00' }],
    ['J-15', { kind: 'daysBefore', days: 15, working: false, time: null }],
    ['J-1 à 18:00', { kind: 'daysBefore', days: 1, working: false, time: '18:00' }],
    ['j - 3 jours ouvrés à 9h', { kind: 'daysBefore', days: 3, working: true, time: '09:00' }],
    ['J-0 à 08h30', { kind: 'daysBefore', days: 0, working: false, time: '08:30' }],
    ['jeudi de la semaine précédente à 12:00', { kind: 'weekdayOfPreviousWeek', weekday: 4, time: '12:00' }],
    ['  Vendredi  de la semaine precedente a 17h00 ', { kind: 'weekdayOfPreviousWeek', weekday: 5, time: '17:00' }],
  ])('reads « %s »', (text, expected) => {
    expect(parseDeadline(text)).toEqual({ ok: true, rule: expected });
  });

  it.each([
    ['', /Indiquez un délai/],
    ['J+2', /avant la date/],
    ['J-2 à 25:00', /impossible/],
    ['J-2 à 12:75', /impossible/],
    ['J-2 à midi', /illisible/],
    ['J-2 à', /l’heure après/],
    ['J-400', /366 jours/],
    ['jeudo de la semaine précédente', /n'est pas un jour/],
    ['deux jours avant', /non reconnu/],
    ['J-2 à 12:00 à 13:00', /Une seule heure/],
  ])('refuses « %s » with a French message', (text, message) => {
    const parsed = parseDeadline(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('formats a rule back to text that reads the same rule', () => {
    for (const text of ['J-2 ouvrés à 12:00', 'J-15', 'J-1 à 18:00', 'jeudi de la semaine précédente à 12:00']) {
      expect(formatDeadline(rule(text))).toBe(text);
      expect(parseDeadline(formatDeadline(rule(text)))).toEqual({ ok: true, rule: rule(text) });
    }
  });
});

describe('deadlineFor (Europe/Paris)', () => {
  it('skips weekends for working days', () => {
    // Monday 16 Nov 2026 → Friday 13 is J-1, Thursday 12 is J-2 (CET, UTC+1).
    expect(at('J-2 ouvrés à 12:00', '2026-11-16')).toBe('2026-11-12T11:00:00.000Z');
    // Wednesday 18 Nov → Monday 16.
    expect(at('J-2 ouvrés à 12:00', '2026-11-18')).toBe('2026-11-16T11:00:00.000Z');
  });

  it('skips public holidays for working days', () => {
    expect(isPublicHoliday('2026-11-11')).toBe(true);
    // Friday 13 Nov 2026: Thursday 12 (J-1), Wednesday 11 is Armistice, Tuesday 10 (J-2).
    expect(at('J-2 ouvrés à 12:00', '2026-11-13')).toBe('2026-11-10T11:00:00.000Z');
    // Monday 10 May 2027: Friday 7 (J-1), Thursday 6 is Ascension, Wednesday 5 (J-2, CEST).
    expect(at('J-2 ouvrés à 12:00', '2027-05-10')).toBe('2027-05-05T10:00:00.000Z');
    // Calendar days do not skip them: J-2 of Friday 13 Nov is Wednesday 11.
    expect(at('J-2 à 12:00', '2026-11-13')).toBe('2026-11-11T11:00:00.000Z');
  });

  it('is right across the spring DST change (last Sunday of March)', () => {
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST.
    expect(at('J-2 ouvrés à 12:00', '2026-03-31')).toBe('2026-03-27T11:00:00.000Z'); // Friday, CET
    expect(at('J-1 à 18:00', '2026-03-31')).toBe('2026-03-30T16:00:00.000Z'); // Monday, CEST
    expect(at('J-1', '2026-03-30')).toBe('2026-03-29T22:00:00.000Z'); // end of Sunday = Monday 00:00 CEST
    expect(at('J-2', '2026-03-30')).toBe('2026-03-28T23:00:00.000Z'); // end of Saturday = Sunday 00:00 CET
    // Easter Monday 29 Mar 2027 + DST on 28 Mar 2027: Wednesday 31 → Tuesday 30 (J-1), Friday 26 (J-2, CET).
    expect(at('J-2 ouvrés à 12:00', '2027-03-31')).toBe('2027-03-26T11:00:00.000Z');
    expect(at('jeudi de la semaine précédente à 12:00', '2026-04-08')).toBe('2026-04-02T10:00:00.000Z');
    expect(at('jeudi de la semaine précédente à 12:00', '2026-04-01')).toBe('2026-03-26T11:00:00.000Z');
  });

  it('is right across the autumn DST change (last Sunday of October)', () => {
    // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET.
    expect(at('J-1', '2026-10-26')).toBe('2026-10-25T23:00:00.000Z'); // Monday 00:00 CET
    expect(at('J-2', '2026-10-26')).toBe('2026-10-24T22:00:00.000Z'); // Sunday 00:00 CEST
    expect(at('J-2 ouvrés à 12:00', '2026-10-27')).toBe('2026-10-23T10:00:00.000Z'); // Friday, CEST
    expect(at('J-1 à 18:00', '2026-10-27')).toBe('2026-10-26T17:00:00.000Z'); // Monday, CET
    expect(at('jeudi de la semaine précédente à 12:00', '2026-11-04')).toBe('2026-10-29T11:00:00.000Z');
  });

  it('counts J-15 as the end of the fifteenth day before', () => {
    expect(at('J-15', '2027-02-08')).toBe('2027-01-24T23:00:00.000Z');
  });

  it('uses the week before even when the date is a Monday or a Sunday', () => {
    expect(at('jeudi de la semaine précédente à 12:00', '2026-11-09')).toBe('2026-11-05T11:00:00.000Z');
    expect(at('jeudi de la semaine précédente à 12:00', '2026-11-15')).toBe('2026-11-05T11:00:00.000Z');
  });

  it('allows strictly before the deadline instant', () => {
    const r = rule('J-2 ouvrés à 12:00');
    expect(isWithinDeadline(r, '2026-11-16', new Date('2026-11-12T10:59:59.999Z'))).toBe(true);
    expect(isWithinDeadline(r, '2026-11-16', new Date('2026-11-12T11:00:00.000Z'))).toBe(false);
  });

  it('refuses an impossible date', () => {
    expect(() => deadlineFor(rule('J-1'), '2026-02-30')).toThrow(RangeError);
  });
});
