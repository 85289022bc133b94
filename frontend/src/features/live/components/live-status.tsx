import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { liveStore, useLiveState, type LiveStore } from '../live-store';

/** "Live" while the alert feed is connected, "Reconnecting…" after a drop. */
export function LiveStatus({ store = liveStore }: { store?: LiveStore }) {
  const { t } = useTranslation();
  const { connected } = useLiveState(store);
  return (
    <Tooltip label={connected ? t('live.connectedHelp') : t('live.reconnectingHelp')}>
      <Badge variant="dot" color={connected ? 'teal' : 'orange'} data-testid="live-status" data-connected={connected} role="status">
        {connected ? t('live.connected') : t('live.reconnecting')}
      </Badge>
    </Tooltip>
  );
}
