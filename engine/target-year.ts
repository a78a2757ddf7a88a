// The school year a dossier is for. Usually the current one; a démarche open on a yearly
// window that runs into the next school year (e.g. "06-01" to "10-31": subscriptions open
// in June) is, while that window is open, about the school year of its last day.
import { schoolYearOf } from './dates.js';
import type { ProcedureSpec } from './types.js';

export interface WindowedProcedure {
  spec: Pick<ProcedureSpec, 'availability'>;
  window(today: string): { opens?: string; closes?: string };
}

/** The school year a dossier started on `today` is for. */
export function targetSchoolYearOn(procedure: WindowedProcedure, today: string): string {
  const { opensOn, closesOn } = procedure.spec.availability ?? {};
  const yearly = opensOn?.length === 5 && closesOn?.length === 5;
  const { opens, closes } = procedure.window(today);
  const open = !!opens && !!closes && opens <= today && today <= closes;
  return yearly && open ? schoolYearOf(closes!) : schoolYearOf(today);
}
