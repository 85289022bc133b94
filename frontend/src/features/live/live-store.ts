import { useSyncExternalStore } from 'react';

/**
 * The session's live-alert state: how many alerts arrived since the user
 * last looked at the inbox (the nav badge), and the creation time of the
 * newest alert seen (where catching up after a dropped connection starts).
 */
export type LiveState = {
  unread: number;
  newestSeen: string | null;
  /** Whether the live connection is up (false after a drop until it reconnects). */
  connected: boolean;
  /** Bumped after a catch-up, so lists that were on screen refetch. */
  caughtUp: number;
  /** How many alerts arrived this session (live or caught up). */
  received: number;
};

export function createLiveStore() {
  let state: LiveState = { unread: 0, newestSeen: null, connected: false, caughtUp: 0, received: 0 };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<LiveState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  };
  return {
    get: () => state,
    subscribe(l: () => void) {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    /** One new alert (live or caught up) created at `createdAt`. */
    received(createdAt: string, countUnread = true) {
      const newest = !state.newestSeen || Date.parse(createdAt) > Date.parse(state.newestSeen) ? createdAt : state.newestSeen;
      set({ unread: state.unread + (countUnread ? 1 : 0), newestSeen: newest, received: state.received + 1 });
    },
    /** The baseline for catching up when nothing has arrived yet. */
    seen(createdAt: string) {
      if (!state.newestSeen || Date.parse(createdAt) > Date.parse(state.newestSeen)) set({ newestSeen: createdAt });
    },
    markRead() {
      if (state.unread) set({ unread: 0 });
    },
    setConnected(connected: boolean) {
      if (state.connected !== connected) set({ connected });
    },
    caughtUp() {
      set({ caughtUp: state.caughtUp + 1 });
    },
    reset() {
      set({ unread: 0, newestSeen: null, connected: false, caughtUp: 0, received: 0 });
    },
  };
}

export type LiveStore = ReturnType<typeof createLiveStore>;

/** The page's store (one session at a time; reset when the user changes). */
export const liveStore = createLiveStore();

export function useLiveState(store: LiveStore = liveStore): LiveState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
