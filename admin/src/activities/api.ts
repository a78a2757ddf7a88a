// The back office's client for server/activities/routes.ts (activities, attendance lists).
import { request } from '../api.js';

export type Kind = 'canteen' | 'before_school' | 'after_school' | 'wednesday' | 'holiday';
export type OpensOn = 'schoolDays' | 'wednesdays' | 'holidays';
export type Attendance = 'present' | 'absent_justified' | 'absent_unjustified';

export interface Band {
  qfMin: number;
  qfMax: number | null;
  priceCents: number;
}
export type Tariff =
  | { mode: 'bands'; schoolYear: string; bands: Band[] }
  | { kind: 'effortRate'; ratePercent: number; minCents: number; maxCents: number };

export interface ActivityCalendar {
  zone: 'A' | 'B' | 'C';
  opens: OpensOn[];
  weekdays?: number[];
  closedDays?: string[];
}

export interface Activity {
  id: string;
  code: string;
  name: string;
  kind: Kind;
  capacity: number | null;
  minAgeMonths: number | null;
  maxAgeMonths: number | null;
  schoolIds: string[];
  deadlineRules: { book: string; cancel: string };
  calendar: ActivityCalendar;
  tariff: Tariff;
  validation: 'automatic' | 'manual';
  active: boolean;
  unpaidBlockCents: number | null;
  /** Capacity per age group (null/absent = the activity's capacity for every child). */
  ageGroups?: AgeGroup[] | null;
}
export type ActivityInput = Omit<Activity, 'id'>;

export interface AgeGroup { key: string; label: string; minAgeMonths: number; maxAgeMonths: number; capacity: number }

export interface School {
  id: string;
  code: string;
  name: string;
  level: string;
  holidayZone: string;
}

export type DeadlinePreview =
  | { ok: true; text: string; example: { date: string; until: string; sentence: string } }
  | { ok: false; message: string };

export interface AttendanceRow {
  reservationId: string;
  childId: string;
  childName: string;
  className: string | null;
  schoolName: string | null;
  status: string;
  statusLabel: string;
  attendance: Attendance | null;
  waitingRank?: number;
  allergies?: true;
}
export interface AttendanceList {
  activity: { id: string; code: string; name: string; kind: Kind; validation: string };
  date: string;
  opening: { open: true } | { open: false; reason: string };
  capacity: number | null;
  booked: AttendanceRow[];
  waiting: AttendanceRow[];
}

export const KIND_LABEL: Record<Kind, string> = {
  canteen: 'Restauration scolaire',
  before_school: 'Accueil du matin',
  after_school: 'Accueil du soir',
  wednesday: 'Mercredi',
  holiday: 'Vacances',
};
export const ATTENDANCE_LABEL: Record<Attendance, string> = {
  present: 'Présent',
  absent_justified: 'Absent justifié',
  absent_unjustified: 'Absent non justifié',
};

const enc = encodeURIComponent;

export const activitiesApi = {
  list: () => request<Activity[]>('GET', '/api/agent/activities'),
  get: (id: string, schoolYear?: string) => request<Activity>('GET', `/api/agent/activities/${enc(id)}${schoolYear ? `?schoolYear=${enc(schoolYear)}` : ''}`),
  create: (input: ActivityInput) => request<Activity>('POST', '/api/agent/activities', input),
  update: (id: string, input: ActivityInput) => request<Activity>('PUT', `/api/agent/activities/${enc(id)}`, input),
  schools: () => request<School[]>('GET', '/api/agent/schools'),
  deadlinePreview: (text: string) => request<DeadlinePreview>('GET', `/api/agent/deadline-preview?text=${enc(text)}`),
  attendance: (id: string, date: string) => request<AttendanceList>('GET', `/api/agent/activities/${enc(id)}/attendance?date=${enc(date)}`),
  record: (reservationId: string, attendance: Attendance | null) => request<void>('PUT', `/api/agent/reservations/${enc(reservationId)}/attendance`, { attendance }),
  confirm: (reservationId: string) => request<{ id: string; status: string }>('POST', `/api/agent/reservations/${enc(reservationId)}/confirm`),
};
