import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { TierBadge } from '@/components/enum-badges';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { NegativeProfitCustomersDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { useIsMobile } from '@/lib/use-is-mobile';

/** Customers who cost more than they bring, worst first. */
export function NegativeProfitTable({ total }: { total: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const isMobile = useIsMobile();
  const [res, reexecute] = useQuery({ query: NegativeProfitCustomersDocument, variables: { first: 20 } });
  const rows = res.data?.negativeProfitCustomers;
  const pct = (v: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  let body;
  if (!rows && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!rows) body = <LoadingState rows={5} />;
  else if (rows.length === 0) body = <EmptyState title={t('value.negative.emptyTitle')} description={t('value.negative.emptyBody')} />;
  else if (isMobile)
    body = (
      <Stack gap="xs" data-testid="negative-profit">
        {rows.map((r) => (
          <Card key={r.customer.id} withBorder padding="sm" radius="md" data-testid="negative-profit-row">
            <Anchor component={Link} to={`/customers/${r.customer.id}`} fw={600}>
              {r.customer.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {r.customer.owner.name}
            </Text>
            <Text size="sm" c="red.7" fw={600}>
              {t('value.negative.profitIs', { amount: f.money(r.profit) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('value.negative.breakdown', { revenue: f.money(r.revenue), cost: f.money(r.costToServe) })}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table highlightOnHover verticalSpacing="xs" data-testid="negative-profit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('value.negative.customer')}</Table.Th>
              <Table.Th>{t('value.tiers.tier')}</Table.Th>
              <Table.Th>{t('value.negative.owner')}</Table.Th>
              <Table.Th ta="right">{t('value.negative.revenue')}</Table.Th>
              <Table.Th ta="right">{t('value.negative.grossMargin')}</Table.Th>
              <Table.Th ta="right">{t('value.negative.costToServe')}</Table.Th>
              <Table.Th ta="right">{t('value.negative.returnRate')}</Table.Th>
              <Table.Th ta="right">{t('value.negative.profit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.customer.id} data-testid="negative-profit-row">
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${r.customer.id}`} fw={600} size="sm">
                    {r.customer.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <TierBadge tier={r.customer.tier} size="sm" />
                </Table.Td>
                <Table.Td>{r.customer.owner.name}</Table.Td>
                <Table.Td ta="right">{f.money(r.revenue)}</Table.Td>
                <Table.Td ta="right">{f.money(r.grossMargin)}</Table.Td>
                <Table.Td ta="right">{f.money(r.costToServe)}</Table.Td>
                <Table.Td ta="right">{pct(r.returnRate)}</Table.Td>
                <Table.Td ta="right" c="red.7" fw={600}>
                  {f.money(r.profit)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="negative-title">
      <Title order={2} size="h4" id="negative-title" mb={4}>
        {t('value.negative.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('value.negative.subtitle', { count: total, formatted: f.number(total) })}
      </Text>
      {body}
    </Card>
  );
}
