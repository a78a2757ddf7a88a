// The tariff of an activity as the administrator sends it: bands by family quotient (tranches
// de quotient familial) for one school year, or an effort rate (taux d'effort). Checked here
// with a French message at the exact field; never half-saved.
import type { FieldError } from '../../engine/types.js';

export interface Band {
  qfMin: number;
  qfMax: number | null;
  priceCents: number;
}
export type TariffInput =
  | { mode: 'bands'; schoolYear: string; bands: Band[] }
  | { kind: 'effortRate'; ratePercent: number; minCents: number; maxCents: number };

const MAX_QF = 99_999_999.99;
const MAX_CENTS = 1_000_000;

export const fieldError = (instancePath: string, message: string, keyword = 'activity'): FieldError => ({ instancePath, keyword, message, params: {} });

const isCents = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_CENTS;
// Quotients are stored with 2 decimals (numeric(10, 2)).
const isQuotient = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_QF && Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

function unknownFields(value: Record<string, unknown>, allowed: string[], path: string): FieldError[] {
  return Object.keys(value).filter((k) => !allowed.includes(k)).map((k) => fieldError(`${path}/${k}`, `Champ inconnu « ${k} ».`, 'additionalProperties'));
}

function checkBands(bands: unknown, path: string): FieldError[] {
  if (!Array.isArray(bands) || bands.length === 0 || bands.length > 20) {
    return [fieldError(path, 'Indiquez de 1 à 20 tranches de quotient familial.')];
  }
  const errors: FieldError[] = [];
  bands.forEach((band, i) => {
    const at = `${path}/${i}`;
    if (!band || typeof band !== 'object' || Array.isArray(band)) return errors.push(fieldError(at, 'Tranche invalide.'));
    const b = band as Record<string, unknown>;
    errors.push(...unknownFields(b, ['qfMin', 'qfMax', 'priceCents'], at));
    if (!isQuotient(b.qfMin)) errors.push(fieldError(`${at}/qfMin`, 'Quotient minimum : un nombre positif, 2 décimales au plus.'));
    if (b.qfMax !== null && !isQuotient(b.qfMax)) errors.push(fieldError(`${at}/qfMax`, 'Quotient maximum : un nombre positif (2 décimales au plus), ou vide pour la dernière tranche.'));
    if (!isCents(b.priceCents)) errors.push(fieldError(`${at}/priceCents`, `Prix : un montant en centimes, de 0 à ${euros(MAX_CENTS)} €.`));
  });
  if (errors.length) return errors;
  const list = bands as Band[];
  list.forEach((b, i) => {
    const at = `${path}/${i}`;
    if (b.qfMax !== null && b.qfMax < b.qfMin) errors.push(fieldError(`${at}/qfMax`, `Le quotient maximum (${b.qfMax}) est inférieur au minimum (${b.qfMin}).`));
    if (i === 0 && b.qfMin !== 0) errors.push(fieldError(`${at}/qfMin`, 'La première tranche commence à un quotient de 0.'));
    if (i > 0) {
      const prev = list[i - 1];
      if (prev.qfMax === null || b.qfMin <= prev.qfMax) {
        errors.push(fieldError(`${at}/qfMin`, `Cette tranche chevauche la précédente (qui va jusqu'à ${prev.qfMax ?? 'sans limite'}) : les tranches se suivent par quotient croissant, sans se chevaucher.`));
      } else if (Math.round((b.qfMin - prev.qfMax) * 100) > 1) {
        errors.push(fieldError(`${at}/qfMin`, `Trou entre ${prev.qfMax} et ${b.qfMin} : la tranche suivante commence juste après la précédente (ex. ${(prev.qfMax + 0.01).toFixed(2)}).`));
      }
    }
    if (i < list.length - 1 && b.qfMax === null) errors.push(fieldError(`${at}/qfMax`, 'Seule la dernière tranche peut être sans quotient maximum.'));
  });
  const last = list[list.length - 1];
  if (!errors.length && last.qfMax !== null) {
    errors.push(fieldError(`${path}/${list.length - 1}/qfMax`, 'La dernière tranche n’a pas de quotient maximum : elle s’applique aussi aux familles sans quotient connu.'));
  }
  return errors;
}

/** The tariff's errors, each at its field (`/tariff/bands/1/qfMin`); empty when valid. */
export function checkTariff(tariff: Record<string, unknown>, path = '/tariff'): FieldError[] {
  if (tariff.kind === 'effortRate') {
    const errors = unknownFields(tariff, ['kind', 'ratePercent', 'minCents', 'maxCents'], path);
    const rate = tariff.ratePercent;
    if (typeof rate !== 'number' || !(rate > 0) || rate > 100 || Math.abs(Math.round(rate * 1000) - rate * 1000) > 1e-6) {
      errors.push(fieldError(`${path}/ratePercent`, 'Taux d’effort : un pourcentage supérieur à 0 et au plus 100 (3 décimales au plus, ex. 0,525).'));
    }
    if (!isCents(tariff.minCents)) errors.push(fieldError(`${path}/minCents`, 'Prix plancher : un montant en centimes positif.'));
    if (!isCents(tariff.maxCents)) errors.push(fieldError(`${path}/maxCents`, 'Prix plafond : un montant en centimes positif.'));
    else if (isCents(tariff.minCents) && (tariff.maxCents as number) < (tariff.minCents as number)) {
      errors.push(fieldError(`${path}/maxCents`, 'Le prix plafond doit être supérieur ou égal au prix plancher.'));
    }
    return errors;
  }
  if (tariff.mode === 'bands') {
    const errors = unknownFields(tariff, ['mode', 'schoolYear', 'bands'], path);
    const year = tariff.schoolYear;
    if (typeof year !== 'string' || !/^\d{4}-\d{4}$/.test(year) || Number(year.slice(5)) !== Number(year.slice(0, 4)) + 1) {
      errors.push(fieldError(`${path}/schoolYear`, 'Année scolaire attendue sous la forme 2026-2027.'));
    }
    return [...errors, ...checkBands(tariff.bands, `${path}/bands`)];
  }
  return [fieldError(`${path}`, 'Choisissez un tarif par tranches de quotient (mode « bands ») ou un taux d’effort (kind « effortRate »).')];
}
