// Tariffs: the unit price of an activity for a family quotient (QF). Pure: no I/O, no clock.
//
// Two kinds (DOMAIN.md "Family quotient"):
// - bands: a grid of quotient bands, each with a unit price;
// - effortRate: the price is a percentage of the quotient, clamped to [minCents, maxCents].
//
// Band edges (the one rule, tested at the edges in tests/engine/tariff.test.ts):
// 1. The quotient is first rounded to the cent (half up): 500.004 → 500.00, 500.005 → 500.01.
// 2. A band contains QF when qfMin ≤ QF ≤ qfMax (both inclusive; qfMax null = no upper bound).
//    Bands are read in ascending qfMin order; when two bands both contain QF (a grid written
//    0–500 then 500–800 shares the edge 500), the LOWER band wins.
// 3. A QF in no band (a gap such as 500.00 → 500.50 in a grid 0–500 / 501–800, or above the
//    last bounded qfMax) takes the highest band whose qfMin ≤ QF; a QF below every qfMin takes
//    the lowest band. Grids should have no gaps: checkBands reports them.
// 4. No quotient on file (null) → the highest band (largest qfMin), i.e. the full price.
//
// Effort rate: QF rounded to the cent, cents = round(QF × ratePercent) (QF € × rate % ÷ 100 =
// euros, × 100 = cents), then clamped to [minCents, maxCents]. No quotient → maxCents.

export interface TariffBand {
  qfMin: number;
  qfMax: number | null;
  unitPriceCents: number;
}

export type Tariff =
  | { kind: 'bands'; bands: TariffBand[] }
  | { kind: 'effortRate'; ratePercent: number; minCents: number; maxCents: number };

/** The quotient rounded to the cent, half up (the way quotients are stored: numeric(10,2)). */
export function roundQuotient(quotient: number): number {
  const cents = Math.round(Math.abs(quotient) * 100 + 1e-7);
  return (Math.sign(quotient) || 1) * cents / 100;
}

/** Indexes of the bands in ascending qfMin order (stable for equal qfMin). */
function ascending(bands: TariffBand[]): number[] {
  return bands.map((_, i) => i).sort((a, b) => bands[a]!.qfMin - bands[b]!.qfMin || a - b);
}

/**
 * Index (in the given array) of the band that applies to this quotient, following the edge
 * rule above; null only when there are no bands at all.
 */
export function bandFor(bands: TariffBand[], quotient: number | null): number | null {
  if (bands.length === 0) return null;
  const order = ascending(bands);
  if (quotient === null || !Number.isFinite(quotient)) return order[order.length - 1]!;
  const qf = roundQuotient(quotient);
  for (const i of order) {
    const b = bands[i]!;
    if (b.qfMin <= qf && (b.qfMax === null || qf <= b.qfMax)) return i;
  }
  let chosen = order[0]!;
  for (const i of order) if (bands[i]!.qfMin <= qf) chosen = i;
  return chosen;
}

/** Unit price for a quotient (null = no quotient on file: highest band / maxCents). */
export function unitPrice(tariff: Tariff, quotient: number | null): { unitPriceCents: number; bandIndex: number | null } {
  if (tariff.kind === 'effortRate') {
    if (quotient === null || !Number.isFinite(quotient)) return { unitPriceCents: tariff.maxCents, bandIndex: null };
    const raw = Math.round(roundQuotient(Math.max(0, quotient)) * tariff.ratePercent + 1e-7);
    return { unitPriceCents: Math.min(tariff.maxCents, Math.max(tariff.minCents, raw)), bandIndex: null };
  }
  const index = bandFor(tariff.bands, quotient);
  if (index === null) throw new Error('Tarif sans tranche : aucun prix ne peut être calculé.');
  return { unitPriceCents: tariff.bands[index]!.unitPriceCents, bandIndex: index };
}

/** Problems of a tariff grid, in French (empty = sound): gaps, overlaps, unbounded band not last. */
export function checkTariff(tariff: Tariff): string[] {
  const problems: string[] = [];
  if (tariff.kind === 'effortRate') {
    if (!(tariff.ratePercent > 0)) problems.push('Le taux d\'effort doit être positif.');
    if (!Number.isInteger(tariff.minCents) || tariff.minCents < 0) problems.push('Le prix minimum doit être un nombre de centimes positif.');
    if (!Number.isInteger(tariff.maxCents) || tariff.maxCents < tariff.minCents) problems.push('Le prix maximum doit être supérieur ou égal au minimum.');
    return problems;
  }
  const bands = ascending(tariff.bands).map((i) => tariff.bands[i]!);
  if (bands.length === 0) return ['La grille ne contient aucune tranche.'];
  if (bands[0]!.qfMin > 0) problems.push(`Aucune tranche ne couvre les quotients inférieurs à ${bands[0]!.qfMin}.`);
  bands.forEach((b, i) => {
    if (!Number.isInteger(b.unitPriceCents) || b.unitPriceCents < 0) problems.push(`Tranche ${i + 1} : prix invalide.`);
    if (b.qfMax !== null && b.qfMax < b.qfMin) problems.push(`Tranche ${i + 1} : le maximum est inférieur au minimum.`);
    const next = bands[i + 1];
    if (!next) {
      if (b.qfMax !== null) problems.push(`Aucune tranche ne couvre les quotients supérieurs à ${b.qfMax}.`);
      return;
    }
    if (b.qfMax === null) problems.push(`Tranche ${i + 1} : seule la dernière tranche peut être sans maximum.`);
    else if (roundQuotient(next.qfMin - b.qfMax) > 0.01) problems.push(`Trou entre ${b.qfMax} et ${next.qfMin}.`);
    else if (next.qfMin < b.qfMax) problems.push(`Les tranches ${i + 1} et ${i + 2} se chevauchent.`);
  });
  return problems;
}
