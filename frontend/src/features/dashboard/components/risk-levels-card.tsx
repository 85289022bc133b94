import { Anchor, Group, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { riskColor } from '@/components/enum-badges';
import { ErrorState, LoadingState } from '@/components/states';
import { DashboardRiskCountsDocument, type RiskLevel } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';
import { useRefreshOn } from './use-refresh';

const LEVELS: { level: RiskLevel; key: 'healthy' | 'watch' | 'atRisk' | 'critical' }[] = [
  { level: 'HEALTHY', key: 'healthy' },
  { level: 'WATCH', key: 'watch' },
  { level: 'AT_RISK', key: 'atRisk' },
  { level: 'CRITICAL', key: 'critical' },
];

/** How many customers sit at each risk level; each count opens the filtered list. */
export function RiskLevelsCard({ refreshKey }: { refreshKey: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [res, reexecute] = useQuery({ query: DashboardRiskCountsDocument });
  useRefreshOn(
    refreshKey,
    useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]),
  );
  const d = res.data;
  let body;
  if (!d && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!d) body = <LoadingState rows={2} />;
  else {
    const total = LEVELS.reduce((n, l) => n + d[l.key].totalCount, 0);
    body = (
      <Stack gap="md">
        <Progress.Root size={14} aria-hidden>
          {LEVELS.map((l) => (
            <Tooltip key={l.level} label={`${t(`enums.riskLevel.${l.level}`)}: ${f.number(d[l.key].totalCount)}`}>
              <Progress.Section value={total ? (d[l.key].totalCount / total) * 100 : 0} color={riskColor[l.level]} />
            </Tooltip>
          ))}
        </Progress.Root>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 2 }} spacing="sm">
          {LEVELS.map((l) => (
            <Anchor key={l.level} component={Link} to={`/customers?risk=${l.level}`} underline="never" c="inherit" data-testid={`risk-count-${l.level}`}>
              <Stack gap={0} p="xs" style={{ borderRadius: 8, borderLeft: `4px solid var(--mantine-color-${riskColor[l.level]}-6)` }}>
                <Text size="xs" c="dimmed">
                  {t(`enums.riskLevel.${l.level}`)}
                </Text>
                <Group gap={6} align="baseline">
                  <Text fw={700} fz={26} lh={1.2}>
                    {f.number(d[l.key].totalCount)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {total ? `${Math.round((d[l.key].totalCount / total) * 100)}%` : ''}
                  </Text>
                </Group>
              </Stack>
            </Anchor>
          ))}
        </SimpleGrid>
      </Stack>
    );
  }
  return (
    <DashboardCard id="risk-levels" title={t('dashboard.riskLevels.title')} testId="card-risk-levels">
      {body}
    </DashboardCard>
  );
}
