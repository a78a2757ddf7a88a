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

describe('la démarche 11 calcule comme la formule', () => {
  it.each([
    [0, 24_000, 0],
    [1, 30_000, 95.5],
    [2, 36_000, 132.35],
    [3, 12_345.67, 12.34],
    [5, 60_000, 410.1],
  ])('%s enfant(s), revenus %s €, prestations %s €', async (n, annualIncome, monthlyBenefits) => {
    const { shippedDefinitions } = await import('../helpers/definitions.js');
    const { applyComputed } = await import('../../engine/index.js');
    const { catalog } = await shippedDefinitions();
    const spec = catalog.byCode.get('11')!.spec;
    const family = { id: 'f', children: Array.from({ length: n }, (_, i) => ({ id: `c${i}` })) };
    const answers = applyComputed(spec.computed, { revenus: annualIncome, prestations: monthlyBenefits }, { family, dossiers: {} });
    const parts = householdParts(n);
    expect(answers).toMatchObject({ foyer: { enfants: n, parts }, quotient: familyQuotient({ annualIncome, monthlyBenefits, parts }) });
  });
});
