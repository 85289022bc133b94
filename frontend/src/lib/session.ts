import type { AuthSessionFragment, CurrentUserFragment } from '@/gql/graphql';
import type { AppError } from './errors';

export type SessionUser = CurrentUserFragment;

export type SignedOutReason =
  /** Never signed in on this page (or the refresh cookie was missing). */
  | 'none'
  /** The session ended underneath the user: the refresh token was refused. */
  | 'expired'
  /** The user signed out (here or in another tab). */
  | 'logged-out'
  /** The server could not be reached to restore the session. */
  | 'unreachable';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; user: SessionUser; accessToken: string; expiresAt: number };

export type AuthResult = { ok: true; session: AuthSessionFragment } | { ok: false; error: AppError };

/** The three auth calls; the real one goes through a cookie-carrying fetch. */
export type AuthApi = {
  login(email: string, password: string): Promise<AuthResult>;
  refresh(): Promise<AuthResult>;
  logout(): Promise<void>;
};

export type SessionOptions = {
  api: AuthApi;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Serialises refreshes across tabs (navigator.locks): the refresh token
   * rotates on every use and every tab shares the cookie.
   */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Told when this tab signs out, so other tabs can follow. */
  onSignedOut?: (reason: SignedOutReason) => void;
};

/** Retry delay after a refresh that failed for lack of network. */
export const NETWORK_RETRY_MS = 15_000;
// setTimeout overflows past 2^31-1 ms.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * How long to wait before refreshing a token valid until expiresAt: a
 * minute early for ordinary lifetimes, a fifth of the lifetime for short
 * ones, never less than a second.
 */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  const lead = Math.min(60_000, Math.max(remaining / 5, 0));
  return Math.min(MAX_TIMER_MS, Math.max(1_000, remaining - lead));
}

/**
 * The browser session: the access token lives only in this object's memory
 * (never in web storage); the refresh token is an HttpOnly cookie the page
 * cannot read. A page load restores the session with a silent refresh, and
 * each token is refreshed shortly before it expires.
 */
export class SessionManager {
  private state: SessionState = { status: 'restoring' };
  private listeners = new Set<(s: SessionState) => void>();
  private inflight: Promise<boolean> | null = null;
  private timer: unknown = null;
  private readonly api: AuthApi;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly withLock: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly onSignedOut?: (reason: SignedOutReason) => void;

  constructor(opts: SessionOptions) {
    this.api = opts.api;
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.withLock = opts.withLock ?? ((fn) => fn());
    this.onSignedOut = opts.onSignedOut;
  }

  getState = (): SessionState => this.state;

  subscribe = (fn: (s: SessionState) => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** The current access token, if signed in. */
  getToken(): string | null {
    return this.state.status === 'signed-in' ? this.state.accessToken : null;
  }

  /** Whether the token is missing or expires within `marginMs`. */
  isExpiring(marginMs = 10_000): boolean {
    return this.state.status === 'signed-in' && this.state.expiresAt - this.now() <= marginMs;
  }

  /** Called once on page load: try the refresh cookie. */
  async restore(): Promise<void> {
    if (this.state.status !== 'restoring') return;
    await this.refresh();
  }

  /** Signs in; returns the error to show, or null. */
  async login(email: string, password: string): Promise<AppError | null> {
    const res = await this.api.login(email, password);
    if (!res.ok) return res.error;
    this.accept(res.session);
    return null;
  }

  /**
   * Gets a new access token with the refresh cookie. Concurrent callers
   * share one request. Resolves true when signed in afterwards.
   */
  refresh(): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = this.withLock(() => this.api.refresh())
        .then((res) => this.settleRefresh(res))
        .finally(() => {
          this.inflight = null;
        });
    }
    return this.inflight;
  }

  /** Ends the session on the server and here. */
  async logout(): Promise<void> {
    this.cancelTimer();
    try {
      await this.api.logout();
    } catch {
      // The cookie is cleared server-side when reachable; locally we forget regardless.
    }
    const wasSignedIn = this.state.status === 'signed-in';
    this.forget('logged-out');
    if (wasSignedIn) this.onSignedOut?.('logged-out');
  }

  /** Drops the session locally (another tab signed out, or the server refused it). */
  forget(reason: SignedOutReason): void {
    this.cancelTimer();
    this.set({ status: 'signed-out', reason });
  }

  /** Call when the tab becomes visible: timers may have been throttled while hidden. */
  checkFreshness(): void {
    if (this.state.status === 'signed-in' && this.isExpiring(60_000)) void this.refresh();
  }

  private settleRefresh(res: AuthResult): boolean {
    if (res.ok) {
      this.accept(res.session);
      return true;
    }
    const prev = this.state;
    if (res.error.kind === 'network') {
      if (prev.status === 'signed-in' && prev.expiresAt > this.now()) {
        // Keep working with the token we have and try again shortly.
        this.schedule(Math.min(NETWORK_RETRY_MS, Math.max(1_000, prev.expiresAt - this.now() - 1_000)));
        return true;
      }
      this.forget(prev.status === 'signed-in' ? 'expired' : 'unreachable');
      return false;
    }
    this.forget(prev.status === 'signed-in' ? 'expired' : 'none');
    return false;
  }

  private accept(s: AuthSessionFragment): void {
    const expiresAt = Date.parse(s.accessTokenExpiresAt);
    this.set({ status: 'signed-in', user: s.user, accessToken: s.accessToken, expiresAt });
    this.schedule(refreshDelay(expiresAt, this.now()));
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private set(s: SessionState): void {
    this.state = s;
    for (const fn of this.listeners) fn(s);
  }
}
