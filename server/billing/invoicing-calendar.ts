// Which days a flat-rate activity is open, for billing the canteen flat rate (forfait): the
// activity's opening calendar (engine/calendar: public holidays, weekends, school holidays
// of its zone, closed days), exactly as the parents' planning shows it.
import { openingOn, readCalendar } from '../../engine/calendar/index.js';

/** True when the activity described by `calendar` (activities.calendar jsonb) is open on `date`. */
export function isActivityOpen(calendar: unknown, date: string): boolean {
  const raw = typeof calendar === 'string' ? JSON.parse(calendar) : calendar;
  return openingOn(readCalendar(raw), date).open;
}
