import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { LoadingState } from '@/components/states';
import { AppLayout } from './layout/app-layout';
import { RequireAuth } from './require-auth';
import { RouteErrorView } from './route-error';

// Route modules are loaded on demand. The one for the address the page was
// opened at starts loading at once, in parallel with the session restore,
// instead of after it.
const loaders = {
  login: () => import('./routes/login'),
  customers: () => import('./routes/customers/customers'),
  customer: () => import('./routes/customers/customer'),
  newCustomer: () => import('./routes/customers/new-customer'),
  settings: () => import('./routes/settings/settings-layout'),
  relationshipTypes: () => import('./routes/settings/relationship-types'),
  users: () => import('./routes/settings/users'),
  apiTokens: () => import('./routes/settings/api-tokens'),
  notFound: () => import('./routes/not-found'),
  dashboard: () => import('./routes/dashboard/dashboard'),
  complaints: () => import('./routes/complaints/complaints'),
  complaint: () => import('./routes/complaints/complaint'),
  alerts: () => import('./routes/alerts/alerts'),
  winBack: () => import('./routes/win-back/win-back'),
  value: () => import('./routes/value/value'),
  playbooks: () => import('./routes/settings/playbooks'),
  auditLog: () => import('./routes/settings/audit-log'),
  workspace: () => import('./routes/settings/workspace'),
};
type RouteName = keyof typeof loaders;

// Route components whose code has arrived. A route found here renders at once;
// otherwise it suspends, and React holds a Suspense boundary's content back
// for up to 300 ms after its fallback showed, which delayed every full page
// load (and the first GraphQL query of the page) although the code was
// prefetched long before.
const loadedRoutes = new Map<RouteName, ComponentType>();

function loadRoute(name: RouteName): Promise<{ default: ComponentType }> {
  return loaders[name]().then((m) => {
    loadedRoutes.set(name, m.default);
    return m;
  });
}

function lazyRoute(name: RouteName): ComponentType {
  const Lazy = lazy(() => loadRoute(name));
  return function Route() {
    const Loaded = loadedRoutes.get(name);
    return Loaded ? <Loaded /> : <Lazy />;
  };
}

const LoginRoute = lazyRoute('login');
const CustomersRoute = lazyRoute('customers');
const CustomerRoute = lazyRoute('customer');
const NewCustomerRoute = lazyRoute('newCustomer');
const SettingsLayout = lazyRoute('settings');
const RelationshipTypesRoute = lazyRoute('relationshipTypes');
const UsersRoute = lazyRoute('users');
const ApiTokensRoute = lazyRoute('apiTokens');
const NotFoundRoute = lazyRoute('notFound');
const DashboardRoute = lazyRoute('dashboard');
const ComplaintsRoute = lazyRoute('complaints');
const ComplaintRoute = lazyRoute('complaint');
const AlertsRoute = lazyRoute('alerts');
const WinBackRoute = lazyRoute('winBack');
const ValueRoute = lazyRoute('value');
const PlaybooksRoute = lazyRoute('playbooks');
const AuditLogRoute = lazyRoute('auditLog');
const WorkspaceRoute = lazyRoute('workspace');

/** Starts fetching the code of the route at `path` (best effort; a query string may follow). */
export function prefetchRoute(path: string): void {
  const [pathname, search = ''] = path.split('?');
  const p = pathname.replace(/\/+$/, '') || '/';
  const wanted: RouteName[] =
    p === '/' || p === '/customers'
      ? ['customers']
      : p === '/customers/new'
        ? ['newCustomer']
        : p.startsWith('/customers/')
          ? ['customer']
          : p.startsWith('/settings')
            ? ['settings', p.includes('users') ? 'users' : p.includes('api-tokens') ? 'apiTokens' : 'relationshipTypes']
            : p === '/login'
              ? ['login']
              : [];
  // Signing in without a page to return to lands on the dashboard.
  const landing = p === '/login' && !new URLSearchParams(search).get('next');
  const workflow: RouteName[] =
    p === '/' || p === '/dashboard' || landing
      ? ['dashboard']
      : p === '/complaints'
        ? ['complaints']
        : p.startsWith('/complaints/')
          ? ['complaint']
          : p.startsWith('/alerts')
            ? ['alerts']
            : p.startsWith('/win-back')
              ? ['winBack']
              : p.startsWith('/value')
                ? ['value']
                : p.startsWith('/settings/playbooks')
                  ? ['playbooks']
                  : p.startsWith('/settings/audit')
                    ? ['auditLog']
                    : p.startsWith('/settings/workspace')
                      ? ['workspace']
                      : [];
  for (const w of [...wanted.filter((x) => !(p === '/' && x === 'customers')), ...workflow]) void loadRoute(w).catch(() => {});
}

function page(Component: ComponentType) {
  return (
    <Suspense fallback={<LoadingState />}>
      <Component />
    </Suspense>
  );
}

export const routes = [
  { path: '/login', element: page(LoginRoute), errorElement: <RouteErrorView /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorView />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/dashboard" replace /> },
          { path: 'dashboard', element: page(DashboardRoute) },
          { path: 'complaints', element: page(ComplaintsRoute) },
          { path: 'complaints/:id', element: page(ComplaintRoute) },
          { path: 'alerts', element: page(AlertsRoute) },
          { path: 'win-back', element: page(WinBackRoute) },
          { path: 'value', element: page(ValueRoute) },
          { path: 'customers', element: page(CustomersRoute) },
          { path: 'customers/new', element: page(NewCustomerRoute) },
          { path: 'customers/:id', element: page(CustomerRoute) },
          {
            path: 'settings',
            element: page(SettingsLayout),
            children: [
              { index: true, element: <Navigate to="relationship-types" replace /> },
              { path: 'relationship-types', element: page(RelationshipTypesRoute) },
              { path: 'users', element: page(UsersRoute) },
              { path: 'api-tokens', element: page(ApiTokensRoute) },
              { path: 'playbooks', element: page(PlaybooksRoute) },
              { path: 'audit', element: page(AuditLogRoute) },
              { path: 'workspace', element: page(WorkspaceRoute) },
            ],
          },
          { path: '*', element: page(NotFoundRoute) },
        ],
      },
    ],
  },
];

prefetchRoute(window.location.pathname + window.location.search);
const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
