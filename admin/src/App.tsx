// Route table of the back office, under /admin/. Every page needs a staff session: nobody
// connected → the login form in place; a parent → told this space is the municipality's.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { findRoute, useFocusMainOnNavigation, useRouter } from '../../renderer/src/router.js';
import { useSession } from '../../renderer/src/session.js';
import { Loading } from '../../renderer/src/ui.js';
import { AdminShell } from './layout/AdminShell.js';
import { innerPath } from './paths.js';

type Params = Record<string, string>;
type Page = LazyExoticComponent<ComponentType<{ params: Params }>>;
interface Route {
  path: string;
  page: Page;
  public?: boolean;
  adminOnly?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Params }> }>): Page => lazy(load);

const Login = page(() => import('./pages/Login.js'));
const StaffOnly = page(() => import('./pages/StaffOnly.js'));
const AdminsOnly = page(() => import('./pages/AdminsOnly.js'));
const NotFound = page(() => import('./pages/NotFound.js'));
const SecondFactor = page(() => import('./security/SecondFactorPage.js'));
const routes: Route[] = [
  { path: '/connexion', page: Login, public: true },
  { path: '/', page: page(() => import('./pages/QueuesPage.js')) },
  { path: '/pris-en-charge', page: page(() => import('./pages/MinePage.js')) },
  { path: '/securite', page: SecondFactor },
  // JSONForms definitions and previews: only loaded when a dossier is opened.
  { path: '/dossiers/:id', page: page(() => import('./pages/DossierPage.js')) },
  { path: '/activites', page: page(() => import('./activities/ActivitiesPage.js')) },
  { path: '/activites/nouvelle', page: page(() => import('./activities/ActivityEditPage.js')), adminOnly: true },
  { path: '/activites/:id', page: page(() => import('./activities/ActivityEditPage.js')), adminOnly: true },
  { path: '/presences', page: page(() => import('./activities/AttendancePage.js')) },
  { path: '/agents', page: page(() => import('./pages/AgentsPage.js')), adminOnly: true },
  { path: '/factures', page: page(() => import('./billing/InvoicesPage.js')) },
  { path: '/factures/:id', page: page(() => import('./billing/InvoicePage.js')) },
  { path: '/paiements', page: page(() => import('./payments/PaymentsPage.js')) },
  { path: '/prelevements', page: page(() => import('./payments/DebitRunsPage.js')) },
  { path: '/facturation', page: page(() => import('./billing/InvoicingRunPage.js')) },
  // Definition editor (CodeMirror, preview): its own chunks, for administrators only.
  { path: '/demarches', page: page(() => import('./definitions/DefinitionsPage.js')), adminOnly: true },
  { path: '/demarches/:code', page: page(() => import('./definitions/EditorPage.js')), adminOnly: true },
];

export function App() {
  const { location } = useRouter();
  const { user } = useSession();
  useFocusMainOnNavigation();
  const found = findRoute(routes, innerPath(location.pathname));
  let Current: Page = found?.route.page ?? NotFound;
  if (found && !found.route.public) {
    if (user === undefined) return <AdminShell><Loading /></AdminShell>;
    if (user === null) Current = Login;
    else if (user.role === 'parent') Current = StaffOnly;
    // Second factor first: the code after the password, or (production) the enrolment.
    else if (user.pending === 'totp') Current = Login;
    else if (user.pending === 'enrol') Current = SecondFactor;
    else if (found.route.adminOnly && user.role !== 'admin') Current = AdminsOnly;
  }
  return (
    <AdminShell>
      <Suspense fallback={<Loading />}>
        <Current params={found?.params ?? {}} />
      </Suspense>
    </AdminShell>
  );
}
