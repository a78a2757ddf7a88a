// Capacity per age group (tranches d'âge) as data: an activity may declare groups, each with
// an inclusive age range in months and its own capacity. The child's age on the booked date
// (full months since the birth date) picks the group. Pure: no clock, the date is passed in.
import { isDay } from './days.js';

export interface AgeGroup { key: string; label: string; minAgeMonths: number; maxAgeMonths: number; capacity: number }

/** The place a booking takes: the counter's group ('' = the activity as a whole) and its capacity (null = unlimited). */
export interface Place { groupKey: string; capacity: number | null }

export const GROUP_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Full months from `birthDate` to `date` (both `YYYY-MM-DD`); a child born on the 31st turns a month older on the last day of a shorter month. */
export function ageInMonths(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const months = (y - by) * 12 + (m - bm);
  return d >= Math.min(bd, lastDay) ? months : months - 1;
}

/** Reads `activities.age_groups`: null when absent or empty (the activity's own capacity applies). */
export function readAgeGroups(raw: unknown): AgeGroup[] | null {
  const list = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!Array.isArray(list) || !list.length) return null;
  return list.map((g: Record<string, unknown>) => ({
    key: String(g.key), label: String(g.label ?? g.key),
    minAgeMonths: Number(g.minAgeMonths), maxAgeMonths: Number(g.maxAgeMonths), capacity: Number(g.capacity),
  }));
}

/** The group of a child born on `birthDate` on `date` (ranges inclusive), or null (no birth date, or no range fits). */
export function groupFor(groups: AgeGroup[], birthDate: string | null, date: string): AgeGroup | null {
  if (!birthDate || !isDay(birthDate) || birthDate > date) return null;
  const age = ageInMonths(birthDate, date);
  return groups.find((g) => g.minAgeMonths <= age && age <= g.maxAgeMonths) ?? null;
}

/**
 * The place of one booking: without groups, the activity's capacity; with groups, the
 * child's group. A child fitting no group gets null (refused), except under L131-13 (primary
 * canteen), who is counted with the activity as a whole and never refused.
 */
export function placeFor(groups: AgeGroup[] | null, activityCapacity: number | null, birthDate: string | null, date: string, canteenRight: boolean): Place | null {
  if (!groups) return { groupKey: '', capacity: activityCapacity };
  const group = groupFor(groups, birthDate, date);
  if (group) return { groupKey: group.key, capacity: group.capacity };
  return canteenRight ? { groupKey: '', capacity: activityCapacity } : null;
}

/** The capacity of a counter's group ('' = the activity's; a group since removed = unlimited). */
export function capacityOfGroup(groups: AgeGroup[] | null, activityCapacity: number | null, groupKey: string): number | null {
  if (groupKey === '') return activityCapacity;
  return groups?.find((g) => g.key === groupKey)?.capacity ?? null;
}

export const NO_AGE_GROUP = "L'âge de l'enfant ce jour-là ne correspond à aucune tranche d'âge de l'activité";

export interface AgeGroupError { path: string; message: string }

/** Checks groups as entered by an agent: keys, labels, ranges (min ≤ max, no overlap), capacity ≥ 0. Paths relative to the list. */
export function checkAgeGroups(groups: unknown[]): AgeGroupError[] {
  const errors: AgeGroupError[] = [];
  const keys = new Set<string>();
  const ranges: { i: number; min: number; max: number }[] = [];
  groups.forEach((raw, i) => {
    const g = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const at = (field: string, message: string) => errors.push({ path: `/${i}/${field}`, message });
    if (typeof g.key !== 'string' || !GROUP_KEY.test(g.key)) at('key', 'Le code de la tranche d’âge est obligatoire : lettres minuscules, chiffres, « - » ou « _ » (40 caractères au plus).');
    else if (keys.has(g.key)) at('key', `Le code « ${g.key} » est déjà utilisé par une autre tranche d’âge.`);
    else keys.add(g.key);
    if (typeof g.label !== 'string' || !g.label.trim()) at('label', 'Le libellé de la tranche d’âge est obligatoire.');
    const min = g.minAgeMonths, max = g.maxAgeMonths;
    const okMin = Number.isInteger(min) && (min as number) >= 0 && (min as number) <= 300;
    const okMax = Number.isInteger(max) && (max as number) >= 0 && (max as number) <= 300;
    if (!okMin) at('minAgeMonths', 'L’âge minimum doit être un nombre entier de mois entre 0 et 300.');
    if (!okMax) at('maxAgeMonths', 'L’âge maximum doit être un nombre entier de mois entre 0 et 300.');
    if (okMin && okMax) {
      if ((max as number) < (min as number)) at('maxAgeMonths', `L’âge maximum (${max} mois) est inférieur à l’âge minimum (${min} mois).`);
      else {
        const other = ranges.find((r) => r.min <= (max as number) && (min as number) <= r.max);
        if (other) at('minAgeMonths', `Cette tranche d’âge (${min} à ${max} mois) chevauche la tranche n° ${other.i + 1} (${other.min} à ${other.max} mois).`);
        ranges.push({ i, min: min as number, max: max as number });
      }
    }
    if (!Number.isInteger(g.capacity) || (g.capacity as number) < 0 || (g.capacity as number) > 10_000) at('capacity', 'La capacité de la tranche d’âge doit être un nombre entier de places entre 0 et 10 000.');
  });
  return errors;
}
