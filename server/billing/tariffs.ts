// Reading tariffs and quotients from the database, for every module that prices something
// (bookings, invoices, Mes tarifs). The pricing rule itself is engine/billing/tariff.ts.
//
// activities.tariff (jsonb) says which kind of tariff an activity has:
//   { "mode": "bands" } (or {}): the grid is the activity's rows of the `tariffs` table for
//     the school year (qf_min, qf_max, unit_price_cents);
//   { "kind": "effortRate", "ratePercent": 0.5, "minCents": 120, "maxCents": 800 }.
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import type { Tariff, TariffBand } from '../../engine/billing/tariff.js';

type Conn = Db | Trx;

interface EffortRateConfig { kind: 'effortRate'; ratePercent: number; minCents: number; maxCents: number }

function effortRateOf(config: unknown): EffortRateConfig | null {
  const c = (typeof config === 'string' ? JSON.parse(config) : config) as Record<string, unknown> | null;
  if (!c || c.kind !== 'effortRate') return null;
  const { ratePercent, minCents, maxCents } = c;
  if (typeof ratePercent !== 'number' || !(ratePercent > 0) || !Number.isInteger(minCents) || !Number.isInteger(maxCents) || (maxCents as number) < (minCents as number)) {
    throw new AppError('CONFLICT', "Le tarif au taux d'effort de cette activité est mal paramétré.");
  }
  return { kind: 'effortRate', ratePercent, minCents: minCents as number, maxCents: maxCents as number };
}

/** The tariffs of several activities for a school year (one query per table). Activities without a tariff are absent. */
export async function tariffsFor(db: Conn, activityIds: string[], schoolYear: string): Promise<Map<string, Tariff>> {
  const result = new Map<string, Tariff>();
  if (activityIds.length === 0) return result;
  const activities = await db('activities').whereIn('id', activityIds).select('id', 'tariff');
  const rows = await db('tariffs').whereIn('activity_id', activityIds).andWhere({ school_year: schoolYear })
    .orderBy([{ column: 'activity_id' }, { column: 'qf_min' }]).select('activity_id', 'qf_min', 'qf_max', 'unit_price_cents');
  const bands = new Map<string, TariffBand[]>();
  for (const r of rows) {
    const list = bands.get(r.activity_id) ?? [];
    list.push({ qfMin: Number(r.qf_min), qfMax: r.qf_max === null ? null : Number(r.qf_max), unitPriceCents: r.unit_price_cents });
    bands.set(r.activity_id, list);
  }
  for (const a of activities) {
    const effort = effortRateOf(a.tariff);
    if (effort) result.set(a.id, effort);
    else if (bands.get(a.id)?.length) result.set(a.id, { kind: 'bands', bands: bands.get(a.id)! });
  }
  return result;
}

/** One activity's tariff for a school year; 404-shaped error when it has none. */
export async function tariffFor(db: Conn, activityId: string, schoolYear: string): Promise<Tariff> {
  const tariff = (await tariffsFor(db, [activityId], schoolYear)).get(activityId);
  if (!tariff) throw new AppError('NOT_FOUND', `Aucun tarif n'est défini pour cette activité en ${schoolYear}.`);
  return tariff;
}

/**
 * The family's quotient valid on a day (YYYY-MM-DD, Europe/Paris); null when none (then the
 * highest band applies). When several cover the day, the latest recorded one (an agent's
 * correction, a new declaration) wins.
 */
export async function quotientOn(db: Conn, familyId: string, day: string): Promise<number | null> {
  const row = await db('family_quotients').where({ family_id: familyId }).andWhere('valid_from', '<=', day)
    .andWhere((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', day))
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'valid_from', order: 'desc' }]).first('value');
  return row ? Number(row.value) : null;
}
