import { authExchange } from '@urql/exchange-auth';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { apiUrl, wsUrl } from '@/config/env';
import { createCacheExchange } from './cache';
import { isAuthError } from './errors';
import { createLiveEvents, registerLiveEvents } from './live-events';
import type { SessionManager } from './session';

export type ApiClient = { client: Client; dispose: () => void };

/**
 * The app's GraphQL client: normalised cache → auth (Bearer header, silent
 * refresh and one retry on UNAUTHENTICATED) → HTTP, and subscriptions over
 * graphql-ws on the same path with the token in connection_init. A new
 * client is made per signed-in user so no cached data outlives a session.
 */
export function createApiClient(session: SessionManager): ApiClient {
  const url = apiUrl();
  let ws: WsClient | null = null;
  // Connection events for the live feeds (reconnect → catch up).
  const live = createLiveEvents();
  // 4403: the server refused the token (expired or revoked): reconnect with a fresh one.
  let tokenRefused = false;
  // Lazy: nothing connects until the first subscription.
  const wsClient = () =>
    (ws ??= createWsClient({
      url: wsUrl(url),
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // Exponential backoff with jitter, capped at 30 s so a long outage ends in a prompt reconnect.
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** retries) + Math.random() * 1_000)),
      on: {
        connected: live.handlers.connected,
        closed: (event) => {
          if ((event as { code?: number } | null)?.code === 4403) tokenRefused = true;
          live.handlers.closed(event);
        },
      },
      connectionParams: async () => {
        if (session.isExpiring() || tokenRefused) {
          tokenRefused = false;
          await session.refresh();
        }
        const token = session.getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }));

  const client = new Client({
    url,
    requestPolicy: 'cache-and-network',
    fetchOptions: { credentials: 'include' },
    exchanges: [
      createCacheExchange(),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = session.getToken();
          return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
        },
        willAuthError: () => session.isExpiring(),
        didAuthError: (error) => isAuthError(error),
        async refreshAuth() {
          // On failure the session turns signed-out and the router sends the
          // user to the login page, remembering where they were.
          await session.refresh();
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = wsClient().subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  registerLiveEvents(client, live);
  return { client, dispose: () => void ws?.dispose() };
}
