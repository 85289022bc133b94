import { Button, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CreateCustomerDocument, OwnerOptionsDocument, type Stage, type Tier } from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { STAGES } from '../utils/filter-params';
import { moneyValue, validateCustomerForm, type CustomerFormValues } from '../utils/customer-validation';
import { CustomerFormFields } from './customer-form-fields';
import { focusFirstError } from '@/lib/forms';

type CreateValues = CustomerFormValues & { stage: string; ownerId: string; backupOwnerId: string };

const FIELDS = [
  'name', 'company', 'email', 'phone', 'city', 'industry', 'externalId', 'tier', 'potential',
  'relationshipTypeId', 'tags', 'annualRevenue', 'acquisitionCost', 'stage', 'ownerId', 'backupOwnerId',
] as const;

export const emptyCustomer: CreateValues = {
  name: '',
  company: '',
  email: '',
  phone: '',
  city: '',
  industry: '',
  externalId: '',
  tier: 'STANDARD',
  potential: 'B',
  relationshipTypeId: '',
  tags: [],
  annualRevenue: '',
  acquisitionCost: '',
  stage: 'PROSPECT',
  ownerId: '',
  backupOwnerId: '',
};

/**
 * Creates a customer. Checks run before sending; anything the API still
 * refuses (BAD_USER_INPUT) is shown on the field it names.
 */
export function CustomerCreateForm({ canChooseOwner, currentUserId, onCreated, onCancel }: { canChooseOwner: boolean; currentUserId: string; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [users] = useQuery({ query: OwnerOptionsDocument });
  const [state, create] = useMutation(CreateCustomerDocument);
  const form = useForm<CreateValues>({
    initialValues: { ...emptyCustomer, ownerId: currentUserId },
    validate: (values) => {
      const errors: Record<string, string> = { ...validateCustomerForm(values, t) };
      const owner = values.ownerId || currentUserId;
      if (values.backupOwnerId && values.backupOwnerId === owner) errors.backupOwnerId = t('customers.reassign.sameBackup');
      return errors;
    },
  });
  const people = (users.data?.users ?? []).filter((u) => u.active && u.role !== 'VIEWER').map((u) => ({ value: u.id, label: u.name }));

  const submit = form.onSubmit(async (v) => {
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const res = await create({
      input: {
        name: v.name.trim(),
        company: opt(v.company),
        email: opt(v.email),
        phone: opt(v.phone),
        city: opt(v.city),
        industry: opt(v.industry),
        externalId: opt(v.externalId),
        stage: v.stage as Stage,
        tier: v.tier as Tier,
        potential: v.potential,
        relationshipTypeId: v.relationshipTypeId,
        ownerId: canChooseOwner ? opt(v.ownerId) : undefined,
        backupOwnerId: opt(v.backupOwnerId),
        tags: v.tags.map((x) => x.trim()).filter(Boolean),
        annualRevenue: moneyValue(v.annualRevenue),
        acquisitionCost: moneyValue(v.acquisitionCost),
      },
    });
    if (res.error || !res.data) {
      handle(res.error, { form, fields: FIELDS });
      return;
    }
    notifications.show({ color: 'teal', message: t('customers.created', { name: res.data.createCustomer.name }) });
    onCreated(res.data.createCustomer.id);
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate aria-label={t('customers.newTitle')} data-testid="customer-create-form">
      <Stack>
        <CustomerFormFields form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select label={t('customers.fields.stage')} data={STAGES.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))} {...form.getInputProps('stage')} allowDeselect={false} />
          {canChooseOwner && (
            <Select label={t('customers.fields.owner')} data={people} searchable {...form.getInputProps('ownerId')} allowDeselect={false} nothingFoundMessage={t('common.nothingFound')} />
          )}
          <Select
            label={t('customers.fields.backupOwner')}
            description={t('customers.backupHelp')}
            data={people}
            searchable
            clearable
            placeholder={t('common.none')}
            {...form.getInputProps('backupOwnerId')}
            nothingFoundMessage={t('common.nothingFound')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="create-customer">
            {t('customers.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
