import { Badge, Button, Card, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { RelationshipTypesDocument, type RelationshipTypeContractFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { ContractEditor } from './contract-editor';
import { useIsMobile } from '@/lib/use-is-mobile';

/** Relationship types and their contracts; leaders may edit them. */
export function RelationshipTypesSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useClient();
  const isMobile = useIsMobile();
  const [result, reexecute] = useQuery({ query: RelationshipTypesDocument });
  // null: closed; 'new': creating; otherwise the type being edited.
  const [editing, setEditing] = useState<RelationshipTypeContractFragment | 'new' | null>(null);

  const types = result.data?.relationshipTypes;
  let body;
  if (!types && result.error) body = <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!types) body = <LoadingState rows={4} />;
  else if (types.length === 0) body = <EmptyState title={t('contract.emptyTitle')} description={t('contract.emptyBody')} />;
  else
    body = (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {types.map((r) => (
          <Card key={r.id} withBorder radius="md" padding="lg" data-testid="relationship-type">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Title order={2} size="h4">
                  {r.name}
                </Title>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {r.description}
                </Text>
              </div>
              <Badge variant="light" style={{ flexShrink: 0 }}>
                {t('contract.customers', { count: r.customerCount, formatted: f.number(r.customerCount) })}
              </Badge>
            </Group>
            <SimpleGrid cols={3} mt="md" spacing="xs">
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('contract.cadence')}
                </Text>
                <Text size="sm" fw={600}>
                  {t('contract.everyDays', { count: r.contactCadenceDays })}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('contract.sla')}
                </Text>
                <Text size="sm" fw={600}>
                  {t('contract.withinHours', { count: r.complaintSlaHours })}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('contract.budget')}
                </Text>
                <Text size="sm" fw={600}>
                  {f.money(r.benefitBudget)}
                </Text>
              </Stack>
            </SimpleGrid>
            <Group justify="space-between" mt="md">
              <Text size="xs" c="dimmed">
                {t('contract.summary', { dos: r.dos.length, donts: r.donts.length })}
              </Text>
              {canManage && (
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setEditing(r)} aria-label={t('contract.editTitle', { name: r.name })}>
                  {t('common.edit')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    );

  const current = editing === 'new' ? null : editing;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Text size="sm" c="dimmed" maw={640}>
          {t('contract.intro')}
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-relationship-type">
            {t('contract.new')}
          </Button>
        )}
      </Group>
      {body}
      <Drawer
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size={isMobile ? '100%' : 'xl'}
        title={current ? t('contract.editTitle', { name: current.name }) : t('contract.newTitle')}
      >
        {editing !== null && (
          <ContractEditor
            key={current?.id ?? 'new'}
            type={current}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
            onReload={async () => {
              const res = await client.query(RelationshipTypesDocument, {}, { requestPolicy: 'network-only' }).toPromise();
              return res.data?.relationshipTypes.find((x) => x.id === current?.id);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
