import type { AlertItemFragment } from '@/gql/graphql';
import type { LiveStore } from './live-store';

export type LiveAlert = AlertItemFragment;

/** What showing an alert needs; injected so the handler can be tested alone. */
export type AlertSink = {
  store: LiveStore;
  /** Shows the notification for one alert. */
  notify: (alert: LiveAlert) => void;
  /** Shows one summary notification for alerts missed while disconnected. */
  notifyMissed: (alerts: LiveAlert[]) => void;
  /** True while the inbox is on screen: nothing is unread there. */
  inboxOpen: () => boolean;
};

/**
 * Receives alerts from the live feed and from catch-up queries. The cache
 * has already put them in the lists and updated the customer's risk (see
 * lib/workflow-cache.ts); this adds the notification and the unread badge,
 * once per alert however it arrived.
 */
export function createAlertHandler(sink: AlertSink) {
  const seen = new Set<string>();
  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > 500) seen.delete(seen.values().next().value as string);
  };
  return {
    live(alert: LiveAlert) {
      if (seen.has(alert.id)) return;
      remember(alert.id);
      sink.store.received(alert.createdAt, !sink.inboxOpen());
      sink.notify(alert);
    },
    /** Alerts fetched after a reconnect, newest first as the API returns them. */
    missed(alerts: LiveAlert[]) {
      const fresh = alerts.filter((a) => !seen.has(a.id));
      for (const a of [...fresh].reverse()) {
        remember(a.id);
        sink.store.received(a.createdAt, !sink.inboxOpen());
      }
      if (fresh.length === 1) sink.notify(fresh[0]);
      else if (fresh.length > 1) sink.notifyMissed(fresh);
      sink.store.caughtUp();
    },
  };
}
