// Typed client for « Mon Quotient » and « Mes tarifs » (server/API.md, « Quotient et tarifs (issue 9) »).
import { request } from '../api.js';
import type { Tariff } from '../../../engine/billing/tariff.js';

export interface QuotientView {
  id: string;
  value: number;
  validFrom: string;
  validTo: string | null;
  source: 'declaration' | 'agent' | 'caf' | string;
  annualIncome: number | null;
  monthlyBenefits: number | null;
  parts: number | null;
  children: number | null;
  note: string | null;
  recordedAt: string;
  dossier: { id: string; number: string; proofs: { id: string; name: string; type: string }[] } | null;
  current: boolean;
}

export interface QuotientSheet {
  today: string;
  current: QuotientView | null;
  history: QuotientView[];
  demarche: { code: string; title: string } | null;
  pending: { id: string; number: string; status: string } | null;
}

export interface ActivityTariff {
  id: string;
  code: string;
  name: string;
  kind: string;
  enrolled: boolean;
  tariff: Tariff;
  familyPrice: { unitPriceCents: number; bandIndex: number | null };
}

export interface FamilyTariffs {
  schoolYear: string;
  quotient: number | null;
  quotientValidTo: string | null;
  activities: ActivityTariff[];
}

export const quotientApi = {
  sheet: () => request<QuotientSheet>('GET', '/api/quotient'),
  tariffs: () => request<FamilyTariffs>('GET', '/api/tariffs'),
};

/** Euros with cents, French style: 1 044,12 €. */
export const formatQuotient = (euros: number) => `${euros.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
/** A number of parts: 2,5. */
export const formatParts = (parts: number) => parts.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

export const SOURCE_LABELS: Record<string, string> = {
  declaration: 'Déclaration en ligne vérifiée par nos services',
  agent: 'Enregistré par le service Enfance',
  caf: 'Transmis par la CAF',
};
