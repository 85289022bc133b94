import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CreatePromiseDocument, OwnerOptionsDocument } from '@/gql/graphql';
import { fromInput, toDateInput } from '@/lib/date-input';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';

/** Records a commitment made to the customer, with a due date and an owner (the signed-in user by default). */
export function PromiseForm({ customerId, onDone, onCancel }: { customerId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [owners] = useQuery({ query: OwnerOptionsDocument });
  const [state, create] = useMutation(CreatePromiseDocument);
  const form = useForm({
    initialValues: { description: '', dueAt: toDateInput(new Date(Date.now() + 7 * 86_400_000)), ownerId: null as string | null },
    validate: {
      description: (v) => (v.trim() ? null : t('validation.required')),
      dueAt: (v) => (fromInput(v) ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    const res = await create({ input: { customerId, description: v.description.trim(), dueAt: fromInput(v.dueAt)!, ownerId: v.ownerId } });
    if (res.error) {
      handle(res.error, { form, fields: ['description', 'dueAt', 'ownerId'] });
      return;
    }
    notifications.show({ color: 'teal', message: t('promise.created') });
    onDone();
  }, focusFirstError);
  const people = (owners.data?.users ?? []).filter((u) => u.active && u.role !== 'VIEWER').map((u) => ({ value: u.id, label: u.name }));
  return (
    <form onSubmit={submit} noValidate data-testid="promise-form">
      <Stack>
        <Textarea label={t('promise.description')} description={t('promise.descriptionHelp')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('description')} data-testid="promise-description" />
        <TextInput type="date" label={t('promise.dueAt')} required {...form.getInputProps('dueAt')} />
        <Select label={t('promise.owner')} placeholder={t('promise.ownerDefault')} data={people} clearable searchable {...form.getInputProps('ownerId')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="promise-save">
            {t('promise.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
