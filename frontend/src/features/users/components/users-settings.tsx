import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconDots, IconEdit, IconPlus, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { UsersDocument, type DirectoryUserFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { CreateUserForm, DeactivateUserForm, EditUserForm } from './user-forms';
import { useIsMobile } from '@/lib/use-is-mobile';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: DirectoryUserFragment } | { kind: 'deactivate'; user: DirectoryUserFragment } | null;

/** The user directory; admins create users, change roles and managers, and deactivate. */
export function UsersSettings({ canManage, currentUserId }: { canManage: boolean; currentUserId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useClient();
  const isMobile = useIsMobile();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [result, reexecute] = useQuery({ query: UsersDocument, variables: { includeInactive } });
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = result.data?.users;
  const close = () => setDialog(null);

  const actions = (u: DirectoryUserFragment) =>
    canManage &&
    u.active && (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('users.actionsFor', { name: u.name })}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => setDialog({ kind: 'edit', user: u })}>
            {t('common.edit')}
          </Menu.Item>
          {u.id !== currentUserId && (
            <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => setDialog({ kind: 'deactivate', user: u })}>
              {t('users.deactivate')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    );

  const status = (u: DirectoryUserFragment) =>
    u.active ? (
      <Badge color="teal" variant="light">
        {t('users.active')}
      </Badge>
    ) : (
      <Badge color="gray" variant="light">
        {t('users.inactiveSince', { when: f.date(u.deactivatedAt) })}
      </Badge>
    );

  let body;
  if (!users && result.error) body = <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!users) body = <LoadingState rows={6} />;
  else if (users.length === 0) body = <EmptyState title={t('users.emptyTitle')} />;
  else if (isMobile)
    body = (
      <Stack gap="xs">
        {users.map((u) => (
          <Card key={u.id} withBorder padding="sm" data-testid="user-row">
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{u.name}</Text>
                <Text size="xs" c="dimmed" truncate>
                  {u.email}
                </Text>
              </div>
              {actions(u)}
            </Group>
            <Group gap={6} mt={6}>
              <Badge variant="outline">{t(`enums.role.${u.role}`)}</Badge>
              {status(u)}
              {u.manager && (
                <Text size="xs" c="dimmed">
                  {t('users.reportsTo', { name: u.manager.name })}
                </Text>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.fields.name')}</Table.Th>
              <Table.Th>{t('users.fields.email')}</Table.Th>
              <Table.Th>{t('users.fields.role')}</Table.Th>
              <Table.Th>{t('users.fields.manager')}</Table.Th>
              <Table.Th>{t('users.fields.status')}</Table.Th>
              <Table.Th>{t('users.fields.createdAt')}</Table.Th>
              {canManage && (
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id} data-testid="user-row">
                <Table.Td fw={500}>{u.name}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`enums.role.${u.role}`)}</Table.Td>
                <Table.Td>{u.manager?.name ?? '—'}</Table.Td>
                <Table.Td>{status(u)}</Table.Td>
                <Table.Td>{f.date(u.createdAt)}</Table.Td>
                {canManage && <Table.Td ta="right">{actions(u)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <Group justify="space-between" mb="md">
        <Switch label={t('users.showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })} data-testid="new-user">
            {t('users.new')}
          </Button>
        )}
      </Group>
      <Card withBorder radius="md" padding={isMobile ? 'xs' : 'md'}>
        {body}
      </Card>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={dialog?.kind === 'create'} onClose={close} title={t('users.newTitle')} fullScreen={isMobile}>
        {dialog?.kind === 'create' && <CreateUserForm users={users ?? []} onDone={close} onCancel={close} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={dialog?.kind === 'edit'} onClose={close} title={dialog?.kind === 'edit' ? t('users.editTitle', { name: dialog.user.name }) : ''} fullScreen={isMobile}>
        {dialog?.kind === 'edit' && (
          <EditUserForm
            user={dialog.user}
            users={users ?? []}
            onDone={close}
            onCancel={close}
            onReload={async () => {
              const res = await client.query(UsersDocument, { includeInactive }, { requestPolicy: 'network-only' }).toPromise();
              return res.data?.users.find((u) => u.id === dialog.user.id);
            }}
          />
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={dialog?.kind === 'deactivate'} onClose={close} title={dialog?.kind === 'deactivate' ? t('users.deactivateTitle', { name: dialog.user.name }) : ''}>
        {dialog?.kind === 'deactivate' && <DeactivateUserForm user={dialog.user} users={users ?? []} onDone={close} onCancel={close} />}
      </Modal>
    </>
  );
}
