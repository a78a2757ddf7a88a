// What an activity must satisfy beyond its JSON Schema: deadlines in the booking grammar,
// a coherent age range and opening calendar, schools that exist, a sound tariff grid, a
// code nobody else uses. All errors at once, each at its field path, in French.
import { parseDeadline, formatDeadline } from '../../engine/calendar/deadlines.js';
import { checkAgeGroups, type AgeGroup } from '../../engine/calendar/age-groups.js';
import type { FieldError } from '../../engine/types.js';
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import { checkTariff, fieldError, type TariffInput } from './tariff-input.js';

export interface CalendarInput {
  zone: 'A' | 'B' | 'C';
  opens: ('schoolDays' | 'wednesdays' | 'holidays')[];
  weekdays?: number[];
  closedDays?: string[];
}

export interface ActivityInput {
  id?: string;
  code: string;
  name: string;
  kind: string;
  capacity: number | null;
  minAgeMonths?: number | null;
  maxAgeMonths?: number | null;
  schoolIds: string[];
  deadlineRules: { book: string; cancel: string };
  calendar: CalendarInput;
  tariff: Record<string, unknown>;
  validation: 'automatic' | 'manual';
  active: boolean;
  unpaidBlockCents?: number | null;
  /** Capacity per age group (tranches d'âge); null or [] = the activity's capacity for every child; absent = unchanged. */
  ageGroups?: AgeGroup[] | null;
}

/** The input once checked: deadlines in their canonical text (« J-2 ouvrés à 12:00 »). */
export interface CheckedActivity extends Omit<ActivityInput, 'tariff'> {
  tariff: TariffInput;
}

function checkDeadlines(rules: ActivityInput['deadlineRules'], errors: FieldError[]): ActivityInput['deadlineRules'] {
  const canonical = { ...rules };
  for (const key of ['book', 'cancel'] as const) {
    const parsed = parseDeadline(rules[key]);
    if (parsed.ok) canonical[key] = formatDeadline(parsed.rule);
    else errors.push(fieldError(`/deadlineRules/${key}`, parsed.message));
  }
  return canonical;
}

function checkCalendar(calendar: CalendarInput, errors: FieldError[]): CalendarInput {
  const closedDays = [...(calendar.closedDays ?? [])].sort();
  if (calendar.weekdays && !calendar.opens.includes('schoolDays') && !calendar.opens.includes('holidays')) {
    errors.push(fieldError('/calendar/weekdays', 'Les jours de la semaine ne s’appliquent qu’aux jours d’école ou aux vacances.'));
  }
  const out: CalendarInput = { zone: calendar.zone, opens: calendar.opens, closedDays };
  if (calendar.weekdays) out.weekdays = [...calendar.weekdays].sort();
  return out;
}

/** Checks everything; throws a 400 with every field error, or returns the input to store. */
export async function checkActivity(db: Db | Trx, input: ActivityInput, selfId?: string): Promise<CheckedActivity> {
  const errors: FieldError[] = [];
  if (selfId && input.id && input.id !== selfId) errors.push(fieldError('/id', 'L’identifiant ne correspond pas à l’activité modifiée.'));
  const deadlineRules = checkDeadlines(input.deadlineRules, errors);
  const calendar = checkCalendar(input.calendar, errors);
  const min = input.minAgeMonths ?? null;
  const max = input.maxAgeMonths ?? null;
  if (min !== null && max !== null && max < min) {
    errors.push(fieldError('/maxAgeMonths', `L’âge maximum (${max} mois) est inférieur à l’âge minimum (${min} mois).`));
  }
  // Absent = unchanged on update (none on creation); null or [] = no groups.
  const ageGroups = input.ageGroups === undefined ? undefined
    : input.ageGroups?.length ? input.ageGroups.map((g) => ({ ...g, label: typeof g.label === 'string' ? g.label.trim() : g.label })) : null;
  if (ageGroups) errors.push(...checkAgeGroups(ageGroups).map((e) => fieldError(`/ageGroups${e.path}`, e.message)));
  errors.push(...checkTariff(input.tariff));
  const known = new Set((await db('schools').whereIn('id', input.schoolIds).pluck('id')).map(String));
  input.schoolIds.forEach((id, i) => {
    if (!known.has(id)) errors.push(fieldError(`/schoolIds/${i}`, 'Cette école n’existe pas.'));
  });
  const sameCode = await db('activities').where({ code: input.code }).modify((q) => (selfId ? q.whereNot({ id: selfId }) : q)).first('id');
  if (sameCode) errors.push(fieldError('/code', `Le code « ${input.code} » est déjà utilisé par une autre activité.`));
  if (errors.length) throw new AppError('INVALID_INPUT', 'L’activité n’est pas enregistrée : corrigez les champs signalés.', errors);
  return { ...input, minAgeMonths: min, maxAgeMonths: max, unpaidBlockCents: input.unpaidBlockCents ?? null, ageGroups, deadlineRules, calendar, tariff: input.tariff as unknown as TariffInput };
}
