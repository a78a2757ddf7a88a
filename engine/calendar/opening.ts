// Opening calendar of an activity (calendrier d'ouverture): on which days it runs, and if
// not, why — in the words the parents' planning shows.
import { isoWeekday } from './days.js';
import { isPublicHoliday } from './holidays.js';
import { schoolHolidayOn, type SchoolCalendarData, type Zone, SCHOOL_CALENDAR } from './school-holidays.js';

export type OpensOn = 'schoolDays' | 'wednesdays' | 'holidays';

/** The `activities.calendar` jsonb (documented in engine/calendar/README.md). */
export interface ActivityCalendar {
  zone: Zone;
  opens: OpensOn[];
  /** ISO weekdays (1 = lundi … 5 = vendredi) the activity runs; default every weekday its `opens` allows. */
  weekdays?: number[];
  /** Extra closed days (fermetures exceptionnelles), YYYY-MM-DD. */
  closedDays?: string[];
}

export type Opening = { open: true } | { open: false; reason: string };

const DEFAULT_CALENDAR: ActivityCalendar = { zone: 'C', opens: ['schoolDays'] };

/** Reads a stored calendar, keeping only what is well formed (defaults: zone C, school days). */
export function readCalendar(raw: unknown): ActivityCalendar {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const zone = (['A', 'B', 'C'] as const).find((z) => z === c.zone) ?? DEFAULT_CALENDAR.zone;
  const opens = Array.isArray(c.opens) ? (c.opens.filter((o) => ['schoolDays', 'wednesdays', 'holidays'].includes(o as string)) as OpensOn[]) : [];
  const weekdays = Array.isArray(c.weekdays) ? c.weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7) as number[] : undefined;
  const closedDays = Array.isArray(c.closedDays) ? c.closedDays.filter((d) => typeof d === 'string') as string[] : [];
  return { zone, opens: opens.length ? opens : DEFAULT_CALENDAR.opens, weekdays: weekdays?.length ? weekdays : undefined, closedDays };
}

/**
 * Whether the activity runs on `day`. Order of reasons: public holiday, weekend, school
 * year not shipped, extra closed day, then the school-time / holiday logic (Wednesdays
 * without school are "wednesdays", not "schoolDays").
 */
export function openingOn(calendar: ActivityCalendar, day: string, data: SchoolCalendarData = SCHOOL_CALENDAR): Opening {
  const weekday = isoWeekday(day);
  if (isPublicHoliday(day)) return { open: false, reason: 'Jour férié' };
  if (weekday >= 6 && !calendar.weekdays?.includes(weekday)) return { open: false, reason: 'Week-end' };
  if (calendar.closedDays?.includes(day)) return { open: false, reason: 'Fermeture exceptionnelle' };
  const school = schoolHolidayOn(day, calendar.zone, data);
  if (!school.known) return { open: false, reason: "Calendrier scolaire de cette année non disponible" };
  if (calendar.weekdays && !calendar.weekdays.includes(weekday)) return { open: false, reason: "Pas d'accueil ce jour de la semaine" };
  if (school.holiday) {
    return calendar.opens.includes('holidays') ? { open: true } : { open: false, reason: school.holiday.label };
  }
  if (weekday === 3) return calendar.opens.includes('wednesdays') ? { open: true } : { open: false, reason: "Pas d'école le mercredi" };
  if (calendar.opens.includes('schoolDays')) return { open: true };
  return { open: false, reason: calendar.opens.includes('holidays') ? 'Ouvert pendant les vacances scolaires seulement' : "Pas d'accueil ce jour" };
}

/** Whether `day` lies in the child's enrolment period [startsOn, endsOn] (null = open-ended). */
export function withinEnrolment(day: string, startsOn: string | null, endsOn: string | null): boolean {
  return (!startsOn || startsOn <= day) && (!endsOn || day <= endsOn);
}
