// The activity form's state (what the fields hold, as typed) ⇄ the API's activity. Amounts
// are typed in euros ("12,50") and sent in cents; numbers that cannot be read are reported at
// the same field paths the server uses, so one error display serves both.
import type { Activity, ActivityInput, Kind, OpensOn } from './api.js';

export interface BandForm {
  key: number;
  qfMin: string;
  qfMax: string;
  price: string;
}

export interface AgeGroupForm {
  key: number;
  code: string;
  label: string;
  minAgeMonths: string;
  maxAgeMonths: string;
  capacity: string;
}

export interface ActivityForm {
  code: string;
  name: string;
  kind: Kind;
  capacity: string;
  minAgeMonths: string;
  maxAgeMonths: string;
  schoolIds: string[];
  book: string;
  cancel: string;
  zone: 'A' | 'B' | 'C';
  opens: OpensOn[];
  weekdays: number[];
  closedDays: string[];
  tariffMode: 'bands' | 'effortRate';
  schoolYear: string;
  bands: BandForm[];
  ratePercent: string;
  minPrice: string;
  maxPrice: string;
  validation: 'automatic' | 'manual';
  active: boolean;
  unpaidBlock: string;
  ageGroups: AgeGroupForm[];
  /** The activity had groups when read: an emptied list is sent as null (removes them). */
  hadAgeGroups: boolean;
}

/** Field errors by JSON pointer (`/tariff/bands/1/qfMin`). */
export type Errors = Record<string, string>;

let nextKey = 1;
export const newBandKey = () => nextKey++;

const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));
const money = (cents: number | null | undefined) => (cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ','));

export function schoolYearOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function emptyForm(today: string): ActivityForm {
  return {
    code: '', name: '', kind: 'wednesday', capacity: '', minAgeMonths: '', maxAgeMonths: '', schoolIds: [],
    book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00',
    zone: 'C', opens: ['wednesdays'], weekdays: [], closedDays: [],
    tariffMode: 'bands', schoolYear: schoolYearOf(today), bands: [{ key: newBandKey(), qfMin: '0', qfMax: '', price: '' }],
    ratePercent: '', minPrice: '', maxPrice: '', validation: 'automatic', active: true, unpaidBlock: '',
    ageGroups: [], hadAgeGroups: false,
  };
}

export function toForm(a: Activity, today: string): ActivityForm {
  const base = emptyForm(today);
  const t = a.tariff;
  return {
    ...base,
    code: a.code, name: a.name, kind: a.kind, capacity: num(a.capacity), minAgeMonths: num(a.minAgeMonths), maxAgeMonths: num(a.maxAgeMonths),
    schoolIds: a.schoolIds, book: a.deadlineRules.book, cancel: a.deadlineRules.cancel,
    zone: a.calendar.zone ?? 'C', opens: a.calendar.opens?.length ? a.calendar.opens : base.opens, weekdays: a.calendar.weekdays ?? [], closedDays: a.calendar.closedDays ?? [],
    ...('mode' in t
      ? { tariffMode: 'bands' as const, schoolYear: t.schoolYear, bands: t.bands.length ? t.bands.map((b) => ({ key: newBandKey(), qfMin: num(b.qfMin), qfMax: num(b.qfMax), price: money(b.priceCents) })) : base.bands }
      : { tariffMode: 'effortRate' as const, ratePercent: num(t.ratePercent), minPrice: money(t.minCents), maxPrice: money(t.maxCents) }),
    validation: a.validation, active: a.active, unpaidBlock: money(a.unpaidBlockCents),
    ageGroups: (a.ageGroups ?? []).map((g) => ({ key: newBandKey(), code: g.key, label: g.label, minAgeMonths: num(g.minAgeMonths), maxAgeMonths: num(g.maxAgeMonths), capacity: num(g.capacity) })),
    hadAgeGroups: Boolean(a.ageGroups?.length),
  };
}

