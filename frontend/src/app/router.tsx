import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ComingSoon } from '@/components/coming-soon';
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
  for (const w of wanted) void loaders[w]().catch(() => {});
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
          { index: true, element: <Navigate to="/customers" replace /> },
          // Placeholders until their API lands; each says so, translated.
          { path: 'dashboard', element: <ComingSoon section="dashboard" /> },
          { path: 'complaints', element: <ComingSoon section="complaints" /> },
          { path: 'alerts', element: <ComingSoon section="alerts" /> },
          { path: 'win-back', element: <ComingSoon section="winBack" /> },
          { path: 'value', element: <ComingSoon section="value" /> },
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
              { path: 'playbooks', element: <ComingSoon section="playbooks" withHeader={false} /> },
              { path: 'audit', element: <ComingSoon section="audit" withHeader={false} /> },
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
