// The outcome report of « Enregistrer » and of « Semaine type »: results grouped by child,
// activity, outcome and reason, each group with its dates and amount. Pure.
import type { BookingResult, Outcome } from './client.js';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  booked: 'Réservé',
  requested: 'Réservé à confirmer',
  waiting: 'Liste d’attente',
  cancelled: 'Annulé',
  refused: 'Refusé',
};

export const outcomeLabel = (r: Pick<BookingResult, 'outcome' | 'action'>) =>
  r.outcome === 'refused' && r.action === 'cancel' ? 'Annulation refusée' : OUTCOME_LABELS[r.outcome];

export interface ReportGroup {
  childId: string;
  activityId: string;
  outcome: Outcome;
  label: string;
  reason: string;
  dates: string[];
  amountCents: number;
  waitingRanks: number[];
}

const ORDER: Outcome[] = ['booked', 'requested', 'waiting', 'cancelled', 'refused'];

export function groupResults(results: BookingResult[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const r of results) {
    const label = outcomeLabel(r);
    const reason = r.reason ?? '';
    const key = [r.childId, r.activityId, label, reason].join('|');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { childId: r.childId, activityId: r.activityId, outcome: r.outcome, label, reason, dates: [], amountCents: 0, waitingRanks: [] }));
    g.dates.push(r.date);
    // As the server's total: new bookings only ("Déjà demandé" ones were counted before).
    if ((r.outcome === 'booked' || r.outcome === 'requested') && !r.reason) g.amountCents += r.priceCents ?? 0;
    if (r.waitingRank) g.waitingRanks.push(r.waitingRank);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, dates: g.dates.sort() }))
    .sort((a, b) => a.childId.localeCompare(b.childId) || a.activityId.localeCompare(b.activityId) || ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome));
}
