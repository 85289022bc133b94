import { afterEach, describe, expect, it, vi } from 'vitest';
import { OwnerOptionsDocument } from '@/gql/graphql';
import { SessionManager, type AuthResult } from './session';
import { createApiClient } from './urql';

const user = { id: 'u1', email: 'a@b.c', name: 'A', role: 'ADMIN' as const, locale: 'en', version: 1 };
const ok = (token: string): AuthResult => ({ ok: true, session: { accessToken: token, accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(), user } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const users = { data: { users: [{ __typename: 'User', id: 'u1', name: 'A', role: 'ADMIN', active: true }] } };
const unauthenticated = { errors: [{ message: 'the token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } }] };

function authHeader(init: RequestInit | undefined): string | undefined {
  const h = init?.headers as Record<string, string> | undefined;
  return h?.Authorization ?? h?.authorization;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client and the session', () => {
  it('sends the bearer token, and on UNAUTHENTICATED refreshes once and retries with the new token', async () => {
    const tokens = ['old', 'new'];
    const refresh = vi.fn(async () => ok(tokens.shift()!));
    const session = new SessionManager({ api: { login: vi.fn(), refresh, logout: vi.fn() }, setTimer: () => 0, clearTimer: () => {} });
    await session.restore();
    const seen: (string | undefined)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        const auth = authHeader(init);
        seen.push(auth);
        return auth === 'Bearer new' ? json(200, users) : json(401, unauthenticated);
      }),
    );
    const { client } = createApiClient(session);
    const res = await client.query(OwnerOptionsDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    expect(res.error).toBeUndefined();
    expect(res.data?.users[0].name).toBe('A');
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(refresh).toHaveBeenCalledTimes(2); // restore + the silent refresh
  });

  it('signs the session out (reason expired) when the silent refresh is refused', async () => {
    let first = true;
    const refresh = vi.fn(async (): Promise<AuthResult> => (first ? ((first = false), ok('old')) : { ok: false, error: { kind: 'unauthenticated', message: 'expired' } }));
    const session = new SessionManager({ api: { login: vi.fn(), refresh, logout: vi.fn() }, setTimer: () => 0, clearTimer: () => {} });
    await session.restore();
    vi.stubGlobal('fetch', vi.fn(async () => json(401, unauthenticated)));
    const { client } = createApiClient(session);
    const res = await client.query(OwnerOptionsDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    expect(res.error?.graphQLErrors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(session.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
  });
});
