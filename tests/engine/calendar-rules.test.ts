// Opening calendar (school days, Wednesdays, holidays by zone, public holidays, closed
// days, enrolment period), capacity with the canteen exception, unpaid blocking, template week.
import { describe, expect, it } from 'vitest';
import { openingOn, readCalendar, type ActivityCalendar } from '../../engine/calendar/opening.js';
import { schoolHolidayOn, SCHOOL_CALENDAR } from '../../engine/calendar/school-holidays.js';
import { cellFor, expandTemplate, isBlockedForUnpaid, isCanteenRight, readDeadlineRules, refusalOf, type CellInput } from '../../engine/calendar/booking-rules.js';
import { publicHolidaysOf } from '../../engine/calendar/holidays.js';

const canteen: ActivityCalendar = { zone: 'C', opens: ['schoolDays'] };
const wednesday: ActivityCalendar = { zone: 'C', opens: ['wednesdays'] };
const holidayCentre: ActivityCalendar = { zone: 'C', opens: ['holidays'] };
const reason = (c: ActivityCalendar, day: string) => { const o = openingOn(c, day); return o.open ? 'open' : o.reason; };

describe('school holidays data', () => {
  it('ships 2026-2027 and 2027-2028 for the three zones, each period well formed', () => {
    expect(Object.keys(SCHOOL_CALENDAR)).toEqual(['2026-2027', '2027-2028']);
    for (const [year, cal] of Object.entries(SCHOOL_CALENDAR)) {
      const start = Number(year.slice(0, 4));
      for (const zone of ['A', 'B', 'C'] as const) {
        const keys = cal.periods.filter((p) => p.zones.includes(zone)).map((p) => p.key);
        expect(keys, `${year} ${zone}`).toEqual(['toussaint', 'noel', 'hiver', 'printemps', 'ascension', 'ete']);
      }
      for (const p of cal.periods) {
        expect(p.from < p.until).toBe(true);
        expect(p.from >= `${start}-09-01` && p.until <= `${start + 1}-09-01`).toBe(true);
      }
    }
  });

  it('tells the zone apart for winter holidays', () => {
    expect(schoolHolidayOn('2027-02-08', 'C')).toEqual({ known: true, holiday: { key: 'hiver', label: "Vacances d'hiver" } });
    expect(schoolHolidayOn('2027-02-08', 'A')).toEqual({ known: true, holiday: null });
    expect(schoolHolidayOn('2029-02-08', 'A')).toEqual({ known: false });
  });

  it('uses the French public holidays of the package', () => {
    expect([...publicHolidaysOf(2027)].sort()).toEqual(['2027-01-01', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-08', '2027-05-17', '2027-07-14', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-25']);
  });
});

describe('openingOn', () => {
  it('opens the canteen on school days only', () => {
    expect(reason(canteen, '2026-11-16')).toBe('open'); // Monday
    expect(reason(canteen, '2026-11-18')).toBe("Pas d'école le mercredi");
    expect(reason(canteen, '2026-11-21')).toBe('Week-end');
    expect(reason(canteen, '2026-11-11')).toBe('Jour férié');
    expect(reason(canteen, '2026-10-19')).toBe('Vacances de la Toussaint');
    expect(reason(canteen, '2026-11-02')).toBe('open'); // reprise des cours
    expect(reason(canteen, '2027-02-08')).toBe("Vacances d'hiver"); // zone C
    expect(reason({ ...canteen, zone: 'A' }, '2027-02-08')).toBe('open');
    expect(reason(canteen, '2027-05-07')).toBe("Pont de l'Ascension");
    expect(reason(canteen, '2027-07-05')).toBe("Vacances d'été");
    expect(reason(canteen, '2028-09-04')).toBe('Calendrier scolaire de cette année non disponible');
  });

  it('opens the Wednesday centre on school-period Wednesdays, the holiday centre in holidays', () => {
    expect(reason(wednesday, '2026-11-18')).toBe('open');
    expect(reason(wednesday, '2026-10-21')).toBe('Vacances de la Toussaint');
    expect(reason(wednesday, '2026-11-16')).toBe("Pas d'accueil ce jour");
    expect(reason(holidayCentre, '2026-10-19')).toBe('open');
    expect(reason(holidayCentre, '2026-11-16')).toBe('Ouvert pendant les vacances scolaires seulement');
    expect(reason(holidayCentre, '2026-11-01')).toBe('Jour férié'); // Toussaint (a Sunday in 2026): the holiday comes first
    expect(reason(holidayCentre, '2026-10-24')).toBe('Week-end');
    expect(reason(holidayCentre, '2026-12-25')).toBe('Jour férié');
  });

  it('honours extra closed days and a weekday subset', () => {
    expect(reason({ ...canteen, closedDays: ['2026-11-16'] }, '2026-11-16')).toBe('Fermeture exceptionnelle');
    expect(reason({ ...canteen, weekdays: [1, 2] }, '2026-11-19')).toBe("Pas d'accueil ce jour de la semaine");
  });

  it('reads a stored calendar defensively', () => {
    expect(readCalendar(null)).toEqual({ zone: 'C', opens: ['schoolDays'], weekdays: undefined, closedDays: [] });
    expect(readCalendar({ zone: 'B', opens: ['holidays', 'x'], closedDays: ['2026-12-01'] })).toEqual({ zone: 'B', opens: ['holidays'], weekdays: undefined, closedDays: ['2026-12-01'] });
  });
});

