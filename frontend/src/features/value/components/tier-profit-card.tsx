import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProfitOverviewQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

type Overview = ProfitOverviewQuery['profitOverview'];

/** Tier against actual profit: a "key account" that brings no profit shows here. */
export function TierProfitCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const compact = new Intl.NumberFormat(f.locale, { notation: 'compact', maximumFractionDigits: 1 });
  const data = overview.tiers.map((x) => ({ tier: t(`enums.tierShort.${x.tier}`), revenue: Math.round(x.revenue), profit: Math.round(x.profit) }));
  return (
    <Card withBorder radius="md" padding="lg" h="100%" component="section" aria-labelledby="tiers-title" data-testid="tier-profit-card">
      <Title order={2} size="h4" id="tiers-title" mb={4}>
        {t('value.tiers.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('value.tiers.subtitle')}
      </Text>
      <div aria-hidden>
        <BarChart
          h={240}
          data={data}
          dataKey="tier"
          series={[
            { name: 'revenue', label: t('value.tiers.revenue'), color: 'blue.3' },
            { name: 'profit', label: t('value.tiers.profit'), color: 'teal.7' },
          ]}
          valueFormatter={(v) => compact.format(v)}
          getBarColor={(v, s) => (s.name === 'profit' && v < 0 ? 'red.6' : s.color ?? 'teal.7')}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          yAxisProps={{ width: 60 }}
        />
      </div>
      <Table.ScrollContainer minWidth={360} mt="md">
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('value.tiers.tier')}</Table.Th>
              <Table.Th ta="right">{t('value.tiers.customers')}</Table.Th>
              <Table.Th ta="right">{t('value.tiers.revenue')}</Table.Th>
              <Table.Th ta="right">{t('value.tiers.profit')}</Table.Th>
              <Table.Th ta="right">{t('value.tiers.negative')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.tiers.map((x) => (
              <Table.Tr key={x.tier}>
                <Table.Td title={t(`enums.tier.${x.tier}`)}>{t(`enums.tierShort.${x.tier}`)}</Table.Td>
                <Table.Td ta="right">{f.number(x.customers)}</Table.Td>
                <Table.Td ta="right">{f.money(x.revenue)}</Table.Td>
                <Table.Td ta="right" c={x.profit < 0 ? 'red.7' : undefined} fw={x.profit < 0 ? 600 : undefined}>
                  {f.money(x.profit)}
                </Table.Td>
                <Table.Td ta="right">{f.number(x.negativeProfit)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
