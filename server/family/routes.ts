// The family record and "Ma boîte de réception famille".
import type { RouteDef } from '../http/routes.js';
import { notFound } from '../http/errors.js';
import { object } from '../http/validate.js';
import { readFamily } from '../household/repository.js';
import type { Db } from '../db.js';

async function anInboxIdOf(db: Db, familyId: string): Promise<string | undefined> {
  const row = await db('inbox').where({ family_id: familyId }).first('id');
  return row ? String(row.id) : undefined;
}

export const familyRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/family', roles: ['parent'],
    summary: 'Le dossier famille : responsables, enfants et scolarité, contacts, adresse, autorisations',
    handler: async ({ deps, user }) => (await readFamily(deps.db, user!.familyId!, { now: deps.clock.now() })) ?? Promise.reject(notFound('Famille')),
  },
  {
    method: 'GET', path: '/api/inbox', roles: ['parent'],
    summary: "Ma boîte de réception famille : les mails envoyés à la famille, NEW tant qu'ils ne sont pas ouverts",
    query: object({ limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }, []),
    handler: async ({ deps, user, query }) => {
      const familyId = user!.familyId!;
      const items = await deps.db('inbox').where({ family_id: familyId }).orderBy('sent_at', 'desc').orderBy('id', 'desc')
        .limit(query.limit).select('id', 'subject', 'body', 'sent_at', 'read_at');
      const [counts] = await deps.db('inbox').where({ family_id: familyId })
        .select(deps.db.raw('count(*) as total'), deps.db.raw('count(*) filter (where read_at is null) as unread'));
      return {
        items: items.map((r) => ({ id: String(r.id), subject: r.subject, body: r.body, sentAt: r.sent_at, readAt: r.read_at })),
        unread: Number(counts.unread),
        total: Number(counts.total),
      };
    },
  },
  {
    method: 'POST', path: '/api/inbox/:id/read', roles: ['parent'],
    summary: 'Marquer un message de la boîte de réception comme lu',
    params: object({ id: { type: 'string', pattern: '^[0-9]{1,18}$' } }),
    familyOwned: { id: anInboxIdOf },
    handler: async ({ deps, user, params }) => {
      const updated = await deps.db('inbox').where({ id: params.id, family_id: user!.familyId }).whereNull('read_at').update({ read_at: deps.clock.now() });
      if (!updated && !(await deps.db('inbox').where({ id: params.id, family_id: user!.familyId }).first('id'))) throw notFound('Message');
      return undefined;
    },
  },
];