/** "12,5" → 12.5; "" → null; anything else → NaN. */
function readNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The API input, or the fields that cannot be read as numbers. */
export function toInput(f: ActivityForm): { input?: ActivityInput; errors: Errors } {
  const errors: Errors = {};
  const integer = (path: string, text: string, label: string) => {
    const n = readNumber(text);
    if (n !== null && (Number.isNaN(n) || !Number.isInteger(n))) errors[path] = `${label} : un nombre entier.`;
    return n;
  };
  const cents = (path: string, text: string, label: string, required: boolean) => {
    const n = readNumber(text);
    if (n === null) {
      if (required) errors[path] = `${label} : indiquez un montant en euros (ex. 2,80).`;
      return null;
    }
    if (Number.isNaN(n) || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) errors[path] = `${label} : un montant en euros, 2 décimales au plus (ex. 2,80).`;
    return Math.round(n * 100);
  };
  const quotient = (path: string, text: string, required: boolean) => {
    const n = readNumber(text);
    if (n === null && required) errors[path] = 'Indiquez le quotient minimum de la tranche (0 pour la première).';
    else if (n !== null && Number.isNaN(n)) errors[path] = 'Quotient : un nombre (ex. 500,01).';
    return n;
  };
  const tariff: ActivityInput['tariff'] = f.tariffMode === 'bands'
    ? {
        mode: 'bands', schoolYear: f.schoolYear,
        bands: f.bands.map((b, i) => ({
          qfMin: quotient(`/tariff/bands/${i}/qfMin`, b.qfMin, true) ?? 0,
          qfMax: quotient(`/tariff/bands/${i}/qfMax`, b.qfMax, false),
          priceCents: cents(`/tariff/bands/${i}/priceCents`, b.price, 'Prix', true) ?? 0,
        })),
      }
    : (() => {
        const rate = readNumber(f.ratePercent);
        if (rate === null || Number.isNaN(rate)) errors['/tariff/ratePercent'] = 'Taux d’effort : un pourcentage (ex. 0,8).';
        return { kind: 'effortRate' as const, ratePercent: rate ?? 0, minCents: cents('/tariff/minCents', f.minPrice, 'Prix plancher', true) ?? 0, maxCents: cents('/tariff/maxCents', f.maxPrice, 'Prix plafond', true) ?? 0 };
      })();
  const input: ActivityInput = {
    code: f.code.trim().toUpperCase(), name: f.name.trim(), kind: f.kind,
    capacity: integer('/capacity', f.capacity, 'Capacité'),
    minAgeMonths: integer('/minAgeMonths', f.minAgeMonths, 'Âge minimum'),
    maxAgeMonths: integer('/maxAgeMonths', f.maxAgeMonths, 'Âge maximum'),
    schoolIds: f.schoolIds,
    deadlineRules: { book: f.book, cancel: f.cancel },
    calendar: { zone: f.zone, opens: f.opens, ...(f.weekdays.length ? { weekdays: [...f.weekdays].sort() } : {}), closedDays: f.closedDays },
    tariff, validation: f.validation, active: f.active,
    unpaidBlockCents: cents('/unpaidBlockCents', f.unpaidBlock, 'Seuil d’impayés', false),
  };
  const groups = f.ageGroups.map((g, i) => {
    const required = (field: string, text: string, label: string) => {
      const n = integer(`/ageGroups/${i}/${field}`, text, label);
      if (n === null) errors[`/ageGroups/${i}/${field}`] = `${label} : obligatoire (nombre entier).`;
      return n ?? 0;
    };
    return {
      key: g.code.trim(), label: g.label.trim(),
      minAgeMonths: required('minAgeMonths', g.minAgeMonths, 'Âge minimum de la tranche'),
      maxAgeMonths: required('maxAgeMonths', g.maxAgeMonths, 'Âge maximum de la tranche'),
      capacity: required('capacity', g.capacity, 'Capacité de la tranche'),
    };
  });
  if (groups.length) input.ageGroups = groups;
  else if (f.hadAgeGroups) input.ageGroups = null;
  if (!input.schoolIds.length) errors['/schoolIds'] = 'Choisissez au moins une école.';
  if (!f.opens.length) errors['/calendar/opens'] = 'Choisissez au moins une période d’ouverture.';
  return Object.keys(errors).length ? { errors } : { input, errors };
}

/** Server field errors (Ajv shape) by pointer; a required-field error is put on the missing field. */
export function errorsFrom(details: { instancePath: string; message: string; keyword?: string; params?: Record<string, unknown> }[]): Errors {
  const out: Errors = {};
  for (const d of details) {
    const missing = d.keyword === 'required' ? (d.params?.missingProperty as string | undefined) : undefined;
    const path = missing ? `${d.instancePath}/${missing}` : d.instancePath || '/';
    out[path] ??= d.message;
  }
  return out;
}
