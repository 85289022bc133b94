import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Role } from '@/gql/graphql';
import type { SessionManager, SessionState, SessionUser } from './session';

const SessionContext = createContext<SessionManager | null>(null);

export function SessionProvider({ manager, children }: { manager: SessionManager; children: ReactNode }) {
  return <SessionContext.Provider value={manager}>{children}</SessionContext.Provider>;
}

export function useSessionManager(): SessionManager {
  const m = useContext(SessionContext);
  if (!m) throw new Error('useSessionManager outside SessionProvider');
  return m;
}

export function useSession(): SessionState {
  const m = useSessionManager();
  return useSyncExternalStore(m.subscribe, m.getState, m.getState);
}

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useCurrentUser(): SessionUser {
  const s = useSession();
  if (s.status !== 'signed-in') throw new Error('useCurrentUser without a session');
  return s.user;
}

/**
 * What the user's role allows, mirroring the API's access rules so the UI
 * hides what would be refused. The API still decides.
 */
export function permissionsOf(role: Role) {
  const leader = role === 'ADMIN' || role === 'MANAGER';
  return {
    writeCustomers: role !== 'VIEWER',
    reassignCustomers: leader,
    manageContracts: leader,
    manageUsers: role === 'ADMIN',
    manageTokens: role === 'ADMIN',
  };
}

export type Permissions = ReturnType<typeof permissionsOf>;

export function usePermissions(): Permissions {
  return permissionsOf(useCurrentUser().role);
}
