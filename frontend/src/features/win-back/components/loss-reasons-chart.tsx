import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Group, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { LossReasonAnalysisDocument } from '@/gql/graphql';
import { periodOf } from '@/lib/date-input';
import { useFormat } from '@/lib/format';
import { useIsMobile } from '@/lib/use-is-mobile';

export const LOSS_PERIODS = [90, 180, 365, 730] as const;

/** Why customers left in the chosen period: a bar per loss reason (and the same numbers as a table). */
export function LossReasonsChart() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const isMobile = useIsMobile();
  const [days, setDays] = useState<number>(365);
  const { from, to } = useMemo(() => periodOf(days), [days]);
  const [res, reexecute] = useQuery({ query: LossReasonAnalysisDocument, variables: { from, to } });
  const label = (code: string, fallback: string) => (i18n.exists(`lossReasons.${code}`) ? t(`lossReasons.${code}`) : fallback);
  const rows = useMemo(
    () => [...(res.data?.lossReasonAnalysis ?? [])].sort((a, b) => b.count - a.count).map((r) => ({ reason: label(r.reason.code, r.reason.label), count: r.count, id: r.reason.id })),
    [res.data, t, i18n], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const total = rows.reduce((n, r) => n + r.count, 0);
  let body;
  if (!res.data && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!res.data) body = <LoadingState rows={4} />;
  else if (rows.length === 0) body = <EmptyState title={t('winBack.chart.emptyTitle')} description={t('winBack.chart.emptyBody')} />;
  else
    body = (
      <Stack gap="sm">
        <div aria-hidden>
          <BarChart
            h={Math.max(220, rows.length * 34)}
            data={rows}
            dataKey="reason"
            orientation="vertical"
            series={[{ name: 'count', label: t('winBack.chart.customers'), color: 'red.6' }]}
            yAxisProps={{ width: isMobile ? 110 : 220 }}
            valueFormatter={(v) => f.number(v)}
            gridAxis="x"
            xAxisProps={{ allowDecimals: false }}
            withBarValueLabel
          />
        </div>
        <VisuallyHidden>
          <Table>
            <caption>{t('winBack.chart.caption', { days })}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('winBack.fields.lossReason')}</Table.Th>
                <Table.Th>{t('winBack.chart.customers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.reason}</Table.Td>
                  <Table.Td>{r.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
        <Text size="sm" c="dimmed">
          {t('winBack.chart.total', { count: total, formatted: f.number(total), days })}
        </Text>
      </Stack>
    );
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="loss-chart-title" data-testid="loss-reasons-chart">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="loss-chart-title">
          {t('winBack.chart.title')}
        </Title>
        <Select
          aria-label={t('winBack.chart.period')}
          w={170}
          size="xs"
          allowDeselect={false}
          value={String(days)}
          onChange={(v) => v && setDays(Number(v))}
          data={LOSS_PERIODS.map((d) => ({ value: String(d), label: t('dashboard.lastDays', { count: d }) }))}
          data-testid="loss-period"
        />
      </Group>
      {body}
    </Card>
  );
}
