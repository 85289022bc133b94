import { Anchor, Badge, Card, Checkbox, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconUserExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RiskBadge, StageBadge, TierBadge } from '@/components/enum-badges';
import type { CustomerListItemFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { useIsMobile } from '@/lib/use-is-mobile';

type Props = {
  rows: CustomerListItemFragment[];
  /** Shown only to those who may reassign. */
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
};

function OwnerCell({ c }: { c: CustomerListItemFragment }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{c.owner.name}</Text>
      {c.ownerDeparted && (
        <Tooltip label={t('customers.ownerDeparted')}>
          <IconUserExclamation size={16} color="var(--mantine-color-orange-7)" aria-label={t('customers.ownerDeparted')} role="img" />
        </Tooltip>
      )}
    </Group>
  );
}

/** The customer list: a table on desktop, cards on phones. */
export function CustomersTable({ rows, selectable, selected, onToggle, onToggleAll }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const isMobile = useIsMobile();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));

  if (isMobile) {
    return (
      <Stack gap="xs" data-testid="customers-cards">
        {selectable && rows.length > 0 && (
          <Checkbox
            label={t('customers.selectPage')}
            checked={allSelected}
            indeterminate={someSelected && !allSelected}
            onChange={(e) => onToggleAll(e.currentTarget.checked)}
          />
        )}
        {rows.map((c) => (
          <Card key={c.id} withBorder padding="sm" radius="md" data-testid="customer-row">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                {selectable && (
                  <Checkbox mt={4} aria-label={t('customers.selectOne', { name: c.name })} checked={selected.has(c.id)} onChange={() => onToggle(c.id)} />
                )}
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/customers/${c.id}`} fw={600}>
                    {c.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" truncate>
                    {[c.company, c.city].filter(Boolean).join(' · ')}
                  </Text>
                </div>
              </Group>
              <RiskBadge level={c.riskLevel} score={c.riskScore} />
            </Group>
            <Group gap={6} mt="xs">
              <StageBadge stage={c.stage} />
              <TierBadge tier={c.tier} />
              <Text size="xs" c="dimmed">
                {c.owner.name} · {c.relationshipType.name}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={880}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="customers-table">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('customers.selectPage')}
                  checked={allSelected}
                  indeterminate={someSelected && !allSelected}
                  onChange={(e) => onToggleAll(e.currentTarget.checked)}
                />
              </Table.Th>
            )}
            <Table.Th>{t('customers.fields.name')}</Table.Th>
            <Table.Th>{t('customers.fields.stage')}</Table.Th>
            <Table.Th>{t('customers.fields.tier')}</Table.Th>
            <Table.Th>{t('customers.fields.risk')}</Table.Th>
            <Table.Th>{t('customers.fields.owner')}</Table.Th>
            <Table.Th>{t('customers.fields.relationshipType')}</Table.Th>
            <Table.Th>{t('customers.fields.lastContact')}</Table.Th>
            <Table.Th ta="right">{t('customers.fields.annualRevenue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id} data-testid="customer-row" bg={selected.has(c.id) ? 'var(--mantine-color-cyan-light)' : undefined}>
              {selectable && (
                <Table.Td>
                  <Checkbox aria-label={t('customers.selectOne', { name: c.name })} checked={selected.has(c.id)} onChange={() => onToggle(c.id)} />
                </Table.Td>
              )}
              <Table.Td maw={280}>
                <Anchor component={Link} to={`/customers/${c.id}`} fw={600} size="sm">
                  {c.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {[c.company, c.city].filter(Boolean).join(' · ')}
                </Text>
                {c.tags.length > 0 && (
                  <Group gap={4} mt={2}>
                    {c.tags.slice(0, 3).map((tag) => (
                      <Badge key={tag} size="xs" variant="default" radius="sm" tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <StageBadge stage={c.stage} />
              </Table.Td>
              <Table.Td>
                <TierBadge tier={c.tier} />
              </Table.Td>
              <Table.Td>
                <RiskBadge level={c.riskLevel} score={c.riskScore} />
              </Table.Td>
              <Table.Td>
                <OwnerCell c={c} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.relationshipType.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={f.dateTime(c.lastContactAt)}>
                  {c.lastContactAt ? f.relative(c.lastContactAt) : t('customers.neverContacted')}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{f.money(c.annualRevenue)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
