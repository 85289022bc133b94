declare global {
  interface Window {
    /** Set by /config.js when the SPA is hosted apart from the API. */
    __RETAIN_CONFIG__?: { apiUrl?: string };
  }
}

/**
 * The GraphQL endpoint: run-time config (/config.js) wins over the build-time
 * VITE_API_URL, which wins over the same-origin default.
 */
export function apiUrl(): string {
  const runtime = typeof window !== 'undefined' ? window.__RETAIN_CONFIG__?.apiUrl : undefined;
  return runtime || import.meta.env.VITE_API_URL || '/graphql';
}

/** The websocket URL of the same endpoint (graphql-transport-ws). */
export function wsUrl(api: string = apiUrl()): string {
  const u = new URL(api, window.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/**
 * Money figures are shown in the workspace currency (workspace.settings.currency,
 * see lib/currency.tsx); this one stands in until it has loaded.
 */
export const DEFAULT_CURRENCY = 'CNY';
