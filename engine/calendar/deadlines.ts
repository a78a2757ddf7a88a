// Booking and cancellation deadlines (délais de réservation / d'annulation), written by
// administrators in a small French grammar and evaluated in Europe/Paris:
//   "J-2 ouvrés à 12:00"   2 working days before the date (weekends and public holidays
//                          skipped), at 12:00
//   "J-15"                 15 calendar days before, until the end of that day (midnight)
//   "J-1 à 18:00"          the day before at 18:00
//   "jeudi de la semaine précédente à 12:00"   Thursday of the ISO week before the date's
// Times accept "12:00", "12h00", "12h". A deadline is an instant: booking is open while
// now < deadlineFor(rule, date).
import { TZDate } from '@date-fns/tz';
import { addDays, isDay, isoWeekday, mondayOf } from './days.js';
import { isWorkingDay } from './holidays.js';

export const PARIS = 'Europe/Paris';

export type DeadlineRule =
  | {
      kind: 'daysBefore';
      /** How many days before the date (0 = the day itself). */
      days: number;
      /** Count working days only (jours ouvrés): Monday–Friday, public holidays skipped. */
      working: boolean;
      /** "HH:MM" Europe/Paris; null = until the end of that day. */
      time: string | null;
    }
  | {
      kind: 'weekdayOfPreviousWeek';
      /** ISO weekday, 1 = lundi … 7 = dimanche. */
      weekday: number;
      time: string | null;
    };

export const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

export type ParseResult = { ok: true; rule: DeadlineRule } | { ok: false; message: string };

const EXAMPLES = '« J-2 ouvrés à 12:00 », « J-15 », « J-1 à 18:00 » ou « jeudi de la semaine précédente à 12:00 »';

function normalise(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function parseTime(raw: string | undefined): { ok: true; time: string | null } | { ok: false; message: string } {
  if (raw === undefined) return { ok: true, time: null };
  const m = /^(\d{1,2})(?::|h)(\d{2})?$/.exec(raw.trim());
  if (!m || (raw.includes(':') && m[2] === undefined)) return { ok: false, message: `Heure « ${raw.trim()} » illisible : écrivez-la comme 12:00.` };
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  if (hours > 23 || minutes > 59) return { ok: false, message: `Heure « ${raw.trim()} » impossible : de 00:00 à 23:59.` };
  return { ok: true, time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** Reads a deadline written in the grammar above; a French message says what is wrong. */
export function parseDeadline(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: `Indiquez un délai, par exemple ${EXAMPLES}.` };
  if (text.length > 100) return { ok: false, message: 'Le délai est trop long (100 caractères au plus).' };
  const t = normalise(text);
  const [head, timeRaw, ...extra] = t.split(/ a(?: |$)/);
  if (extra.length) return { ok: false, message: `Une seule heure par délai, par exemple ${EXAMPLES}.` };
  if (timeRaw !== undefined && timeRaw.trim() === '') return { ok: false, message: 'Indiquez l’heure après « à », par exemple « à 12:00 ».' };
  const time = parseTime(timeRaw);
  if (!time.ok) return time;
  const days = /^j ?- ?(\d{1,3})(?: jours?)?( ouvres?)?$/.exec(head);
  if (days) {
    const n = Number(days[1]);
    if (n > 366) return { ok: false, message: 'Un délai ne peut pas dépasser 366 jours.' };
    return { ok: true, rule: { kind: 'daysBefore', days: n, working: days[2] !== undefined, time: time.time } };
  }
  const week = /^(\p{L}+) de la semaine precedente$/u.exec(head);
  if (week) {
    const weekday = WEEKDAYS_FR.indexOf(week[1]) + 1;
    if (weekday === 0) return { ok: false, message: `« ${week[1]} » n'est pas un jour de la semaine (lundi … dimanche).` };
    return { ok: true, rule: { kind: 'weekdayOfPreviousWeek', weekday, time: time.time } };
  }
  if (/^j ?\+/.test(head)) return { ok: false, message: 'Un délai se compte avant la date : écrivez « J-2 », pas « J+2 ».' };
  return { ok: false, message: `Délai « ${text.trim()} » non reconnu. Écrivez par exemple ${EXAMPLES}.` };
}

/** The canonical French text of a rule (what parseDeadline reads back to the same rule). */
export function formatDeadline(rule: DeadlineRule): string {
  const at = rule.time ? ` à ${rule.time}` : '';
  if (rule.kind === 'daysBefore') return `J-${rule.days}${rule.working ? ' ouvrés' : ''}${at}`;
  return `${WEEKDAYS_FR[rule.weekday - 1]} de la semaine précédente${at}`;
}

/** The Paris day on which the deadline falls, for a booking on `date`. */
export function deadlineDay(rule: DeadlineRule, date: string): string {
  if (rule.kind === 'weekdayOfPreviousWeek') return addDays(mondayOf(date), rule.weekday - 1 - 7);
  if (!rule.working) return addDays(date, -rule.days);
  let day = date;
  for (let left = rule.days; left > 0; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day, isoWeekday(day))) left -= 1;
  }
  return day;
}

/** A Paris wall-clock time on a day, as an instant (a time skipped by DST moves forward). */
export function parisInstant(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, PARIS).getTime());
}

/**
 * The instant until which a booking (or a cancellation) on `date` (YYYY-MM-DD) is allowed:
 * allowed while now < deadlineFor(rule, date). Without a time, the deadline day ends at
 * Paris midnight.
 */
export function deadlineFor(rule: DeadlineRule, date: string): Date {
  const key = `${formatDeadline(rule)}|${date}`;
  let ms = computed.get(key);
  if (ms === undefined) {
    if (!isDay(date)) throw new RangeError(`Date invalide : ${date}`);
    const day = deadlineDay(rule, date);
    ms = (rule.time ? parisInstant(day, rule.time) : parisInstant(addDays(day, 1), '00:00')).getTime();
    if (computed.size > 100_000) computed.clear();
    computed.set(key, ms);
  }
  return new Date(ms);
}

// Time-zone arithmetic is the slow part of a planning or a template week, and a deadline
// depends only on (rule, date): remembered (a pure function's results, bounded).
const computed = new Map<string, number>();

/** True while a booking/cancellation on `date` is still within its deadline at `now`. */
export function isWithinDeadline(rule: DeadlineRule, date: string, now: Date): boolean {
  return now.getTime() < deadlineFor(rule, date).getTime();
}
