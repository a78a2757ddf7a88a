// Route table of the parents' app. Pages are lazy chunks; a page that needs a session shows
// the login form in place when nobody is connected, then comes back.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { AppShell } from './layout/AppShell.js';
import { findRoute, useFocusMainOnNavigation, useRouter } from './router.js';
import { useSession } from './session.js';

type Page = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
interface Route {
  path: string;
  page: Page;
  public?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>): Page => lazy(load);

const Login = page(() => import('./pages/Login.js'));
const routes: Route[] = [
  { path: '/connexion', page: Login, public: true },
  { path: '/mot-de-passe', page: page(() => import('./pages/PasswordLink.js')), public: true },
  { path: '/reinitialiser', page: page(() => import('./pages/ResetPassword.js')), public: true },
  { path: '/guide', page: page(() => import('./pages/Guide.js')), public: true },
  { path: '/mentions-legales', page: page(() => import('./pages/LegalNotice.js')), public: true },
  { path: '/', page: page(() => import('./pages/Home.js')) },
  { path: '/demarches/:code', page: page(() => import('./pages/ProcedurePage.js')) },
  { path: '/dossiers/:id', page: page(() => import('./pages/DossierPage.js')) },
  { path: '/messages', page: page(() => import('./pages/InboxPage.js')) },
  { path: '/enfants', page: page(() => import('./pages/Children.js')) },
  { path: '/enfants/:id', page: page(() => import('./pages/ChildSheet.js')) },
  { path: '/profil', page: page(() => import('./pages/Profile.js')) },
  { path: '/confirmer-courriel', page: page(() => import('./pages/ConfirmEmail.js')) },
  { path: '/contacts', page: page(() => import('./pages/Contacts.js')) },
  { path: '/factures', page: page(() => import('./pages/Invoices.js')) },
  { path: '/paiement/retour', page: page(() => import('./pages/PaymentReturn.js')) },
  { path: '/tarifs', page: page(() => import('./pages/Tariffs.js')) },
  { path: '/quotient', page: page(() => import('./pages/Quotient.js')) },
  { path: '/planning', page: page(() => import('./pages/Planning.js')) },
];
const NotFound = page(() => import('./pages/NotFound.js'));

function Loading() {
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
      <CircularProgress aria-label="Chargement en cours" />
    </Box>
  );
}

export function App() {
  const { location } = useRouter();
  const { user } = useSession();
  useFocusMainOnNavigation();
  const found = findRoute(routes, location.pathname);
  let Current: Page = found?.route.page ?? NotFound;
  if (found && !found.route.public) {
    if (user === undefined) return <AppShell><Loading /></AppShell>;
    if (user === null) Current = Login;
  }
  return (
    <AppShell>
      <Suspense fallback={<Loading />}>
        <Current params={found?.params ?? {}} />
      </Suspense>
    </AppShell>
  );
}
