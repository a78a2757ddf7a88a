// Booking rules (règles de réservation) of one cell — a child, an activity, a date — as
// pure functions: deadlines, capacity with its legal exception, unpaid blocking, and the
// template week (semaine type) expansion. The server applies the outcome in one transaction.
import { addDays, isoWeekday, daysBetween, mondayOf } from './days.js';
import { deadlineFor, parseDeadline, type DeadlineRule } from './deadlines.js';
import { openingOn, withinEnrolment, type ActivityCalendar } from './opening.js';
import { NO_AGE_GROUP } from './age-groups.js';

export type CellState = 'bookable' | 'past' | 'closed' | 'full' | 'blocked';
export type ReservationStatus = 'booked' | 'requested' | 'waiting' | 'cancelled' | 'refused';

export interface DeadlineRules { book: DeadlineRule; cancel: DeadlineRule }

export const DEFAULT_DEADLINE = 'J-2 ouvrés à 12:00';

const LEGACY_WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** A stored rule (grammar text, or the older object form of the first demo data) as text. */
function ruleText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  const r = (raw ?? {}) as Record<string, unknown>;
  const at = typeof r.time === 'string' ? ` à ${r.time}` : '';
  if (r.kind === 'workingDaysBefore') return `J-${r.days} ouvrés${at}`;
  if (r.kind === 'weekdayOfPreviousWeek') return `${LEGACY_WEEKDAYS[Number(r.weekday) - 1] ?? 'jeudi'} de la semaine précédente${at}`;
  if (r.kind === 'windowClosesDaysBefore' || r.kind === 'daysBefore') return `J-${r.days}${r.working ? ' ouvrés' : ''}${at}`;
  return DEFAULT_DEADLINE;
}

function ruleOf(raw: unknown): DeadlineRule {
  const parsed = parseDeadline(ruleText(raw));
  const fallback = parseDeadline(DEFAULT_DEADLINE);
  return parsed.ok ? parsed.rule : (fallback as { ok: true; rule: DeadlineRule }).rule;
}

/** Reads `activities.deadline_rules` ({ book, cancel } texts; one rule for both is accepted). */
export function readDeadlineRules(raw: unknown): DeadlineRules {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if ('book' in r || 'cancel' in r) return { book: ruleOf(r.book ?? r.cancel), cancel: ruleOf(r.cancel ?? r.book) };
  const both = ruleOf(raw === undefined || (typeof raw === 'object' && !Object.keys(r).length) ? DEFAULT_DEADLINE : raw);
  return { book: both, cancel: both };
}

const PRIMARY_LEVELS = new Set(['maternelle', 'elementaire', 'primaire']);

/**
 * Code de l'éducation L131-13: a child of a primary school (maternelle or élémentaire) is
 * never refused the canteen — not for capacity, not for unpaid bills.
 */
export function isCanteenRight(activityKind: string, schoolLevel: string | null): boolean {
  return activityKind === 'canteen' && schoolLevel !== null && PRIMARY_LEVELS.has(schoolLevel);
}

/** New bookings are blocked when the family's unpaid amount exceeds the activity's threshold (never under L131-13). */
export function isBlockedForUnpaid(unpaidCents: number, thresholdCents: number | null, canteenRight: boolean): boolean {
  return !canteenRight && thresholdCents !== null && unpaidCents > thresholdCents;
}

export interface CellInput {
  date: string;
  now: Date;
  /** The Paris day of `now`. */
  today: string;
  calendar: ActivityCalendar;
  deadlines: DeadlineRules;
  enrolment: { startsOn: string | null; endsOn: string | null };
  /** Capacity of the child's place: its age group's when the activity has groups (age-groups.ts), else the activity's. */
  capacity: number | null;
  /** Places taken on that date in the same group (booked or requested, the legal exception excluded). */
  taken: number;
  /** The activity has age groups and none fits the child's age on that date. */
  noAgeGroup?: boolean;
  canteenRight: boolean;
  blocked: boolean;
  reservation: { status: ReservationStatus } | null;
}

export interface Cell {
  state: CellState;
  reason: string | null;
  bookUntil: Date;
  cancelUntil: Date;
  canBook: boolean;
  canCancel: boolean;
}

const ACTIVE = new Set<ReservationStatus>(['booked', 'requested', 'waiting']);

/** What is possible on one cell of the planning, and why not. */
export function cellFor(input: CellInput): Cell {
  const bookUntil = deadlineFor(input.deadlines.book, input.date);
  const cancelUntil = deadlineFor(input.deadlines.cancel, input.date);
  const active = input.reservation !== null && ACTIVE.has(input.reservation.status);
  // Leaving a waiting list costs nothing: allowed until the day itself.
  const cancelOpen = input.reservation?.status === 'waiting' ? input.date >= input.today : input.now < cancelUntil;
  const canCancel = active && cancelOpen;
  const closed = (reason: string): Cell => ({ state: 'closed', reason, bookUntil, cancelUntil, canBook: false, canCancel });
  const opening = openingOn(input.calendar, input.date);
  if (!opening.open) return closed(opening.reason);
  if (!withinEnrolment(input.date, input.enrolment.startsOn, input.enrolment.endsOn)) return closed("Hors de la période d'inscription");
  if (input.noAgeGroup) return closed(NO_AGE_GROUP);
  if (input.now >= bookUntil) return { state: 'past', reason: 'Hors délai', bookUntil, cancelUntil, canBook: false, canCancel };
  if (input.blocked) return { state: 'blocked', reason: 'Réservation bloquée : impayés au-delà du seuil, contactez la régie', bookUntil, cancelUntil, canBook: false, canCancel };
  const full = !input.canteenRight && input.capacity !== null && input.taken >= input.capacity;
  return {
    state: full ? 'full' : 'bookable',
    reason: full ? "Complet : la demande ira en liste d'attente" : null,
    bookUntil, cancelUntil, canBook: !active, canCancel,
  };
}

/** Why a booking request cannot be made on a cell (null = it can: booked, requested or waiting list). */
export function refusalOf(cell: Cell): string | null {
  if (cell.state === 'closed' || cell.state === 'blocked') return cell.reason;
  if (cell.state === 'past') return 'Hors délai : la date limite de réservation est passée';
  return null;
}

export interface TemplatePattern { from: string; to: string; every: 1 | 2; weekdays: number[] }

/**
 * The dates of a template week (semaine type): the given ISO weekdays from `from` to `to`
 * (both included), every week or every other week counted from the week of `from`.
 */
export function expandTemplate(pattern: TemplatePattern): string[] {
  const dates: string[] = [];
  const firstMonday = mondayOf(pattern.from);
  for (let day = pattern.from; day <= pattern.to; day = addDays(day, 1)) {
    const week = Math.floor(daysBetween(firstMonday, day) / 7);
    if (week % pattern.every === 0 && pattern.weekdays.includes(isoWeekday(day))) dates.push(day);
  }
  return dates;
}
