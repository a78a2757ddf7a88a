// Calendar days as "YYYY-MM-DD" strings (a day, not an instant: computed at noon UTC so no
// zone shifts it) and their French labels.

const at = (day: string) => new Date(`${day}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(at(value).getTime()) && iso(at(value)) === value;

export function addDays(day: string, n: number): string {
  const d = at(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** ISO weekday: 1 = lundi … 7 = dimanche. */
export const isoWeekday = (day: string) => ((at(day).getUTCDay() + 6) % 7) + 1;

export const mondayOf = (day: string) => addDays(day, 1 - isoWeekday(day));

/** Today in Europe/Paris. */
export function today(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** First day shown for a view: the day itself in the 1-day view, else the Monday of its week. */
export const viewStart = (day: string, days: number) => (days === 1 ? day : mondayOf(day));

/** Previous / next view: one day, or one week. */
export const shiftView = (from: string, days: number, direction: 1 | -1) => addDays(from, direction * (days === 1 ? 1 : 7));

export const daysOf = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

/** End of the school year (31 August) of a day. */
export function schoolYearEnd(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

const utc = { timeZone: 'UTC' } as const;
const longFmt = new Intl.DateTimeFormat('fr-FR', { ...utc, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortFmt = new Intl.DateTimeFormat('fr-FR', { ...utc, weekday: 'short', day: '2-digit', month: '2-digit' });
const deadlineFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

/** « lundi 14 septembre 2026 » */
export const longDay = (day: string) => longFmt.format(at(day));
/** « lun. 14/09 » */
export const shortDay = (day: string) => shortFmt.format(at(day));
/** A deadline instant: « jeu. 10/09 12:00 » (Europe/Paris). */
export function deadline(instant: string): string {
  const part = Object.fromEntries(deadlineFmt.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day}/${part.month} à ${part.hour}:${part.minute}`;
}

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
