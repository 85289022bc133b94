import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { OwnerOptionsDocument, ReassignCustomersDocument } from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { focusFirstError } from '@/lib/forms';

const FIELDS = ['ownerId', 'backupOwnerId'] as const;

/** Bulk reassignment of the selected customers (admins, and managers within their team). */
export function ReassignModal({ ids, opened, onClose, onDone }: { ids: string[]; opened: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [users] = useQuery({ query: OwnerOptionsDocument, pause: !opened });
  const [state, reassign] = useMutation(ReassignCustomersDocument);
  const form = useForm({
    initialValues: { ownerId: '', backupOwnerId: '' },
    validate: {
      ownerId: (v) => (v ? null : t('validation.required')),
      backupOwnerId: (v, all) => (v && v === all.ownerId ? t('customers.reassign.sameBackup') : null),
    },
  });
  const options = (users.data?.users ?? []).filter((u) => u.active && u.role !== 'VIEWER').map((u) => ({ value: u.id, label: `${u.name} · ${t(`enums.role.${u.role}`)}` }));

  const submit = form.onSubmit(async (v) => {
    const res = await reassign({ ids, ownerId: v.ownerId, backupOwnerId: v.backupOwnerId || null });
    if (res.error) {
      handle(res.error, { form, fields: FIELDS });
      return;
    }
    notifications.show({ color: 'teal', message: t('customers.reassign.done', { count: res.data?.reassignCustomers.length ?? ids.length }) });
    form.reset();
    onDone();
  }, focusFirstError);

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('customers.reassign.title', { count: ids.length })} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('customers.reassign.help')}
          </Text>
          <Select label={t('customers.fields.owner')} data={options} searchable required {...form.getInputProps('ownerId')} data-testid="reassign-owner" nothingFoundMessage={t('common.nothingFound')} />
          <Select label={t('customers.fields.backupOwner')} data={options} searchable clearable {...form.getInputProps('backupOwnerId')} placeholder={t('common.none')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={state.fetching} data-testid="reassign-submit">
              {t('customers.reassign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
