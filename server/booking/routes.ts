// The parents' reservations API (issue 8, server/API.md "Réservations"): planning, batch
// requests, template week, list, and the private iCalendar feed per child.
import type { RouteDef } from '../http/routes.js';
import { RAW } from '../http/routes.js';
import { notFound } from '../http/errors.js';
import { object, uuid } from '../http/validate.js';
import type { Db } from '../db.js';
import { parisDate } from '../../engine/dates.js';
import { applyTemplate, listReservations, planning, submitRequests } from './service.js';
import { feedText, feedUrl, regenerateFeed } from './ical.js';

const date = { type: 'string', format: 'date' };
const childOf = async (db: Db, familyId: string) => (await db('family_children').where({ family_id: familyId }).first('child_id'))?.child_id as string | undefined;

const request = object({ childId: uuid(), activityId: uuid(), date, action: { type: 'string', enum: ['book', 'cancel'] } });

export const bookingRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/planning', roles: ['parent'],
    summary: 'Planning des réservations : une case par enfant, activité et jour',
    query: object({ from: date, days: { type: 'integer', enum: [1, 5, 7], default: 7 }, childId: uuid(), activityId: uuid() }, []),
    handler: ({ deps, user, query }) => planning(deps, user!.familyId!, { ...query, from: query.from ?? parisDate(deps.clock.now()) }),
  },
  {
    method: 'POST', path: '/api/planning/requests', roles: ['parent'],
    summary: 'Validation / Enregistrer : toutes les demandes en une fois',
    body: object({ requests: { type: 'array', minItems: 1, maxItems: 500, items: request } }),
    handler: ({ deps, user, body }) => submitRequests(deps, user!.familyId!, body.requests),
  },
  {
    method: 'POST', path: '/api/planning/template', roles: ['parent'],
    summary: 'Semaine type appliquée sur une période, avec le compte rendu',
    body: object({
      from: date, to: date, every: { type: 'integer', enum: [1, 2] },
      pattern: {
        type: 'array', minItems: 1, maxItems: 40,
        items: object({ childId: uuid(), activityId: uuid(), weekdays: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 7 } } }),
      },
    }),
    handler: ({ deps, user, body }) => applyTemplate(deps, user!.familyId!, body),
  },
  {
    method: 'GET', path: '/api/reservations', roles: ['parent'],
    summary: 'Liste des réservations de la famille',
    query: object({ childId: uuid(), activityId: uuid(), status: { type: 'string', enum: ['booked', 'requested', 'waiting', 'cancelled', 'refused'] }, from: date, to: date }, []),
    handler: ({ deps, user, query }) => listReservations(deps, user!.familyId!, query),
  },
  {
    method: 'GET', path: '/api/children/:id/calendar-feed', roles: ['parent'],
    summary: "Adresse privée de l'agenda (iCalendar) de l'enfant, créée à la première demande",
    params: object({ id: uuid() }), familyOwned: { id: childOf },
    handler: ({ deps, user, params }) => feedUrl(deps, user!.familyId!, params.id),
  },
  {
    method: 'POST', path: '/api/children/:id/calendar-feed', roles: ['parent'],
    summary: "Nouvelle adresse de l'agenda ; l'ancienne ne fonctionne plus",
    params: object({ id: uuid() }), familyOwned: { id: childOf },
    handler: ({ deps, user, params }) => regenerateFeed(deps, user!.familyId!, params.id),
  },
  {
    method: 'GET', path: '/ical/:token.ics', roles: ['public'],
    summary: "Agenda iCalendar d'un enfant (adresse privée, sans session)",
    params: object({ token: { type: 'string', pattern: '^[0-9a-f]{64}$' } }),
    handler: async ({ deps, params, res }) => {
      const text = await feedText(deps, params.token);
      if (text === null) throw notFound('Agenda');
      res.status(200).set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }).send(text);
      return RAW;
    },
  },
];
