// The agents' and administrators' activity API: agents read activities, take the list of
// children booked on a day, record attendance and confirm bookings; only administrators
// create or change an activity (capacity, deadlines, opening calendar, tariff, schools, ages).
import { parisDate, schoolYearOf } from '../../engine/index.js';
import { deadlineFor, formatDeadline, parseDeadline } from '../../engine/calendar/deadlines.js';
import { addDays, isoWeekday } from '../../engine/calendar/days.js';
import type { AppDeps } from '../deps.js';
import type { RouteDef } from '../http/routes.js';
import { AppError } from '../http/errors.js';
import { object, str } from '../http/validate.js';
import { attendanceList, confirmReservation, recordAttendance } from './attendance.js';
import { createActivity, getActivity, listActivities, updateActivity } from './repository.js';
import { activityBody, attendanceBody, dayQuery, idParams, yearQuery } from './schema.js';
import { fieldError } from './tariff-input.js';
import { checkActivity, type ActivityInput } from './validate.js';

const STAFF = ['agent', 'admin'] as const;
const currentYear = (deps: AppDeps) => schoolYearOf(parisDate(deps.clock.now()));

// A concurrent write of the same code passes the check and hits the unique index.
async function uniqueCode<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('INVALID_INPUT', 'L’activité n’est pas enregistrée : corrigez les champs signalés.', [fieldError('/code', `Le code « ${code} » est déjà utilisé par une autre activité.`)]);
    }
    throw error;
  }
}

/** A deadline text read back, with the instant it gives for an example date (live help of the form). */
function deadlinePreview(text: string, date: string) {
  const parsed = parseDeadline(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const until = deadlineFor(parsed.rule, date);
  const when = until.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  const day = new Date(`${date}T12:00:00Z`).toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return { ok: true, text: formatDeadline(parsed.rule), example: { date, until: until.toISOString(), sentence: `Pour le ${day} : jusqu’au ${when}.` } };
}

/** The example date of the preview: the first weekday two weeks ahead. */
function exampleDay(today: string): string {
  let day = addDays(today, 14);
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
}

const sampleActivity = {
  code: 'TEST-POLICY', name: 'Activité de test', kind: 'wednesday', capacity: 10, schoolIds: ['00000000-0000-4000-8000-000000007331'],
  deadlineRules: { book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00' }, calendar: { zone: 'A', opens: ['wednesdays'] },
  tariff: { kind: 'effortRate', ratePercent: 1, minCents: 0, maxCents: 100 }, validation: 'automatic', active: true,
};

export const activityRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/agent/activities', roles: [...STAFF], query: yearQuery,
    summary: 'Activités avec leurs règles (tranches de tarif de l’année scolaire demandée, par défaut l’année en cours)',
    handler: ({ deps, query }) => listActivities(deps.db, query.schoolYear ?? currentYear(deps)),
  },
  {
    method: 'GET', path: '/api/agent/activities/:id', roles: [...STAFF], params: idParams, query: yearQuery,
    summary: 'Une activité avec ses règles (tranches de tarif de l’année scolaire demandée)',
    handler: ({ deps, params, query }) => getActivity(deps.db, params.id, query.schoolYear ?? currentYear(deps)),
  },
  {
    method: 'POST', path: '/api/agent/activities', roles: ['admin'], body: activityBody, sampleBody: sampleActivity,
    summary: 'Crée une activité (administrateurs)',
    handler: async ({ deps, user, body }) => {
      const checked = await checkActivity(deps.db, body as ActivityInput);
      return uniqueCode(checked.code, () => createActivity(deps.db, user!, checked, currentYear(deps)));
    },
  },
  {
    method: 'PUT', path: '/api/agent/activities/:id', roles: ['admin'], params: idParams, body: activityBody, sampleBody: sampleActivity,
    summary: 'Modifie une activité (administrateurs) : tout est vérifié avant d’écrire',
    handler: async ({ deps, user, params, body }) => {
      await getActivity(deps.db, params.id, currentYear(deps));
      const checked = await checkActivity(deps.db, body as ActivityInput, params.id);
      return uniqueCode(checked.code, () => updateActivity(deps.db, user!, params.id, checked, currentYear(deps)));
    },
  },
  {
    method: 'GET', path: '/api/agent/deadline-preview', roles: [...STAFF],
    query: object({ text: str(200), date: { type: 'string', format: 'date' } }, ['text']),
    summary: 'Lit un délai écrit dans la grammaire (« J-2 ouvrés à 12:00 ») et donne son échéance pour une date exemple',
    handler: ({ deps, query }) => deadlinePreview(query.text, query.date ?? exampleDay(parisDate(deps.clock.now()))),
  },
  {
    method: 'GET', path: '/api/agent/schools', roles: [...STAFF],
    summary: 'Écoles de la commune (choix des écoles d’une activité)',
    handler: async ({ deps }) => (await deps.db('schools').orderBy('name').select('id', 'code', 'name', 'level', 'holiday_zone'))
      .map((s) => ({ id: s.id, code: s.code, name: s.name, level: s.level, holidayZone: s.holiday_zone })),
  },
  {
    method: 'GET', path: '/api/agent/activities/:id/attendance', roles: [...STAFF], params: idParams, query: dayQuery,
    summary: 'Liste des enfants réservés pour une activité et un jour (et liste d’attente), à imprimer et pointer',
    handler: ({ deps, user, params, query }) => attendanceList(deps, user!, params.id, query.date),
  },
  {
    method: 'PUT', path: '/api/agent/reservations/:id/attendance', roles: [...STAFF], params: idParams, body: attendanceBody,
    sampleBody: { attendance: 'present' },
    summary: 'Présent / absent justifié / absent non justifié (null efface)',
    handler: async ({ deps, user, params, body }) => {
      await recordAttendance(deps, user!, params.id, body.attendance);
      return undefined;
    },
  },
  {
    method: 'POST', path: '/api/agent/reservations/:id/confirm', roles: [...STAFF], params: idParams,
    summary: 'Confirme une réservation « réservé à confirmer » (validation par un agent)',
    handler: ({ deps, user, params }) => confirmReservation(deps, user!, params.id),
  },
];
