// Typed client for the booking API (server/API.md, « Réservations (issue 8) »).
import { request } from '../api.js';

/** What is possible on a date for a child and an activity. */
export type CellState = 'bookable' | 'past' | 'closed' | 'full' | 'blocked';
export type ReservationStatus = 'booked' | 'requested' | 'waiting' | 'cancelled' | 'refused';
export type Outcome = ReservationStatus;
export type Action = 'book' | 'cancel';

export interface PlanningChild {
  id: string;
  firstName: string;
}
export interface PlanningActivity {
  id: string;
  code: string;
  name: string;
  kind: string;
  childIds: string[];
}
export interface PlanningCell {
  childId: string;
  activityId: string;
  date: string;
  state: CellState;
  reason: string | null;
  priceCents: number | null;
  bookUntil: string | null;
  cancelUntil: string | null;
  canBook: boolean;
  canCancel: boolean;
  reservation: { id: string; status: ReservationStatus; waitingRank: number | null; priceCents: number | null } | null;
}
export interface Planning {
  from: string;
  to: string;
  children: PlanningChild[];
  activities: PlanningActivity[];
  cells: PlanningCell[];
  legend?: { key: string; label: string }[];
}
export interface BookingRequest {
  childId: string;
  activityId: string;
  date: string;
  action: Action;
}
export interface BookingResult extends BookingRequest {
  outcome: Outcome;
  reason: string | null;
  priceCents: number | null;
  waitingRank: number | null;
}
export interface BookingSummary {
  booked: number;
  requested: number;
  waiting: number;
  cancelled: number;
  refused: number;
  totalCents: number;
}
export interface BookingReport {
  results: BookingResult[];
  summary: BookingSummary;
}
export interface TemplateWeek {
  from: string;
  to: string;
  every: 1 | 2;
  pattern: { childId: string; activityId: string; weekdays: number[] }[];
}
export interface ReservationItem {
  id: string;
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  date: string;
  status: ReservationStatus;
  statusLabel: string;
  priceCents: number | null;
}
export interface ReservationFilter {
  childId?: string;
  activityId?: string;
  status?: string;
  from?: string;
  to?: string;
}

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

export const planningApi = {
  /** Without `from`, the server's today (its clock decides what is past). */
  planning: (from: string | undefined, days: number, filter: { childId?: string; activityId?: string } = {}) =>
    request<Planning>('GET', `/api/planning${query({ from, days, ...filter })}`),
  send: (requests: BookingRequest[]) => request<BookingReport>('POST', '/api/planning/requests', { requests }),
  template: (week: TemplateWeek) => request<BookingReport>('POST', '/api/planning/template', week),
  reservations: (filter: ReservationFilter) =>
    request<{ items: ReservationItem[] }>('GET', `/api/reservations${query({ ...filter })}`),
  calendarFeed: (childId: string) => request<{ url: string }>('GET', `/api/children/${enc(childId)}/calendar-feed`),
  regenerateCalendarFeed: (childId: string) => request<{ url: string }>('POST', `/api/children/${enc(childId)}/calendar-feed`),
};
