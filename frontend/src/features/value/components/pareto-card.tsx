import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProfitOverviewQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

type Overview = ProfitOverviewQuery['profitOverview'];

/**
 * The Pareto curve: the share of total profit brought by the best x % of
 * customers, with the top 20 % called out (the 80/20 view).
 */
export function ParetoCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (v: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const data = overview.pareto.map((p) => ({ customers: Math.round(p.customerShare * 100), profit: Math.round(p.profitShare * 1000) / 10, even: Math.round(p.customerShare * 100) }));
  return (
    <Card withBorder radius="md" padding="lg" h="100%" component="section" aria-labelledby="pareto-title" data-testid="pareto-card">
      <Title order={2} size="h4" id="pareto-title" mb={4}>
        {t('value.pareto.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('value.pareto.subtitle')}
      </Text>
      <Group gap="xl" mb="md" align="flex-end">
        <Stack gap={0}>
          <Text fw={700} fz={34} lh={1} c="cyan.8" data-testid="top-share">
            {pct(overview.topShare)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('value.pareto.topShare')}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text fw={600} fz={22} lh={1}>
            {f.number(overview.customers)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('value.pareto.customers')}
          </Text>
        </Stack>
      </Group>
      <div aria-hidden>
        <LineChart
          h={260}
          data={data}
          dataKey="customers"
          unit="%"
          curveType="monotone"
          withDots={false}
          series={[
            { name: 'profit', label: t('value.pareto.profitShare'), color: 'cyan.7' },
            { name: 'even', label: t('value.pareto.even'), color: 'gray.5', strokeDasharray: '4 4' },
          ]}
          xAxisLabel={t('value.pareto.xAxis')}
          referenceLines={[{ x: 20, label: t('value.pareto.top20'), color: 'orange.6' }]}
          xAxisProps={{ type: 'number', domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
        />
      </div>
      <VisuallyHidden>{t('value.pareto.summary', { share: pct(overview.topShare) })}</VisuallyHidden>
    </Card>
  );
}
