// Demo bookings, so that a fresh demo (`npm start`) shows a filled planning, « Liste des
// réservations » and the agents' attendance lists: Léa and Tom MARTIN eat at the canteen on
// Mondays, Tuesdays, Thursdays and Fridays and stay at the after-school care on Tuesdays and
// Thursdays, over the next six weeks (within the school year, and only the days the booking
// deadlines still allow). They go through the real booking service: places counted, prices
// from the family quotient. Only for a family without any booking yet, so what demo users
// cancel or change is never put back. Not part of the test fixtures (seedDemo).
import type { AppDeps } from '../deps.js';
import { parisDate, schoolYearOf } from '../../engine/dates.js';
import { addDays } from '../../engine/calendar/days.js';
import { applyTemplate } from '../booking/service.js';
import { ACTIVITIES, CHILDREN, FAMILIES } from './data.js';

const WEEKS = 6;

/** Books the demo family's usual weeks; returns how many bookings were made (0 when it already has some). */
export async function seedDemoPlanning(deps: AppDeps): Promise<number> {
  const family = FAMILIES[0];
  if (await deps.db('reservations').where({ family_id: family.id }).first('id')) return 0;
  const today = parisDate(deps.clock.now());
  const yearEnd = `${schoolYearOf(today).slice(5)}-08-31`;
  const last = addDays(today, WEEKS * 7);
  const children = CHILDREN.filter((c) => c.families.includes(family.id));
  const activity = (code: string) => ACTIVITIES.find((a) => a.code === code)!.id;
  const { summary } = await applyTemplate(deps, family.id, {
    from: today, to: last < yearEnd ? last : yearEnd, every: 1,
    pattern: children.flatMap((child) => [
      { childId: child.id, activityId: activity('CANTINE'), weekdays: [1, 2, 4, 5] },
      { childId: child.id, activityId: activity('PERI-SOIR'), weekdays: [2, 4] },
    ]),
  });
  return summary.booked + summary.requested + summary.waiting;
}
