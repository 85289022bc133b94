import { ActionIcon, Group, Popover, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { DashboardChurnDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';

/**
 * Churn for the period: customers lost in it ÷ the customer base at its
 * start, estimated as today's live customers (active, dormant, suspended,
 * won back) plus those lost in the period. Retention is the complement.
 * Customers gained during the period count in the base, so this slightly
 * understates churn for a fast-growing book.
 */
export function churnRates(lost: number, liveNow: number): { churn: number; retention: number; base: number } {
  const base = liveNow + lost;
  const churn = base > 0 ? lost / base : 0;
  return { churn, retention: base > 0 ? 1 - churn : 1, base };
}

export function ChurnCard({ from, to, days }: { from: string; to: string; days: number }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [res, reexecute] = useQuery({ query: DashboardChurnDocument, variables: { from, to } });
  const pct = new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 });
  const d = res.data;
  let body;
  if (!d && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!d) body = <LoadingState rows={2} />;
  else {
    const lost = d.lossReasonAnalysis.reduce((n, r) => n + r.count, 0);
    const { churn, retention, base } = churnRates(lost, d.base.totalCount);
    const reasons = [...d.lossReasonAnalysis].sort((a, b) => b.count - a.count).slice(0, 3);
    body = (
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('dashboard.churn.churnRate')}
            </Text>
            <Text fw={700} fz={28} c={churn > 0.1 ? 'red.7' : undefined} data-testid="churn-rate">
              {pct.format(churn)}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('dashboard.churn.retentionRate')}
            </Text>
            <Text fw={700} fz={28} c="teal.8" data-testid="retention-rate">
              {pct.format(retention)}
            </Text>
          </Stack>
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('dashboard.churn.summary', { lost: f.number(lost), base: f.number(base), days })}
        </Text>
        {reasons.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" fw={500} c="dimmed">
              {t('dashboard.churn.topReasons')}
            </Text>
            {reasons.map((r) => (
              <Group key={r.reason.id} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate>
                  {i18n.exists(`lossReasons.${r.reason.code}`) ? t(`lossReasons.${r.reason.code}`) : r.reason.label}
                </Text>
                <Text size="sm" fw={500}>
                  {f.number(r.count)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    );
  }
  return (
    <DashboardCard
      id="churn"
      title={t('dashboard.churn.title', { days })}
      testId="card-churn"
      action={
        <Popover width={300} position="bottom-end" withArrow shadow="md">
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('dashboard.churn.howTitle')} data-testid="churn-formula">
              <IconInfoCircle size={18} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <Text size="sm" fw={600} mb={4}>
              {t('dashboard.churn.howTitle')}
            </Text>
            <Text size="sm">{t('dashboard.churn.formula')}</Text>
          </Popover.Dropdown>
        </Popover>
      }
    >
      {body}
    </DashboardCard>
  );
}
