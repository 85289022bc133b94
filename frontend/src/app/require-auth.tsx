import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/session-context';

/** The login URL that brings the user back to `path` afterwards. */
export function loginPath(path: string): string {
  return path && path !== '/' ? `/login?next=${encodeURIComponent(path)}` : '/login';
}

/**
 * Guards the app: waits for the silent session restore, and sends a
 * signed-out visitor to the login page remembering where they were going.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') {
    return (
      <Center h="100dvh" role="status" aria-label={t('auth.restoring')}>
        <Loader />
      </Center>
    );
  }
  if (session.status === 'signed-out') {
    const here = location.pathname + location.search + location.hash;
    return <Navigate to={session.reason === 'logged-out' ? '/login' : loginPath(here)} replace />;
  }
  return <Outlet />;
}
