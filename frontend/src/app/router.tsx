import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
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
const LoginRoute = lazy(loaders.login);
const CustomersRoute = lazy(loaders.customers);
const CustomerRoute = lazy(loaders.customer);
const NewCustomerRoute = lazy(loaders.newCustomer);
const SettingsLayout = lazy(loaders.settings);
const RelationshipTypesRoute = lazy(loaders.relationshipTypes);
const UsersRoute = lazy(loaders.users);
const ApiTokensRoute = lazy(loaders.apiTokens);
const NotFoundRoute = lazy(loaders.notFound);
const DashboardRoute = lazy(loaders.dashboard);
const ComplaintsRoute = lazy(loaders.complaints);
const ComplaintRoute = lazy(loaders.complaint);
const AlertsRoute = lazy(loaders.alerts);
const WinBackRoute = lazy(loaders.winBack);
const ValueRoute = lazy(loaders.value);
const PlaybooksRoute = lazy(loaders.playbooks);
const AuditLogRoute = lazy(loaders.auditLog);
const WorkspaceRoute = lazy(loaders.workspace);

/** Starts fetching the code of the route at `path` (best effort). */
export function prefetchRoute(path: string): void {
  const p = path.replace(/\/+$/, '') || '/';
  const wanted: (keyof typeof loaders)[] =
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
  const workflow: (keyof typeof loaders)[] =
    p === '/' || p === '/dashboard'
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
  for (const w of [...wanted.filter((x) => !(p === '/' && x === 'customers')), ...workflow]) void loaders[w]().catch(() => {});
}

function page(Component: LazyExoticComponent<ComponentType>) {
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

prefetchRoute(window.location.pathname);
const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
