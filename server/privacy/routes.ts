// Right of access: a parent downloads everything stored about their family; an agent (or
// an administrator) exports it for a family who asked at the counter. Both are audited.
import type { RouteDef } from '../http/routes.js';
import { object, uuid } from '../http/validate.js';
import { exportFamily, type FamilyExport } from './export.js';

function asDownload(res: { set(h: Record<string, string>): unknown }, data: FamilyExport): FamilyExport {
  res.set({ 'Content-Disposition': `attachment; filename="donnees-famille-${data.exportedAt.slice(0, 10)}.json"` });
  return data;
}

export const privacyRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/me/export', roles: ['parent'],
    summary: 'Mes données : tout ce que le portail conserve sur la famille (JSON, données de santé et IBAN déchiffrés)',
    handler: async ({ deps, user, res }) => asDownload(res, await exportFamily(deps, user!.familyId!, user!)),
  },
  {
    method: 'GET', path: '/api/agent/families/:id/export', roles: ['agent', 'admin'],
    summary: "Export des données d'une famille (droit d'accès), inscrit au journal d'audit",
    params: object({ id: uuid() }),
    handler: async ({ deps, user, params, res }) => asDownload(res, await exportFamily(deps, params.id, user!)),
  },
];
