import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { liveStore, useLiveState, type LiveStore } from '../live-store';

/** The number of alerts that arrived since the inbox was last open. */
export function UnreadAlertsBadge({ store = liveStore }: { store?: LiveStore }) {
  const { t } = useTranslation();
  const { unread } = useLiveState(store);
  if (!unread) return null;
  return (
    <Badge size="sm" color="red" variant="filled" circle={unread < 10} data-testid="unread-alerts" aria-label={t('live.unread', { count: unread })}>
      {unread > 99 ? '99+' : unread}
    </Badge>
  );
}
