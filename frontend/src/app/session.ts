import { createAuthApi } from '@/lib/auth-api';
import { SessionManager } from '@/lib/session';

const CHANNEL = 'retain.session';

/**
 * The page's one session: refreshes are serialised across tabs with the Web
 * Locks API (the refresh cookie rotates on every use and all tabs share it),
 * and a sign-out in one tab signs out the others.
 */
export function createSession(): SessionManager {
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const session = new SessionManager({
    api: createAuthApi(),
    withLock: locks ? <T,>(fn: () => Promise<T>) => locks.request('retain.session.refresh', fn) as Promise<T> : undefined,
    onSignedOut: () => channel?.postMessage('signed-out'),
  });
  channel?.addEventListener('message', (e) => {
    if (e.data === 'signed-out') session.forget('logged-out');
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') session.checkFreshness();
  });
  return session;
}
