// French public holidays (jours fériés) of metropolitan France, from the maintained
// date-holidays package; only the legal ones ("public"), not observances (Fête des mères).
import Holidays from 'date-holidays';

const france = new Holidays('FR');
const byYear = new Map<number, Set<string>>();

/** The public holidays of a civil year, as YYYY-MM-DD. */
export function publicHolidaysOf(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(france.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days;
}

/** True when `day` (YYYY-MM-DD) is a French public holiday. */
export function isPublicHoliday(day: string): boolean {
  return publicHolidaysOf(Number(day.slice(0, 4))).has(day);
}

/** A working day (jour ouvré): Monday to Friday and not a public holiday. */
export function isWorkingDay(day: string, weekday: number): boolean {
  return weekday <= 5 && !isPublicHoliday(day);
}
