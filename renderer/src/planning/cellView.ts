// What a calendar cell shows and what a click does, from the server's cell and the parent's
// not yet validated request (demande). Pure: the grid, the legend and the tests share it.
import type { Action, PlanningCell } from './client.js';
import { deadline } from './days.js';

/** The visual kinds of the legend (« Aide »). */
export type LookKey =
  | 'booked'
  | 'pendingBook'
  | 'pendingCancel'
  | 'cancelled'
  | 'requested'
  | 'waiting'
  | 'refused'
  | 'bookable'
  | 'full'
  | 'past'
  | 'closed'
  | 'blocked';

export interface CellView {
  look: LookKey;
  /** Main text (also the legend label). */
  label: string;
  /** Second line: price, rank, deadline or reason. */
  detail: string;
  /** What a click (Enter, Space) does, or null when nothing can be done. */
  next: { kind: 'mark'; action: Action } | { kind: 'unmark' } | null;
}

export const LABELS: Record<LookKey, string> = {
  booked: 'Réservé',
  pendingBook: 'Demande de réservation',
  pendingCancel: 'Demande d’annulation',
  cancelled: 'Annulé',
  requested: 'Réservé à confirmer',
  waiting: 'Liste d’attente',
  refused: 'Refusé',
  bookable: 'Réservable',
  full: 'Complet : liste d’attente',
  past: 'Hors délai',
  closed: 'Fermé',
  blocked: 'Réservation bloquée',
};

const euros = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

/** A reservation that still holds (or waits for) a place. */
export const isActive = (cell: PlanningCell) => ['booked', 'requested', 'waiting'].includes(cell.reservation?.status ?? '');

export function cellView(cell: PlanningCell, pending: Action | undefined): CellView {
  const r = cell.reservation;
  if (pending === 'book') return { look: 'pendingBook', label: LABELS.pendingBook, detail: [euros(cell.priceCents), cell.state === 'full' ? 'liste d’attente' : ''].filter(Boolean).join(', '), next: { kind: 'unmark' } };
  if (pending === 'cancel') return { look: 'pendingCancel', label: LABELS.pendingCancel, detail: 'à valider', next: { kind: 'unmark' } };
  if (r && isActive(cell)) {
    const look = r.status as 'booked' | 'requested' | 'waiting';
    const rank = look === 'waiting' && r.waitingRank ? `rang ${r.waitingRank}` : '';
    const until = cell.canCancel
      ? cell.cancelUntil ? `annulable jusqu’au ${deadline(cell.cancelUntil)}` : 'annulable'
      : 'hors délai d’annulation';
    return { look, label: LABELS[look], detail: [rank, euros(r.priceCents ?? cell.priceCents), until].filter(Boolean).join(', '), next: cell.canCancel ? { kind: 'mark', action: 'cancel' } : null };
  }
  const bookable = cell.canBook && (cell.state === 'bookable' || cell.state === 'full');
  const until = cell.bookUntil ? `jusqu’au ${deadline(cell.bookUntil)}` : '';
  if (r && (r.status === 'cancelled' || r.status === 'refused')) {
    // Red like the legend; still bookable again when the deadline allows.
    const detail = bookable ? ['réservable à nouveau', euros(cell.priceCents), until].filter(Boolean).join(', ') : cell.reason ?? '';
    return { look: r.status, label: LABELS[r.status], detail, next: bookable ? { kind: 'mark', action: 'book' } : null };
  }
  if (bookable) {
    const look = cell.state === 'full' ? 'full' : 'bookable';
    return { look, label: LABELS[look], detail: [euros(cell.priceCents), until].filter(Boolean).join(', '), next: { kind: 'mark', action: 'book' } };
  }
  const look = cell.state === 'bookable' || cell.state === 'full' ? 'past' : cell.state;
  return { look, label: LABELS[look], detail: cell.reason && cell.reason !== LABELS[look] ? cell.reason : '', next: null };
}

export const cellKey = (c: { childId: string; activityId: string; date: string }) => `${c.childId}|${c.activityId}|${c.date}`;
