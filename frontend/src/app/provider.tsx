import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { WorkspaceCurrencyProvider } from '@/lib/currency';
import { useSession, useSessionManager, SessionProvider } from '@/lib/session-context';
import type { SessionManager } from '@/lib/session';
import { createApiClient } from '@/lib/urql';
import { theme } from './theme';

/** One GraphQL client (and cache) per signed-in user; money in the workspace currency. */
function ApiProvider({ children }: { children: ReactNode }) {
  const manager = useSessionManager();
  const state = useSession();
  const userId = state.status === 'signed-in' ? state.user.id : null;
  const api = useMemo(() => createApiClient(manager), [manager, userId]);
  useEffect(() => () => api.dispose(), [api]);
  return (
    <UrqlProvider value={api.client}>
      <WorkspaceCurrencyProvider>{children}</WorkspaceCurrencyProvider>
    </UrqlProvider>
  );
}

export function AppProvider({ session, children }: { session: SessionManager; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" zIndex={1000} />
      <SessionProvider manager={session}>
        <ApiProvider>{children}</ApiProvider>
      </SessionProvider>
    </MantineProvider>
  );
}
