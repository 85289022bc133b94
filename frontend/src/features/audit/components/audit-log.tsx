import { Anchor, Badge, Button, Card, Code, Collapse, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight, IconChevronUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { AuditLogDocument, type AuditLogQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

/** The entity types the API writes to the audit log. */
export const AUDIT_ENTITY_TYPES = [
  'alert',
  'api_token',
  'complaint',
  'customer',
  'interaction',
  'key_date',
  'loss_reason',
  'order',
  'playbook',
  'promise',
  'relationship_type',
  'remediation_step',
  'user',
  'workspace',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 25;

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The fields that differ between before and after (all of them for a creation or deletion). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { key: string; before: string; after: string }[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return keys
    .map((key) => ({ key, before: show(before?.[key]), after: show(after?.[key]) }))
    .filter((r) => r.before !== r.after);
}

function entityLink(type: string, id: string | null): string | null {
  if (!id) return null;
  if (type === 'customer') return `/customers/${id}`;
  if (type === 'complaint') return `/complaints/${id}`;
  return null;
}

function EntryRow({ e }: { e: Entry }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const changes = useMemo(() => changedFields(e.before ?? null, e.after ?? null), [e.before, e.after]);
  const actionKey = `audit.actions.${e.action.replace(/\./g, '_')}`;
  const entityKey = `audit.entities.${e.entityType}`;
  const link = entityLink(e.entityType, e.entityId);
  const actor = e.actor?.name ?? (e.actorTokenId ? t('audit.token', { id: e.actorTokenId.slice(0, 8) }) : t('audit.system'));
  return (
    <Paper withBorder radius="md" p="sm" data-testid="audit-entry">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {actor}
            </Text>
            <Text size="sm">{i18n.exists(actionKey) ? t(actionKey) : e.action}</Text>
          </Group>
          <Group gap={6}>
            <Badge size="xs" variant="light" color="gray">
              {i18n.exists(entityKey) ? t(entityKey) : e.entityType}
            </Badge>
            {e.entityId &&
              (link ? (
                <Anchor component={Link} to={link} size="xs" ff="monospace">
                  {e.entityId}
                </Anchor>
              ) : (
                <Text size="xs" ff="monospace" c="dimmed">
                  {e.entityId}
                </Text>
              ))}
          </Group>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed">
            {f.dateTime(e.at)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {t('audit.request', { id: e.requestId })}
          </Text>
        </Stack>
      </Group>
      {changes.length > 0 && (
        <>
          <Button size="compact-xs" variant="subtle" mt={4} onClick={() => setOpen((o) => !o)} aria-expanded={open} rightSection={open ? <IconChevronUp size={12} /> : <IconChevronDown size={12} />}>
            {t('audit.changes', { count: changes.length })}
          </Button>
          <Collapse expanded={open}>
            <Table.ScrollContainer minWidth={480} mt="xs">
              <Table fz="xs" verticalSpacing={2} withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('audit.field')}</Table.Th>
                    <Table.Th>{t('audit.before')}</Table.Th>
                    <Table.Th>{t('audit.after')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changes.map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Td>
                        <Code>{c.key}</Code>
                      </Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{c.before}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{c.after}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Collapse>
        </>
      )}
    </Paper>
  );
}

/** Who did what, newest first, optionally for one entity (admins). */
export function AuditLog({ entityType, entityId, onFilter }: { entityType: string | null; entityId: string; onFilter: (p: { entityType?: string | null; entityId?: string }) => void }) {
  const { t, i18n } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [idDraft, setIdDraft] = useState(entityId);
  const validId = entityId && UUID.test(entityId) ? entityId : null;
  const key = `${entityType}|${validId}`;
  const [pagedKey, setPagedKey] = useState(key);
  if (pagedKey !== key) {
    setPagedKey(key);
    setCursors([null]);
  }
  const after = cursors[cursors.length - 1];
  const [res, reexecute] = useQuery({ query: AuditLogDocument, variables: { entityType, entityId: validId, first: PAGE, after } });
  const conn = res.data?.auditLog;
  let body;
  if (!conn && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!conn) body = <LoadingState rows={6} />;
  else if (conn.edges.length === 0) body = <EmptyState title={t('audit.emptyTitle')} description={t('audit.emptyBody')} />;
  else
    body = (
      <Stack gap="xs" data-testid="audit-list">
        {conn.edges.map(({ node }) => (
          <EntryRow key={node.id} e={node} />
        ))}
      </Stack>
    );
  const idError = entityId && !UUID.test(entityId) ? t('audit.badId') : null;
  return (
    <>
      <Card withBorder radius="md" padding="md" mb="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onFilter({ entityId: idDraft.trim() });
          }}
        >
          <Group gap="md" align="flex-end" wrap="wrap">
            <Select
              label={t('audit.entityType')}
              placeholder={t('audit.allTypes')}
              clearable
              data={AUDIT_ENTITY_TYPES.map((x) => ({ value: x, label: i18n.exists(`audit.entities.${x}`) ? t(`audit.entities.${x}`) : x }))}
              value={entityType}
              onChange={(v) => onFilter({ entityType: v })}
              w={{ base: '100%', xs: 220 }}
              data-testid="audit-entity-type"
            />
            <TextInput
              label={t('audit.entityId')}
              placeholder="01a2…"
              value={idDraft}
              onChange={(e) => setIdDraft(e.currentTarget.value)}
              error={idError}
              w={{ base: '100%', sm: 340 }}
              ff="monospace"
            />
            <Button type="submit" variant="light">
              {t('audit.apply')}
            </Button>
          </Group>
        </form>
      </Card>
      <div aria-busy={res.fetching}>{body}</div>
      {conn && (cursors.length > 1 || conn.pageInfo.hasNextPage) && (
        <Group justify="center" mt="md" gap="xs">
          <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={cursors.length === 1 || res.fetching} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('common.previous')}
          </Button>
          <Text size="sm">{t('audit.page', { page: cursors.length })}</Text>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            disabled={!conn.pageInfo.hasNextPage || res.fetching}
            onClick={() => setCursors((c) => [...c, conn.pageInfo.endCursor ?? null])}
          >
            {t('common.next')}
          </Button>
        </Group>
      )}
    </>
  );
}
