import { Badge, Card, Group, List, RingProgress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RiskBadge, riskColor } from '@/components/enum-badges';
import type { CustomerQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

type Customer = NonNullable<CustomerQuery['customer']>;

/** The explainable risk score: every factor with its reason and points. */
export function RiskCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const f = useFormat();
  const factors = [...customer.riskFactors].sort((a, b) => b.points - a.points);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="risk-card">
      <Title order={2} size="h4" mb="sm">
        {t('customer.risk.title')}
      </Title>
      <Group wrap="nowrap" align="center" gap="lg">
        <RingProgress
          size={96}
          thickness={9}
          roundCaps
          sections={[{ value: Math.min(100, customer.riskScore), color: riskColor[customer.riskLevel] }]}
          label={
            <Text ta="center" fw={700} size="xl" aria-label={t('customer.risk.scoreLabel', { score: customer.riskScore })}>
              {customer.riskScore}
            </Text>
          }
        />
        <Stack gap={4}>
          <RiskBadge level={customer.riskLevel} size="lg" />
          <Text size="xs" c="dimmed">
            {customer.riskUpdatedAt ? t('customer.risk.updated', { when: f.relative(customer.riskUpdatedAt) }) : t('customer.risk.notAssessed')}
          </Text>
        </Stack>
      </Group>
      <Text fw={500} size="sm" mt="md" mb={6}>
        {t('customer.risk.factors')}
      </Text>
      {factors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer.risk.noFactors')}
        </Text>
      ) : (
        <List spacing="xs" size="sm" listStyleType="none" data-testid="risk-factors">
          {factors.map((r) => (
            <List.Item key={r.key}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Text size="sm">{r.text}</Text>
                <Badge variant="light" color={r.points >= 20 ? 'red' : 'orange'} style={{ flexShrink: 0 }} aria-label={t('customer.risk.points', { count: r.points })}>
                  +{r.points}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
