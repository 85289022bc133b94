import { Alert, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconClockExclamation, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfileFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

const DAY = 86_400_000;

/** Days past the contract's contact cadence (0 when not overdue). */
export function contactOverdueDays(lastContactAt: string | null | undefined, cadenceDays: number, now = Date.now()): number {
  if (!lastContactAt) return 0;
  const due = new Date(lastContactAt).getTime() + cadenceDays * DAY;
  return due < now ? Math.floor((now - due) / DAY) : 0;
}

/** The relationship type's contract: what to do, what never to do, cadence and SLA. */
export function RelationshipContractCard({ type, lastContactAt }: { type: CustomerProfileFragment['relationshipType']; lastContactAt: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const overdue = contactOverdueDays(lastContactAt, type.contactCadenceDays);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="contract-card">
      <Title order={2} size="h4">
        {t('customer.contract.title', { name: type.name })}
      </Title>
      {type.description && (
        <Text size="sm" c="dimmed" mt={4}>
          {type.description}
        </Text>
      )}
      <SimpleGrid cols={3} mt="md" spacing="xs">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('contract.cadence')}
          </Text>
          <Text fw={600}>{t('contract.everyDays', { count: type.contactCadenceDays })}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('contract.sla')}
          </Text>
          <Text fw={600}>{t('contract.withinHours', { count: type.complaintSlaHours })}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('contract.budget')}
          </Text>
          <Text fw={600}>{f.money(type.benefitBudget)}</Text>
        </Stack>
      </SimpleGrid>
      {overdue > 0 && (
        <Alert color="orange" mt="md" icon={<IconClockExclamation />} p="xs">
          {t('customer.contract.overdue', { count: overdue })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} mt="md">
        <div>
          <Text fw={500} size="sm" mb={6}>
            {t('contract.dos')}
          </Text>
          <ContractList items={type.dos} kind="do" />
        </div>
        <div>
          <Text fw={500} size="sm" mb={6}>
            {t('contract.donts')}
          </Text>
          <ContractList items={type.donts} kind="dont" />
        </div>
      </SimpleGrid>
    </Card>
  );
}

function ContractList({ items, kind }: { items: string[]; kind: 'do' | 'dont' }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.noneYet')}
      </Text>
    );
  }
  return (
    <List
      spacing={6}
      size="sm"
      icon={
        <ThemeIcon size={18} radius="xl" color={kind === 'do' ? 'teal' : 'red'} variant="light" aria-hidden>
          {kind === 'do' ? <IconCheck size={12} /> : <IconX size={12} />}
        </ThemeIcon>
      }
    >
      {items.map((x, i) => (
        <List.Item key={i}>
          <Group gap={4}>{x}</Group>
        </List.Item>
      ))}
    </List>
  );
}
