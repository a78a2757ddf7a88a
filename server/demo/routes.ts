// Demo only: the mails captured locally when no SMTP server is configured, so the first
// connection works out of the box. Answers 404 whenever SMTP is set or in production.
import type { RouteDef } from '../http/routes.js';
import { notFound } from '../http/errors.js';

export const demoRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/demo/mails', roles: ['public'],
    summary: 'Mails capturés (démonstration seulement, sans serveur SMTP ; 404 sinon)',
    handler: async ({ deps }) => {
      if (!deps.config.demo || !deps.mail.list) throw notFound('Page');
      return { items: await deps.mail.list() };
    },
  },
];
