import { Anchor, Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { IconCheck, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RiskBadge, riskColor } from '@/components/enum-badges';
import type { AlertItemFragment, AlertStatus } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

const statusColor: Record<AlertStatus, string> = { OPEN: 'red', ACKNOWLEDGED: 'orange', RESOLVED: 'teal' };

/** One alert: who, what, why (the risk factors), and what was done about it. */
export function AlertCard({
  alert: a,
  canAct,
  onAcknowledge,
  onResolve,
  busy,
}: {
  alert: AlertItemFragment;
  canAct: boolean;
  onAcknowledge: () => void;
  onResolve: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder radius="md" padding="md" data-testid="alert-row" data-alert-id={a.id} data-status={a.status} style={{ borderLeft: `4px solid var(--mantine-color-${riskColor[a.levelAfter]}-6)` }}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Group gap="xs">
            <Badge color={riskColor[a.levelAfter]} variant="light" data-testid="alert-kind">
              {t(`workflowEnums.alertKind.${a.kind}`)}
            </Badge>
            <Badge color={statusColor[a.status]} variant="dot">
              {t(`workflowEnums.alertStatus.${a.status}`)}
            </Badge>
            <Text size="xs" c="dimmed" title={f.dateTime(a.createdAt)}>
              {f.relative(a.createdAt)}
            </Text>
          </Group>
          <Group gap="xs">
            <Anchor component={Link} to={`/customers/${a.customer.id}`} fw={600} data-testid="alert-customer">
              {a.customer.name}
            </Anchor>
            <RiskBadge level={a.customer.riskLevel} score={a.customer.riskScore} size="sm" />
          </Group>
          <Text size="sm" c="dimmed">
            {a.scoreBefore === a.scoreAfter && a.levelBefore === a.levelAfter
              ? t('alerts.changeSame', { after: a.scoreAfter, levelAfter: t(`enums.riskLevel.${a.levelAfter}`) })
              : t('alerts.change', {
                  before: a.scoreBefore,
                  after: a.scoreAfter,
                  levelBefore: t(`enums.riskLevel.${a.levelBefore}`),
                  levelAfter: t(`enums.riskLevel.${a.levelAfter}`),
                })}
          </Text>
          {a.reasons.length > 0 && (
            <List size="sm" spacing={2} mt={4} aria-label={t('alerts.reasons')}>
              {[...a.reasons]
                .sort((x, y) => y.points - x.points)
                .map((r) => (
                  <List.Item key={r.key}>
                    {r.text}{' '}
                    <Text span size="xs" c="dimmed">
                      (+{r.points})
                    </Text>
                  </List.Item>
                ))}
            </List>
          )}
          {a.acknowledgedBy && (
            <Text size="xs" c="dimmed">
              {t('alerts.acknowledgedBy', { name: a.acknowledgedBy.name, when: f.dateTime(a.acknowledgedAt) })}
            </Text>
          )}
          {a.resolvedBy && (
            <Text size="xs" c="dimmed">
              {t('alerts.resolvedBy', { name: a.resolvedBy.name, when: f.dateTime(a.resolvedAt) })}
            </Text>
          )}
        </Stack>
        {canAct && a.status !== 'RESOLVED' && (
          <Group gap="xs">
            {a.status === 'OPEN' && (
              <Button size="xs" variant="light" leftSection={<IconEye size={14} />} onClick={onAcknowledge} loading={busy} data-testid="acknowledge-alert">
                {t('alerts.acknowledge')}
              </Button>
            )}
            <Button size="xs" variant="light" color="teal" leftSection={<IconCheck size={14} />} onClick={onResolve} loading={busy} data-testid="resolve-alert">
              {t('alerts.resolve')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}
