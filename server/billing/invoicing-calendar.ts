// Which days a flat-rate activity is open, for billing the canteen flat rate (forfait):
// weekdays Monday–Friday, not a French public holiday, not a closed day of the activity's
// calendar (activities.calendar.closedDays, plus any closed periods it lists).
import Holidays from 'date-holidays';

const france = new Holidays('FR');
const holidaysByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(france.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, days);
  }
  return days;
}

interface CalendarLike {
  closedDays?: unknown;
  closedPeriods?: unknown;
  weekdays?: unknown;
}

/** True when the activity described by `calendar` (activities.calendar jsonb) is open on `date`. */
export function isActivityOpen(calendar: unknown, date: string): boolean {
  const c = (typeof calendar === 'string' ? JSON.parse(calendar) : calendar ?? {}) as CalendarLike;
  const js = new Date(`${date}T12:00:00Z`).getUTCDay();
  const weekday = js === 0 ? 7 : js;
  if (Array.isArray(c.weekdays) && c.weekdays.length ? !c.weekdays.map(Number).includes(weekday) : weekday > 5) return false;
  if (publicHolidays(Number(date.slice(0, 4))).has(date)) return false;
  if (Array.isArray(c.closedDays) && c.closedDays.includes(date)) return false;
  if (Array.isArray(c.closedPeriods)) {
    for (const p of c.closedPeriods as { from?: string; to?: string }[]) if (p?.from && p?.to && p.from <= date && date <= p.to) return false;
  }
  return true;
}
