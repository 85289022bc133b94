import { Anchor, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowUpRight, IconCoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { ComplaintCardFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { SeverityBadge } from './complaint-badges';
import { Countdown } from './countdown';

/** One complaint on the board; its title opens the detail drawer. */
export function ComplaintCard({ complaint: c }: { complaint: ComplaintCardFragment }) {
  const { t } = useTranslation();
  const f = useFormat();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set('c', c.id);
  const showClock = c.status === 'OPEN' || c.status === 'ACKNOWLEDGED' || c.status === 'REMEDIATING';
  return (
    <Card withBorder radius="md" padding="xs" data-testid="complaint-card" data-complaint-id={c.id} style={c.deadlineBreached && !c.acknowledgedAt ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <SeverityBadge severity={c.severity} size="sm" />
        <Text size="xs" c="dimmed" ta="right">
          {t(`workflowEnums.category.${c.category}`)}
        </Text>
      </Group>
      <Anchor component={Link} to={{ pathname: location.pathname, search: params.toString() }} fw={600} size="sm" data-testid="open-complaint">
        {c.customer.name}
      </Anchor>
      <Text size="sm" c="dimmed" lineClamp={2} mt={2}>
        {c.description}
      </Text>
      <Stack gap={6} mt="xs">
        {showClock ? (
          <Countdown responseDueAt={c.responseDueAt} deadlineBreached={c.deadlineBreached} acknowledgedAt={c.acknowledgedAt} size="sm" />
        ) : (
          <Text size="xs" c="dimmed">
            {c.status === 'CLOSED' ? t('complaints.closedWhen', { when: f.relative(c.closedAt) }) : t('complaints.resolvedWhen', { when: f.relative(c.resolvedAt) })}
          </Text>
        )}
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" truncate>
            {c.owner.name}
          </Text>
          <Group gap={6} wrap="nowrap">
            {c.escalatedTo && (
              <Tooltip label={t('complaints.escalatedTo', { name: c.escalatedTo.name })}>
                <IconArrowUpRight size={16} color="var(--mantine-color-grape-7)" role="img" aria-label={t('complaints.escalatedTo', { name: c.escalatedTo.name })} />
              </Tooltip>
            )}
            {c.totalCost > 0 && (
              <Group gap={2} wrap="nowrap">
                <IconCoin size={14} aria-hidden />
                <Text size="xs">{f.money(c.totalCost)}</Text>
              </Group>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
