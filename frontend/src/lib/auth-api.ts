import { Client, fetchExchange } from '@urql/core';
import { apiUrl } from '@/config/env';
import { LoginDocument, LogoutDocument, RefreshTokenDocument } from '@/gql/graphql';
import { toAppError } from './errors';
import type { AuthApi, AuthResult } from './session';

/**
 * The auth calls go through their own minimal client: no cache, no auth
 * exchange (a refused refresh must not trigger another refresh), and the
 * refresh cookie is always sent, also when the API is on another origin.
 */
export function createAuthApi(url: string = apiUrl()): AuthApi {
  const client = new Client({
    url,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    fetchOptions: { credentials: 'include' },
  });
  return {
    async login(email, password) {
      const res = await client.mutation(LoginDocument, { input: { email, password, client: 'WEB' } }).toPromise();
      return res.data?.login ? { ok: true, session: res.data.login } : failure(res.error);
    },
    async refresh() {
      const res = await client.mutation(RefreshTokenDocument, {}).toPromise();
      return res.data?.refreshToken ? { ok: true, session: res.data.refreshToken } : failure(res.error);
    },
    async logout() {
      await client.mutation(LogoutDocument, {}).toPromise();
    },
  };
}

function failure(error: Parameters<typeof toAppError>[0]): AuthResult {
  return { ok: false, error: toAppError(error) ?? { kind: 'internal', message: 'empty response' } };
}
