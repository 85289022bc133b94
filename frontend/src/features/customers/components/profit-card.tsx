import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { CustomerProfitDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

/** Revenue, cost to serve and profit over the trailing 12 months. */
export function ProfitCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [res, reexecute] = useQuery({ query: CustomerProfitDocument, variables: { id: customerId } });
  const p = res.data?.customer?.profit;
  const pct = (v: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  let body;
  if (!p && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!p) body = <LoadingState rows={3} />;
  else {
    const margin = p.revenue > 0 ? p.profit / p.revenue : 0;
    // A cost shown as a deduction; zero stays zero (no "−¥0").
    const minus = (v: number) => f.money(v ? -v : 0);
    const line = (label: string, value: string, strong?: boolean, color?: string) => (
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 600 : undefined}>
          {label}
        </Text>
        <Text size="sm" fw={strong ? 700 : 500} c={color}>
          {value}
        </Text>
      </Group>
    );
    body = (
      <Stack gap={6}>
        <Group gap="lg" align="flex-end" mb="xs">
          <Stack gap={0}>
            <Text fw={700} fz={26} lh={1.1} c={p.profit < 0 ? 'red.7' : 'teal.8'} data-testid="customer-profit">
              {f.money(p.profit)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('profit.profit')}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text fw={600} fz={18} lh={1.1}>
              {pct(margin)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('profit.margin')}
            </Text>
          </Stack>
        </Group>
        {line(t('profit.revenue'), f.money(p.revenue))}
        {line(t('profit.returns'), minus(p.returns))}
        {line(t('profit.grossMargin'), f.money(p.grossMargin), true)}
        <SimpleGrid cols={1} spacing={2} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
          {line(t('profit.compensation'), minus(p.compensation))}
          {line(t('profit.discounts'), minus(p.discounts))}
          {line(t('profit.serviceHours', { hours: f.number(Math.round(p.serviceHours * 10) / 10) }), minus(p.costToServe - p.compensation - p.discounts))}
        </SimpleGrid>
        {line(t('profit.costToServe'), minus(p.costToServe), true)}
        {line(t('profit.returnRate'), pct(p.returnRate), false, p.returnRate > 0.1 ? 'red.7' : undefined)}
        {p.profit < 0 && (
          <Text size="xs" c="red.7" mt={4}>
            {t('profit.negativeHint')}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="profit-title" data-testid="profit-card">
      <Title order={2} size="h4" id="profit-title" mb={2}>
        {t('profit.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('profit.period')}
      </Text>
      {body}
    </Card>
  );
}
