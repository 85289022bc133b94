import { Grid, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { periodOf } from '@/lib/date-input';
import { useIsMobile } from '@/lib/use-is-mobile';
import { AgendaCard } from './agenda-card';
import { ChurnCard } from './churn-card';
import { LatestAlertsCard } from './latest-alerts-card';
import { ProcessMeasuresCard } from './process-measures-card';
import { RevenueAtRiskCard } from './revenue-at-risk-card';
import { RiskLevelsCard } from './risk-levels-card';

export const PERIODS = [30, 90, 365] as const;

/** The retention desk at a glance. `liveKey` changes when live alerts arrive. */
export function Dashboard({ liveKey, caughtUpKey, liveStatus }: { liveKey: unknown; caughtUpKey: unknown; liveStatus?: ReactNode }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [days, setDays] = useState<number>(90);
  const { from, to } = useMemo(() => periodOf(days), [days]);
  return (
    <Stack gap="md">
      <Stack gap={4} align="flex-start">
        <Text size="sm" fw={500} id="period-label">
          {t('dashboard.period')}
        </Text>
        <SegmentedControl
          fullWidth={isMobile}
          w={isMobile ? '100%' : undefined}
          aria-labelledby="period-label"
          value={String(days)}
          onChange={(v) => setDays(Number(v))}
          data={PERIODS.map((d) => ({ value: String(d), label: t('dashboard.days', { count: d }) }))}
          data-testid="period"
        />
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6, lg: 5 }}>
          <RiskLevelsCard refreshKey={liveKey} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, lg: 3 }}>
          <RevenueAtRiskCard refreshKey={liveKey} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 12, lg: 4 }}>
          <ChurnCard from={from} to={to} days={days} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <LatestAlertsCard refreshKey={caughtUpKey} status={liveStatus} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <AgendaCard />
        </Grid.Col>
        <Grid.Col span={12}>
          <ProcessMeasuresCard from={from} to={to} days={days} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