describe('cellFor', () => {
  const base: CellInput = {
    date: '2026-11-16', now: new Date('2026-11-09T08:00:00Z'), today: '2026-11-09',
    calendar: canteen, deadlines: readDeadlineRules({ book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00' }),
    enrolment: { startsOn: '2026-09-01', endsOn: '2027-07-02' }, capacity: 10, taken: 0,
    canteenRight: false, blocked: false, reservation: null,
  };

  it('is bookable within the deadline, past after it', () => {
    expect(cellFor(base)).toMatchObject({ state: 'bookable', canBook: true, canCancel: false, bookUntil: new Date('2026-11-12T11:00:00Z') });
    const past = cellFor({ ...base, now: new Date('2026-11-12T11:00:00Z') });
    expect(past).toMatchObject({ state: 'past', reason: 'Hors délai', canBook: false });
    expect(refusalOf(past)).toMatch(/Hors délai/);
  });

  it('is closed out of the enrolment period or on a closed day', () => {
    expect(cellFor({ ...base, enrolment: { startsOn: '2026-11-17', endsOn: null } })).toMatchObject({ state: 'closed', reason: "Hors de la période d'inscription" });
    expect(cellFor({ ...base, date: '2026-11-11' })).toMatchObject({ state: 'closed', reason: 'Jour férié' });
  });

  it('goes to the waiting list when full — never for a primary-school child at the canteen', () => {
    expect(cellFor({ ...base, taken: 10 })).toMatchObject({ state: 'full', canBook: true });
    expect(refusalOf(cellFor({ ...base, taken: 10 }))).toBeNull();
    expect(cellFor({ ...base, taken: 10, canteenRight: true })).toMatchObject({ state: 'bookable' });
    expect(cellFor({ ...base, taken: 10, capacity: null })).toMatchObject({ state: 'bookable' });
  });

  it('applies unpaid blocking, never under L131-13', () => {
    expect(isCanteenRight('canteen', 'elementaire')).toBe(true);
    expect(isCanteenRight('canteen', 'maternelle')).toBe(true);
    expect(isCanteenRight('after_school', 'elementaire')).toBe(false);
    expect(isCanteenRight('canteen', null)).toBe(false);
    expect(isBlockedForUnpaid(5000, 4000, false)).toBe(true);
    expect(isBlockedForUnpaid(5000, 4000, true)).toBe(false);
    expect(isBlockedForUnpaid(4000, 4000, false)).toBe(false);
    expect(isBlockedForUnpaid(5000, null, false)).toBe(false);
    expect(cellFor({ ...base, blocked: true })).toMatchObject({ state: 'blocked', canBook: false });
  });

  it('lets a parent cancel a booking until the cancellation deadline, a waiting entry until the day', () => {
    const booked = { ...base, reservation: { status: 'booked' as const } };
    expect(cellFor(booked)).toMatchObject({ canBook: false, canCancel: true });
    expect(cellFor({ ...booked, now: new Date('2026-11-12T11:00:00Z') })).toMatchObject({ canCancel: false });
    const waiting = { ...base, now: new Date('2026-11-13T11:00:00Z'), today: '2026-11-13', reservation: { status: 'waiting' as const } };
    expect(cellFor(waiting)).toMatchObject({ canCancel: true });
    expect(cellFor({ ...base, reservation: { status: 'cancelled' } })).toMatchObject({ canBook: true, canCancel: false });
  });

  it('reads the older object form of deadline rules', () => {
    expect(readDeadlineRules({ kind: 'weekdayOfPreviousWeek', weekday: 4, time: '12:00' }).book).toEqual({ kind: 'weekdayOfPreviousWeek', weekday: 4, time: '12:00' });
    expect(readDeadlineRules({}).cancel).toEqual({ kind: 'daysBefore', days: 2, working: true, time: '12:00' });
  });
});

describe('expandTemplate', () => {
  it('expands weekdays every week', () => {
    expect(expandTemplate({ from: '2026-11-16', to: '2026-11-29', every: 1, weekdays: [1, 4] })).toEqual(['2026-11-16', '2026-11-19', '2026-11-23', '2026-11-26']);
  });
  it('expands every other week counted from the week of the start', () => {
    expect(expandTemplate({ from: '2026-11-18', to: '2026-12-13', every: 2, weekdays: [1, 3] })).toEqual(['2026-11-18', '2026-11-30', '2026-12-02']);
  });
});
