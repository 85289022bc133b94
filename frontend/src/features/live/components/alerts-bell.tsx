import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { liveStore, useLiveState, type LiveStore } from '../live-store';

/** The header's way to the inbox, with the unread count (visible on phones, where the navigation is folded away). */
export function AlertsBell({ store = liveStore }: { store?: LiveStore }) {
  const { t } = useTranslation();
  const { unread } = useLiveState(store);
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={!unread} offset={4} inline>
      <ActionIcon
        component={Link}
        to="/alerts"
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={unread ? t('live.bellUnread', { count: unread }) : t('live.bell')}
        data-testid="alerts-bell"
      >
        <IconBell size={20} />
      </ActionIcon>
    </Indicator>
  );
}
