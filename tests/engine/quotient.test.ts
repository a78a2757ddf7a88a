// The CAF quotient formula on table cases, and the parts of a household.
import { describe, expect, it } from 'vitest';
import { familyQuotient, householdParts } from '../../engine/billing/quotient.js';

describe('parts du foyer', () => {
  it.each([
    [0, 2],
    [1, 2.5],
    [2, 3],
    [3, 4],
    [4, 4.5],
    [5, 5],
    [7, 6],
  ])('%s enfant(s) → %s parts', (children, parts) => {
    expect(householdParts(children)).toBe(parts);
  });
});

describe('quotient familial (CAF)', () => {
  it.each([
    // annual income, monthly benefits, parts, QF
    [24_000, 0, 2, 1000],
    [30_000, 0, 2.5, 1000],
    [36_000, 132.35, 3, 1044.12], // (3000 + 132.35) / 3 = 1044.1166…
    [18_000, 300, 4, 450],
    [0, 450, 2.5, 180],
    [25_000, 0, 3, 694.44], // 2083.333… / 3 = 694.444…
    [10_000, 0, 3, 277.78], // 833.333… / 3 = 277.777… (rounded up)
    [12_345.67, 12.34, 4.5, 231.37], // (1028.805… + 12.34) / 4.5 = 231.3657…
  ])('revenus %s €, prestations %s €/mois, %s parts → QF %s', (annualIncome, monthlyBenefits, parts, qf) => {
    expect(familyQuotient({ annualIncome, monthlyBenefits, parts })).toBe(qf);
  });

  it('refuse des valeurs négatives ou zéro part', () => {
    expect(() => familyQuotient({ annualIncome: -1, monthlyBenefits: 0, parts: 2 })).toThrow(RangeError);
    expect(() => familyQuotient({ annualIncome: 1, monthlyBenefits: 0, parts: 0 })).toThrow(RangeError);
  });
});
