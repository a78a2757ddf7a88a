// Every HTTP route of the portal, by module. To add a module: export a RouteDef[] and add
// it here — that is the whole registration (policies and isolation tests pick it up).
import type { RouteDef } from './routes.js';
import { authRoutes } from '../auth/routes.js';
import { meRoutes } from '../auth/me-routes.js';
import { familyRoutes } from '../family/routes.js';
import { demoRoutes } from '../demo/routes.js';
import { dossierRoutes } from '../dossiers/routes.js';
import { backofficeRoutes } from '../backoffice/routes.js';
import { authoringRoutes } from '../catalog/routes.js';
import { activityRoutes } from '../activities/routes.js';
import { healthRoutes } from '../health/routes.js';
import { totpRoutes } from '../auth/totp-routes.js';
import { openApiRoutes } from './openapi-routes.js';
import { invoicingRoutes } from '../billing/invoicing-routes.js';
import { paymentRoutes } from '../payments/routes.js';
import { bookingRoutes } from '../booking/routes.js';
import { quotientRoutes } from '../billing/quotient-routes.js';
import { privacyRoutes } from '../privacy/routes.js';

export const routeModules: Record<string, RouteDef[]> = {
  auth: authRoutes,
  me: meRoutes,
  family: familyRoutes,
  demo: demoRoutes,
  dossiers: dossierRoutes,
  backoffice: backofficeRoutes,
  authoring: authoringRoutes,
  activities: activityRoutes,
  health: healthRoutes,
  secondFactor: totpRoutes,
  openapi: openApiRoutes,
  invoicing: invoicingRoutes,
  payments: paymentRoutes,
  booking: bookingRoutes,
  quotient: quotientRoutes,
  privacy: privacyRoutes,
};

export function routeTable(extra: RouteDef[] = []): RouteDef[] {
  return [...Object.values(routeModules).flat(), ...extra];
}
