// Tariff bands and effort rate: band selection exactly at the edges, no quotient → full price.
import { describe, expect, it } from 'vitest';
import { bandFor, checkTariff, roundQuotient, unitPrice, type Tariff, type TariffBand } from '../../engine/billing/tariff.js';

// A grid written as municipal grids usually are: contiguous at the cent.
const grid: TariffBand[] = [
  { qfMin: 0, qfMax: 500, unitPriceCents: 150 },
  { qfMin: 500.01, qfMax: 900, unitPriceCents: 300 },
  { qfMin: 900.01, qfMax: 1500, unitPriceCents: 450 },
  { qfMin: 1500.01, qfMax: null, unitPriceCents: 600 },
];
const bands: Tariff = { kind: 'bands', bands: grid };

describe('tranches de quotient', () => {
  it.each([
    [0, 0, 150],
    [499.99, 0, 150],
    [500, 0, 150], // qfMax inclusive
    [500.004, 0, 150], // rounded to 500.00
    [500.005, 1, 300], // rounded half up to 500.01
    [500.01, 1, 300], // qfMin inclusive
    [900, 1, 300],
    [900.01, 2, 450],
    [1500, 2, 450],
    [1500.01, 3, 600],
    [99999, 3, 600],
  ])('QF %s → tranche %s (%s centimes)', (qf, index, price) => {
    expect(unitPrice(bands, qf)).toEqual({ unitPriceCents: price, bandIndex: index });
    expect(bandFor(grid, qf)).toBe(index);
  });

  it('sans quotient connu, la tranche la plus haute s\'applique', () => {
    expect(unitPrice(bands, null)).toEqual({ unitPriceCents: 600, bandIndex: 3 });
  });

  it('un bord partagé (0–500 puis 500–800) revient à la tranche basse', () => {
    const shared: TariffBand[] = [
      { qfMin: 500, qfMax: 800, unitPriceCents: 2 },
      { qfMin: 0, qfMax: 500, unitPriceCents: 1 },
      { qfMin: 800, qfMax: null, unitPriceCents: 3 },
    ];
    // The index is the one of the given array, whatever its order.
    expect(bandFor(shared, 500)).toBe(1);
    expect(bandFor(shared, 500.01)).toBe(0);
    expect(bandFor(shared, 800)).toBe(0);
    expect(bandFor(shared, 800.01)).toBe(2);
    expect(bandFor(shared, null)).toBe(2);
  });

  it('un quotient dans un trou prend la tranche inférieure ; sous la première, la première', () => {
    const gap: TariffBand[] = [
      { qfMin: 100, qfMax: 500, unitPriceCents: 1 },
      { qfMin: 501, qfMax: 900, unitPriceCents: 2 },
    ];
    expect(bandFor(gap, 500.5)).toBe(0);
    expect(bandFor(gap, 901)).toBe(1);
    expect(bandFor(gap, 50)).toBe(0);
    expect(checkTariff({ kind: 'bands', bands: gap })).toEqual([
      'Aucune tranche ne couvre les quotients inférieurs à 100.',
      'Trou entre 500 et 501.',
      'Aucune tranche ne couvre les quotients supérieurs à 900.',
    ]);
  });

  it('une grille contiguë est saine ; aucune tranche est une erreur', () => {
    expect(checkTariff(bands)).toEqual([]);
    expect(bandFor([], 100)).toBeNull();
    expect(() => unitPrice({ kind: 'bands', bands: [] }, 100)).toThrow();
    expect(checkTariff({ kind: 'bands', bands: [] })).toHaveLength(1);
  });

  it('arrondit au centime, demi vers le haut', () => {
    expect(roundQuotient(500.004)).toBe(500);
    expect(roundQuotient(500.005)).toBe(500.01);
    expect(roundQuotient(1234.5678)).toBe(1234.57);
  });
});

describe('taux d\'effort', () => {
  const effort: Tariff = { kind: 'effortRate', ratePercent: 0.5, minCents: 120, maxCents: 800 };
  it.each([
    [null, 800], // no quotient: maximum
    [0, 120], // clamped to the minimum
    [240, 120], // 240 × 0.5 = 120: exactly the minimum
    [239.99, 120],
    [700, 350],
    [733.33, 367], // 366.665 → 367
    [1600, 800], // exactly the maximum
    [1600.02, 800],
    [5000, 800],
  ])('QF %s → %s centimes', (qf, price) => {
    expect(unitPrice(effort, qf)).toEqual({ unitPriceCents: price, bandIndex: null });
  });
  it('des paramètres incohérents sont signalés', () => {
    expect(checkTariff(effort)).toEqual([]);
    expect(checkTariff({ kind: 'effortRate', ratePercent: 0, minCents: 10, maxCents: 5 })).toHaveLength(2);
  });
});
