import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { RiskBadge } from '@/components/enum-badges';
import { ErrorState, LoadingState } from '@/components/states';
import { DashboardRevenueAtRiskDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';
import { useRefreshOn } from './use-refresh';

/** At most this many customers are summed (one page of the API). */
export const REVENUE_SAMPLE = 100;

/**
 * Annual revenue of the AT_RISK and CRITICAL customers. Summed over the
 * first 100 by risk; when there are more, the card says the figure covers
 * only those (a lower bound).
 */
export function RevenueAtRiskCard({ refreshKey }: { refreshKey: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [res, reexecute] = useQuery({ query: DashboardRevenueAtRiskDocument, variables: { first: REVENUE_SAMPLE } });
  useRefreshOn(
    refreshKey,
    useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]),
  );
  const conn = res.data?.customers;
  let body;
  if (!conn && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!conn) body = <LoadingState rows={2} />;
  else {
    const rows = conn.edges.map((e) => e.node);
    const sum = rows.reduce((n, c) => n + c.annualRevenue, 0);
    const partial = conn.totalCount > rows.length;
    const top = [...rows].sort((a, b) => b.annualRevenue - a.annualRevenue).slice(0, 3);
    body = (
      <Stack gap="xs">
        {/* Large sums in a narrow card: compact ("CN¥2.2M", "CN¥223.4万"), the exact figure below. */}
        <Text fw={700} fz={30} lh={1.1} data-testid="revenue-at-risk" title={f.money(sum)}>
          {partial ? t('dashboard.revenue.atLeast', { amount: f.compactMoney(sum) }) : f.compactMoney(sum)}
        </Text>
        <Text size="xs" c="dimmed">
          {f.money(sum)}
        </Text>
        <Text size="sm" c="dimmed">
          {partial
            ? t('dashboard.revenue.partial', { count: rows.length, total: f.number(conn.totalCount) })
            : t('dashboard.revenue.customers', { count: conn.totalCount, formatted: f.number(conn.totalCount) })}
        </Text>
        {top.length > 0 && (
          <Stack gap={4} mt="xs">
            <Text size="xs" fw={500} c="dimmed">
              {t('dashboard.revenue.largest')}
            </Text>
            {top.map((c) => (
              <Group key={c.id} justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <RiskBadge level={c.riskLevel} size="xs" />
                  <Anchor component={Link} to={`/customers/${c.id}`} size="sm" truncate>
                    {c.name}
                  </Anchor>
                </Group>
                <Text size="sm">{f.money(c.annualRevenue)}</Text>
              </Group>
            ))}
          </Stack>
        )}
        <Anchor component={Link} to="/customers?risk=AT_RISK,CRITICAL" size="sm" mt="xs">
          {t('dashboard.revenue.viewAll')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <DashboardCard id="revenue" title={t('dashboard.revenue.title')} testId="card-revenue">
      {body}
    </DashboardCard>
  );
}
