import type { Client } from 'urql';

/** What happens to the websocket that carries the live feeds. */
export type LiveEvent =
  /** Connected (and acknowledged); `reconnect` is true after a drop. */
  | { type: 'connected'; reconnect: boolean }
  /** The socket closed (4403: the token expired or was revoked; it reconnects with a fresh one). */
  | { type: 'closed'; code: number | undefined };

export type LiveEvents = {
  on(listener: (e: LiveEvent) => void): () => void;
  /** graphql-ws `on` handlers feeding this emitter. */
  handlers: {
    connected: () => void;
    closed: (event: unknown) => void;
  };
};

/**
 * A small emitter for one API client's websocket. It remembers whether it
 * has been connected before, so a later connection is known to be a
 * reconnection (and the live feeds catch up on what they missed).
 */
export function createLiveEvents(): LiveEvents {
  const listeners = new Set<(e: LiveEvent) => void>();
  let everConnected = false;
  const emit = (e: LiveEvent) => {
    for (const l of [...listeners]) l(e);
  };
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handlers: {
      connected: () => {
        emit({ type: 'connected', reconnect: everConnected });
        everConnected = true;
      },
      closed: (event) => {
        const code = typeof event === 'object' && event && 'code' in event ? Number((event as { code: unknown }).code) : undefined;
        emit({ type: 'closed', code });
      },
    },
  };
}

const registry = new WeakMap<Client, LiveEvents>();

/** Ties an emitter to the urql client whose websocket it reports on. */
export function registerLiveEvents(client: Client, events: LiveEvents): void {
  registry.set(client, events);
}

/** The websocket events of a client (a silent emitter for test doubles). */
export function liveEventsOf(client: Client): LiveEvents {
  let events = registry.get(client);
  if (!events) {
    events = createLiveEvents();
    registry.set(client, events);
  }
  return events;
}
