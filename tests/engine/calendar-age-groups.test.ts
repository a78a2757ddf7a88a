// Capacity per age group (engine/calendar/age-groups.ts): the child's age in full months on
// the booked date picks the group, ranges inclusive at both edges; validation of the groups.
import { describe, expect, it } from 'vitest';
import { ageInMonths, capacityOfGroup, checkAgeGroups, groupFor, placeFor, readAgeGroups } from '../../engine/calendar/age-groups.js';
import { cellFor, readDeadlineRules } from '../../engine/calendar/booking-rules.js';

const GROUPS = [
  { key: 'maternelle', label: 'Maternelle (3-5 ans)', minAgeMonths: 30, maxAgeMonths: 71, capacity: 24 },
  { key: 'elementaire', label: 'Élémentaire (6-11 ans)', minAgeMonths: 72, maxAgeMonths: 143, capacity: 36 },
];

describe('ageInMonths', () => {
  it('counts full months, the birthday itself included', () => {
    expect(ageInMonths('2020-03-15', '2020-03-15')).toBe(0);
    expect(ageInMonths('2020-03-15', '2020-04-14')).toBe(0);
    expect(ageInMonths('2020-03-15', '2020-04-15')).toBe(1);
    expect(ageInMonths('2020-03-15', '2026-03-14')).toBe(71);
    expect(ageInMonths('2020-03-15', '2026-03-15')).toBe(72);
  });
  it('a child born on the 31st (or 29 February) gets older on the last day of a shorter month', () => {
    expect(ageInMonths('2020-01-31', '2020-02-28')).toBe(0);
    expect(ageInMonths('2020-01-31', '2020-02-29')).toBe(1);
    expect(ageInMonths('2020-02-29', '2021-02-28')).toBe(12);
    expect(ageInMonths('2020-02-29', '2021-02-27')).toBe(11);
  });
});

describe('groupFor', () => {
  const born = '2020-03-15';
  it('picks the group at the edges of each range, on the booked date', () => {
    expect(groupFor(GROUPS, born, '2022-09-14')).toBeNull(); // 29 months
    expect(groupFor(GROUPS, born, '2022-09-15')?.key).toBe('maternelle'); // 30 months
    expect(groupFor(GROUPS, born, '2026-03-14')?.key).toBe('maternelle'); // 71 months
    expect(groupFor(GROUPS, born, '2026-03-15')?.key).toBe('elementaire'); // 72 months
    expect(groupFor(GROUPS, born, '2032-02-14')?.key).toBe('elementaire'); // 143 months
    expect(groupFor(GROUPS, born, '2032-03-15')).toBeNull(); // 144 months
  });
  it('no birth date, or born after the date: no group', () => {
    expect(groupFor(GROUPS, null, '2026-03-15')).toBeNull();
    expect(groupFor(GROUPS, '2027-01-01', '2026-03-15')).toBeNull();
  });
});

describe('placeFor', () => {
  it('without groups the activity capacity applies to everyone (counter group "")', () => {
    expect(placeFor(null, 10, '2020-03-15', '2026-03-15', false)).toEqual({ groupKey: '', capacity: 10 });
    expect(placeFor(null, null, null, '2026-03-15', false)).toEqual({ groupKey: '', capacity: null });
  });
  it('with groups the group capacity applies; no group fits → null, except under L131-13', () => {
    expect(placeFor(GROUPS, 10, '2020-03-15', '2026-03-15', false)).toEqual({ groupKey: 'elementaire', capacity: 36 });
    expect(placeFor(GROUPS, 10, '2025-01-01', '2026-03-15', false)).toBeNull();
    expect(placeFor(GROUPS, 10, '2025-01-01', '2026-03-15', true)).toEqual({ groupKey: '', capacity: 10 });
    expect(capacityOfGroup(GROUPS, 10, 'maternelle')).toBe(24);
    expect(capacityOfGroup(GROUPS, 10, '')).toBe(10);
  });
  it('readAgeGroups: absent or empty means no groups', () => {
    expect(readAgeGroups(null)).toBeNull();
    expect(readAgeGroups([])).toBeNull();
    expect(readAgeGroups(JSON.stringify(GROUPS))).toEqual(GROUPS);
  });
});

describe('cellFor with a group', () => {
  it('full per the group, closed when no group fits', () => {
    const base = {
      date: '2026-11-16', now: new Date('2026-11-09T08:00:00Z'), today: '2026-11-09', calendar: { zone: 'C' as const, opens: ['schoolDays' as const], closedDays: [] },
      deadlines: readDeadlineRules({}), enrolment: { startsOn: null, endsOn: null }, canteenRight: false, blocked: false, reservation: null,
    };
    expect(cellFor({ ...base, capacity: 24, taken: 24 }).state).toBe('full');
    expect(cellFor({ ...base, capacity: 36, taken: 24 }).state).toBe('bookable');
    expect(cellFor({ ...base, capacity: null, taken: 0, noAgeGroup: true })).toMatchObject({ state: 'closed', canBook: false, reason: "L'âge de l'enfant ce jour-là ne correspond à aucune tranche d'âge de l'activité" });
  });
});

describe('checkAgeGroups', () => {
  it('accepts adjacent ranges and a capacity of 0', () => {
    expect(checkAgeGroups([...GROUPS, { key: 'college', label: 'Collège', minAgeMonths: 144, maxAgeMonths: 200, capacity: 0 }])).toEqual([]);
  });
  it('refuses overlaps, inverted ranges, negative capacity, duplicate or bad keys, at the field path, in French', () => {
    const errors = checkAgeGroups([
      GROUPS[0],
      { ...GROUPS[1], minAgeMonths: 71 },
      { key: 'maternelle', label: ' ', minAgeMonths: 200, maxAgeMonths: 150, capacity: -1 },
      { key: 'Bad Key', label: 'x', minAgeMonths: 1.5, maxAgeMonths: 10, capacity: 1 },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['/1/minAgeMonths', '/2/key', '/2/label', '/2/maxAgeMonths', '/2/capacity', '/3/key', '/3/minAgeMonths']);
    expect(errors[0].message).toBe('Cette tranche d’âge (71 à 143 mois) chevauche la tranche n° 1 (30 à 71 mois).');
    expect(errors[3].message).toContain('inférieur à l’âge minimum');
  });
});
