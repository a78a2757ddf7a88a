// School holidays (vacances scolaires) by zone, shipped as data (data/school-holidays.json):
// one entry per school year, periods as half-open day ranges [from, until).
import data from './data/school-holidays.json' with { type: 'json' };
import { schoolYearOf } from '../dates.js';

export type Zone = 'A' | 'B' | 'C';

export interface HolidayPeriod {
  key: string;
  label: string;
  zones: Zone[];
  from: string;
  until: string;
}

export interface SchoolYearCalendar {
  status: string;
  schoolStarts: string;
  periods: HolidayPeriod[];
}

export type SchoolCalendarData = Record<string, SchoolYearCalendar>;

export const SCHOOL_CALENDAR: SchoolCalendarData = data.years as SchoolCalendarData;

export type SchoolDayInfo =
  | { known: false }
  | { known: true; holiday: { key: string; label: string } | null };

/** Whether `day` is a school holiday in `zone` (and which); unknown when its school year is not shipped. */
export function schoolHolidayOn(day: string, zone: Zone, calendar: SchoolCalendarData = SCHOOL_CALENDAR): SchoolDayInfo {
  const year = calendar[schoolYearOf(day)];
  if (!year) return { known: false };
  if (day < year.schoolStarts) return { known: true, holiday: { key: 'ete', label: "Vacances d'été" } };
  const period = year.periods.find((p) => p.zones.includes(zone) && p.from <= day && day < p.until);
  return { known: true, holiday: period ? { key: period.key, label: period.label } : null };
}

/** First and last day of a school year ("2026-2027" → 2026-09-01 … 2027-08-31). */
export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const start = Number(schoolYear.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}
