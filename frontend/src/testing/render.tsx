import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider, type Client } from 'urql';
import { never } from 'wonka';
import { theme } from '@/app/theme';
import { SessionManager, type AuthApi } from '@/lib/session';
import { SessionProvider } from '@/lib/session-context';

export const testUser = { id: 'u-1', email: 'agent1@retain.demo', name: 'Agent One', role: 'AGENT' as const, locale: 'en', version: 1 };

export function fakeAuthApi(overrides: Partial<AuthApi> = {}): AuthApi {
  return {
    login: async () => ({ ok: false, error: { kind: 'unauthenticated', message: 'no' } }),
    refresh: async () => ({ ok: false, error: { kind: 'unauthenticated', message: 'no' } }),
    logout: async () => {},
    ...overrides,
  };
}

/** A signed-in session for component tests. */
export async function signedInSession(role: typeof testUser.role | 'ADMIN' | 'MANAGER' | 'VIEWER' = 'AGENT'): Promise<SessionManager> {
  const s = new SessionManager({
    api: fakeAuthApi({
      refresh: async () => ({
        ok: true,
        session: { accessToken: 'tok', accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(), user: { ...testUser, role } },
      }),
    }),
    setTimer: () => 0,
    clearTimer: () => {},
  });
  await s.restore();
  return s;
}

/** A urql client double: each operation is answered by `respond`. */
export function mockClient(respond: Partial<Pick<Client, 'executeQuery' | 'executeMutation'>>): Client {
  return {
    executeQuery: respond.executeQuery ?? (() => never),
    executeMutation: respond.executeMutation ?? (() => never),
    executeSubscription: () => never,
  } as unknown as Client;
}

export function renderWithProviders(
  ui: ReactElement,
  { client = mockClient({}), session, route = '/' }: { client?: Client; session?: SessionManager; route?: string } = {},
) {
  const s = session ?? new SessionManager({ api: fakeAuthApi() });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <SessionProvider manager={s}>
        <UrqlProvider value={client}>
          <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
        </UrqlProvider>
      </SessionProvider>
    </MantineProvider>
  );
  return render(ui, { wrapper: Wrapper });
}
