import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { ALERT_KINDS, ALERT_STATUSES, AlertsInbox, type InboxStatus } from '@/features/alerts/components/alerts-inbox';
import { LiveStatus } from '@/features/live/components/live-status';
import { useLiveState } from '@/features/live/live-store';
import type { AlertKind, AlertStatus } from '@/gql/graphql';
import { usePermissions } from '@/lib/session-context';

export default function AlertsRoute() {
  const { t } = useTranslation();
  const can = usePermissions();
  const live = useLiveState();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: InboxStatus = raw === 'ALL' || ALERT_STATUSES.includes(raw as AlertStatus) ? (raw as InboxStatus) : 'OPEN';
  const kindsParam = params.get('kind');
  const kinds = useMemo(() => (kindsParam?.split(',') ?? []).filter((k): k is AlertKind => ALERT_KINDS.includes(k as AlertKind)), [kindsParam]);
  const onChange = useCallback(
    (patch: { status?: InboxStatus; kinds?: AlertKind[] }) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (patch.status) p.set('status', patch.status);
          if (patch.kinds) {
            if (patch.kinds.length) p.set('kind', patch.kinds.join(','));
            else p.delete('kind');
          }
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <>
      <PageHeader title={t('alerts.title')} description={t('alerts.subtitle')} actions={<LiveStatus />} />
      <AlertsInbox status={status} kinds={kinds} onChange={onChange} canAct={can.writeCustomers} refreshKey={live.caughtUp} />
    </>
  );
}
