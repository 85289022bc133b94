import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { riskColor } from '@/components/enum-badges';
import { ErrorState, LoadingState } from '@/components/states';
import { AlertsDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';
import { useRefreshOn } from './use-refresh';

/** The newest open alerts; the live feed puts new ones on top without a reload. */
export function LatestAlertsCard({ refreshKey, status }: { refreshKey: unknown; status?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const [res, reexecute] = useQuery({ query: AlertsDocument, variables: { first: 6, filter: { statuses: ['OPEN'] }, lang } });
  useRefreshOn(
    refreshKey,
    useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]),
  );
  const conn = res.data?.alerts;
  let body;
  if (!conn && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!conn) body = <LoadingState rows={4} />;
  else if (conn.edges.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('dashboard.alerts.empty')}
      </Text>
    );
  else
    body = (
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="latest-alerts">
        {conn.edges.slice(0, 6).map(({ node: a }) => (
          <li key={a.id} data-testid="latest-alert" data-alert-id={a.id}>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/customers/${a.customer.id}`} size="sm" fw={600} truncate>
                  {a.customer.name}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {a.reasons[0]?.text ?? ''}
                </Text>
              </Stack>
              <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                <Badge size="xs" color={riskColor[a.levelAfter]} variant="light">
                  {t(`workflowEnums.alertKind.${a.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {f.relative(a.createdAt)}
                </Text>
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
    );
  return (
    <DashboardCard
      id="alerts"
      title={t('dashboard.alerts.title')}
      testId="card-alerts"
      action={
        <Group gap="xs" wrap="nowrap">
          {status}
          <Anchor component={Link} to="/alerts" size="sm">
            {t('dashboard.alerts.all')}
          </Anchor>
        </Group>
      }
    >
      {body}
    </DashboardCard>
  );
}
