// The family quotient (QF) of the CAF, DOMAIN.md "Family quotient". Pure.
//   QF = (annual income ÷ 12 + monthly family benefits) ÷ parts
//   parts = 2 for the parent(s) (one or two: DOMAIN.md makes no difference for a single
//   parent), + 0.5 for the first child, + 0.5 for the second, + 1 for the third, + 0.5 for
//   each further child.
// Amounts are euros (the figures of the tax notice); the quotient is rounded to the cent,
// half up, as it is stored (numeric(10,2)). The démarche 11 computes the same with json-logic
// (procedure.json "computed"); tests/engine/quotient.test.ts checks both agree.
import { roundQuotient } from './tariff.js';

/** Number of parts of a household with this many dependent children. */
export function householdParts(children: number): number {
  const n = Math.max(0, Math.floor(children));
  return 2 + (n >= 1 ? 0.5 : 0) + (n >= 2 ? 0.5 : 0) + (n >= 3 ? 1 : 0) + Math.max(0, n - 3) * 0.5;
}

export interface QuotientInput {
  /** Annual taxable income (revenu fiscal de référence), euros. */
  annualIncome: number;
  /** Monthly family benefits (prestations familiales), euros. */
  monthlyBenefits: number;
  parts: number;
}

/** The family quotient in euros, rounded to the cent. */
export function familyQuotient({ annualIncome, monthlyBenefits, parts }: QuotientInput): number {
  if (!(parts > 0) || !(annualIncome >= 0) || !(monthlyBenefits >= 0)) throw new RangeError('Revenus, prestations et parts doivent être positifs.');
  return roundQuotient((annualIncome / 12 + monthlyBenefits) / parts);
}
