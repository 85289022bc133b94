import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthSessionFragment } from '@/gql/graphql';
import { NETWORK_RETRY_MS, refreshDelay, SessionManager, type AuthApi, type AuthResult } from './session';

const user = { id: 'u1', email: 'a@b.c', name: 'A', role: 'AGENT' as const, locale: 'en', version: 1 };
const NOW = Date.parse('2026-11-23T10:00:00Z');

function payload(token: string, lifetimeMs = 600_000): AuthSessionFragment {
  return { accessToken: token, accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(), user };
}
const ok = (token: string, lifetimeMs?: number): AuthResult => ({ ok: true, session: payload(token, lifetimeMs) });
const refused: AuthResult = { ok: false, error: { kind: 'unauthenticated', message: 'the session has expired' } };
const offline: AuthResult = { ok: false, error: { kind: 'network', message: 'Failed to fetch' } };

function api(refresh: () => Promise<AuthResult>, extra: Partial<AuthApi> = {}): AuthApi {
  return { login: async () => ok('login-token'), refresh: vi.fn(refresh), logout: vi.fn(async () => {}), ...extra };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('refreshDelay', () => {
  it('refreshes a minute early for ordinary lifetimes', () => {
    expect(refreshDelay(NOW + 10 * 60_000, NOW)).toBe(9 * 60_000);
  });
  it('refreshes a fifth early for short lifetimes, never sooner than a second', () => {
    expect(refreshDelay(NOW + 100_000, NOW)).toBe(80_000);
    expect(refreshDelay(NOW + 500, NOW)).toBe(1_000);
    expect(refreshDelay(NOW - 5_000, NOW)).toBe(1_000);
  });
});

describe('SessionManager', () => {
  it('restores the session from the refresh cookie on page load', async () => {
    const s = new SessionManager({ api: api(async () => ok('t1')) });
    expect(s.getState().status).toBe('restoring');
    await s.restore();
    expect(s.getState()).toMatchObject({ status: 'signed-in', accessToken: 't1', user });
    expect(s.getToken()).toBe('t1');
  });

  it('ends as signed-out (reason none) when there is no session to restore', async () => {
    const s = new SessionManager({ api: api(async () => refused) });
    await s.restore();
    expect(s.getState()).toEqual({ status: 'signed-out', reason: 'none' });
    expect(s.getToken()).toBeNull();
  });

  it('schedules the next refresh before the token expires, and keeps rotating', async () => {
    let n = 0;
    const a = api(async () => ok(`t${++n}`));
    const s = new SessionManager({ api: a });
    await s.restore();
    expect(s.getToken()).toBe('t1');
    await vi.advanceTimersByTimeAsync(9 * 60_000 - 1);
    expect(a.refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.refresh).toHaveBeenCalledTimes(2);
    expect(s.getToken()).toBe('t2');
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(s.getToken()).toBe('t3');
  });

  it('shares one request between concurrent refreshes', async () => {
    let resolve!: (r: AuthResult) => void;
    const a = api(() => new Promise((r) => (resolve = r)));
    const s = new SessionManager({ api: a });
    const p1 = s.refresh();
    const p2 = s.refresh();
    resolve(ok('t'));
    expect(await Promise.all([p1, p2])).toEqual([true, true]);
    expect(a.refresh).toHaveBeenCalledTimes(1);
  });

  it('signs out with reason expired when a refresh is refused mid-session', async () => {
    let first = true;
    const s = new SessionManager({ api: api(async () => (first ? ((first = false), ok('t1')) : refused)) });
    const seen: string[] = [];
    s.subscribe((st) => seen.push(st.status));
    await s.restore();
    expect(await s.refresh()).toBe(false);
    expect(s.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(seen).toEqual(['signed-in', 'signed-out']);
  });

  it('keeps a still-valid token through a network failure and retries', async () => {
    let calls = 0;
    const a = api(async () => (++calls === 2 ? offline : ok(`t${calls}`)));
    const s = new SessionManager({ api: a });
    await s.restore();
    await vi.advanceTimersByTimeAsync(9 * 60_000); // scheduled refresh → offline
    expect(a.refresh).toHaveBeenCalledTimes(2);
    expect(s.getState().status).toBe('signed-in');
    expect(s.getToken()).toBe('t1');
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_MS);
    expect(a.refresh).toHaveBeenCalledTimes(3);
    expect(s.getToken()).toBe('t3');
  });

  it('reports an unreachable server when restoring fails for lack of network', async () => {
    const s = new SessionManager({ api: api(async () => offline) });
    await s.restore();
    expect(s.getState()).toEqual({ status: 'signed-out', reason: 'unreachable' });
  });

  it('logs in, and returns the error to show when that fails', async () => {
    const s = new SessionManager({
      api: api(async () => refused, {
        login: async (email) => (email === 'good@x.io' ? ok('fresh') : { ok: false, error: { kind: 'unauthenticated', message: 'email or password is wrong' } }),
      }),
    });
    await s.restore();
    expect(await s.login('bad@x.io', 'x')).toMatchObject({ kind: 'unauthenticated' });
    expect(s.getState().status).toBe('signed-out');
    expect(await s.login('good@x.io', 'pw')).toBeNull();
    expect(s.getToken()).toBe('fresh');
  });

  it('logs out on the server, forgets the token, stops refreshing and tells other tabs', async () => {
    const onSignedOut = vi.fn();
    const a = api(async () => ok('t1'));
    const s = new SessionManager({ api: a, onSignedOut });
    await s.restore();
    await s.logout();
    expect(a.logout).toHaveBeenCalled();
    expect(s.getState()).toEqual({ status: 'signed-out', reason: 'logged-out' });
    expect(onSignedOut).toHaveBeenCalledWith('logged-out');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(a.refresh).toHaveBeenCalledTimes(1);
  });

  it('serialises refreshes through the cross-tab lock', async () => {
    const order: string[] = [];
    const withLock = async <T,>(fn: () => Promise<T>) => {
      order.push('lock');
      const r = await fn();
      order.push('unlock');
      return r;
    };
    const s = new SessionManager({ api: api(async () => (order.push('refresh'), ok('t'))), withLock });
    await s.restore();
    expect(order).toEqual(['lock', 'refresh', 'unlock']);
  });

  it('refreshes when the tab wakes up close to expiry', async () => {
    const a = api(async () => ok('t', 120_000));
    const s = new SessionManager({ api: a, setTimer: () => 0, clearTimer: () => {} });
    await s.restore();
    s.checkFreshness();
    expect(a.refresh).toHaveBeenCalledTimes(1);
    vi.setSystemTime(NOW + 70_000);
    s.checkFreshness();
    expect(a.refresh).toHaveBeenCalledTimes(2);
  });
});
