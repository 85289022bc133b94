import { Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellRinging } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useClient } from 'urql';
import { AlertRaisedDocument, MissedAlertsDocument, NewestAlertDocument } from '@/gql/graphql';
import { riskColor } from '@/components/enum-badges';
import { liveEventsOf } from '@/lib/live-events';
import { createAlertHandler, type LiveAlert } from '../handle-alert';
import { liveStore, type LiveStore } from '../live-store';

/** Delay before subscribing again after the feed failed for good (e.g. a fatal close code). */
const RESUBSCRIBE_MS = 5_000;

/**
 * The session's one live alert feed (`alertRaised` over graphql-ws). Mounted
 * once in the app shell: each alert becomes a notification and an unread
 * badge, the cache puts it at the top of the alert lists and updates the
 * customer's risk in place. After a dropped connection the websocket
 * reconnects by itself (with a fresh token after a 4403) and this catches
 * up with `alerts(filter: {since})`.
 */
export function LiveAlerts({ store = liveStore }: { store?: LiveStore }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';

  // The latest values, for callbacks that outlive a render.
  const latest = useRef({ t, navigate, pathname, lang });
  latest.current = { t, navigate, pathname, lang };

  const onInbox = pathname === '/alerts' || pathname.startsWith('/alerts/');
  useEffect(() => {
    if (onInbox) store.markRead();
  }, [onInbox, store]);

  const handler = useMemo(() => {
    const notify = (alert: LiveAlert) => {
      const { t, navigate } = latest.current;
      const open = () => {
        notifications.hide(`alert-${alert.id}`);
        navigate(`/customers/${alert.customer.id}`);
      };
      notifications.show({
        id: `alert-${alert.id}`,
        color: riskColor[alert.levelAfter],
        icon: <IconBellRinging size={18} />,
        autoClose: 12_000,
        'data-testid': 'live-alert-notification',
        title: t('live.title', { kind: t(`workflowEnums.alertKind.${alert.kind}`), customer: alert.customer.name }),
        message: (
          <Stack gap={4}>
            <Text size="sm">
              {alert.scoreBefore === alert.scoreAfter
                ? t('live.levelSame', { after: alert.scoreAfter, level: t(`enums.riskLevel.${alert.levelAfter}`) })
                : t('live.level', {
                    before: alert.scoreBefore,
                    after: alert.scoreAfter,
                    level: t(`enums.riskLevel.${alert.levelAfter}`),
                  })}
            </Text>
            {alert.reasons.length > 0 && (
              <List size="xs" spacing={2}>
                {alert.reasons.slice(0, 3).map((r) => (
                  <List.Item key={r.key}>{r.text}</List.Item>
                ))}
              </List>
            )}
            <Group gap="xs" mt={4}>
              <Button size="compact-xs" variant="light" onClick={open}>
                {t('live.openCustomer')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  notifications.hide(`alert-${alert.id}`);
                  navigate('/alerts');
                }}
              >
                {t('live.openInbox')}
              </Button>
            </Group>
          </Stack>
        ),
      });
    };
    const notifyMissed = (alerts: LiveAlert[]) => {
      const { t, navigate } = latest.current;
      notifications.show({
        id: 'alerts-missed',
        color: 'orange',
        icon: <IconBellRinging size={18} />,
        autoClose: 12_000,
        'data-testid': 'live-alert-notification',
        title: t('live.missedTitle', { count: alerts.length }),
        message: (
          <Stack gap={4}>
            <Text size="sm">{alerts.slice(0, 3).map((a) => a.customer.name).join(', ')}</Text>
            <Group gap="xs">
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  notifications.hide('alerts-missed');
                  navigate('/alerts');
                }}
              >
                {t('live.openInbox')}
              </Button>
            </Group>
          </Stack>
        ),
      });
    };
    const inboxOpen = () => {
      const p = latest.current.pathname;
      return p === '/alerts' || p.startsWith('/alerts/');
    };
    return createAlertHandler({ store, notify, notifyMissed, inboxOpen });
  }, [store]);

  // A new client is a new session: start from a clean slate, with the newest
  // existing alert as the point to catch up from.
  useEffect(() => {
    store.reset();
    let cancelled = false;
    void client
      .query(NewestAlertDocument, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        const newest = res.data?.alerts.edges[0]?.node.createdAt;
        if (!cancelled && newest) store.seen(newest);
      });
    return () => {
      cancelled = true;
    };
  }, [client, store]);

  // The subscription itself; subscribed again if it ever ends with an error.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sub: { unsubscribe: () => void } | undefined;
    const start = () => {
      sub = client.subscription(AlertRaisedDocument, { lang }).subscribe((res) => {
        const alert = res.data?.alertRaised;
        if (alert) handler.live(alert);
        if (res.error && !stopped) {
          sub?.unsubscribe();
          store.setConnected(false);
          timer = setTimeout(start, RESUBSCRIBE_MS);
        }
      });
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      sub?.unsubscribe();
    };
  }, [client, lang, handler, store]);

  // Connection state, and catching up after a reconnect.
  useEffect(() => {
    return liveEventsOf(client).on((e) => {
      if (e.type === 'closed') {
        store.setConnected(false);
        return;
      }
      store.setConnected(true);
      if (!e.reconnect) return;
      const since = store.get().newestSeen;
      if (!since) return;
      void client
        .query(MissedAlertsDocument, { since, lang: latest.current.lang }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((res) => {
          if (res.data) handler.missed(res.data.alerts.edges.map((x) => x.node));
        });
    });
  }, [client, handler, store]);

  return null;
}
