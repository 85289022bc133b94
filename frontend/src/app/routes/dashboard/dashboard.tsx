import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { Dashboard } from '@/features/dashboard/components/dashboard';
import { LiveStatus } from '@/features/live/components/live-status';
import { useLiveState } from '@/features/live/live-store';
import { useCurrentUser } from '@/lib/session-context';

export default function DashboardRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const live = useLiveState();
  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.greeting', { name: me.name })} />
      <Dashboard liveKey={`${live.received}|${live.caughtUp}`} caughtUpKey={live.caughtUp} liveStatus={<LiveStatus />} />
    </>
  );
}
