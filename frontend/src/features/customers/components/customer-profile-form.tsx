import { Button, Divider, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { fromRows, KeyValueEditor, toRows, type KeyValue } from '@/components/key-value-editor';
import { UpdateCustomerDocument, type CustomerProfileFragment, type Tier } from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { moneyValue, validateCustomerForm, type CustomerFormValues } from '../utils/customer-validation';
import { CustomerFormFields } from './customer-form-fields';
import { focusFirstError } from '@/lib/forms';

type EditValues = CustomerFormValues & { satisfaction: string; details: KeyValue[]; preferences: KeyValue[] };

const FIELDS = [
  'name', 'company', 'email', 'phone', 'city', 'industry', 'externalId', 'tier', 'potential',
  'relationshipTypeId', 'tags', 'annualRevenue', 'acquisitionCost', 'satisfaction', 'details', 'preferences',
] as const;

export function profileToValues(c: CustomerProfileFragment): EditValues {
  return {
    name: c.name,
    company: c.company,
    email: c.email,
    phone: c.phone,
    city: c.city,
    industry: c.industry,
    externalId: c.externalId ?? '',
    tier: c.tier,
    potential: c.potential,
    relationshipTypeId: c.relationshipType.id,
    tags: c.tags,
    annualRevenue: c.annualRevenue,
    acquisitionCost: c.acquisitionCost,
    satisfaction: c.satisfaction ? String(c.satisfaction) : '',
    details: toRows(c.details),
    preferences: toRows(c.preferences),
  };
}

/**
 * Edits a customer. The save carries the version that was read; when
 * someone else saved in between, the API answers CONFLICT and the form
 * explains it and offers to reload.
 */
export function CustomerProfileForm({
  customer,
  onSaved,
  onCancel,
  onReload,
}: {
  customer: CustomerProfileFragment;
  onSaved: () => void;
  onCancel: () => void;
  /** Fetches the latest version; resolves with it. */
  onReload: () => Promise<CustomerProfileFragment | null | undefined>;
}) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [version, setVersion] = useState(customer.version);
  const [state, update] = useMutation(UpdateCustomerDocument);
  const form = useForm<EditValues>({
    initialValues: profileToValues(customer),
    validate: (values) => validateCustomerForm(values, t),
  });

  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const res = await update({
      id: customer.id,
      version,
      input: {
        name: v.name.trim(),
        company: v.company.trim(),
        email: v.email.trim(),
        phone: v.phone.trim(),
        city: v.city.trim(),
        industry: v.industry.trim(),
        externalId: v.externalId.trim(),
        tier: v.tier as Tier,
        potential: v.potential,
        relationshipTypeId: v.relationshipTypeId,
        tags: v.tags.map((x) => x.trim()).filter(Boolean),
        annualRevenue: moneyValue(v.annualRevenue),
        acquisitionCost: moneyValue(v.acquisitionCost),
        ...(v.satisfaction ? { satisfaction: Number(v.satisfaction) } : {}),
        details: fromRows(v.details),
        preferences: fromRows(v.preferences),
      },
    });
    if (res.error) {
      handle(res.error, { form, fields: FIELDS, onConflict: () => setConflict(true) });
      return;
    }
    notifications.show({ color: 'teal', message: t('customers.saved') });
    onSaved();
  }, focusFirstError);

  const reload = async () => {
    setReloading(true);
    const latest = await onReload();
    setReloading(false);
    if (latest) {
      form.setValues(profileToValues(latest));
      form.resetDirty(profileToValues(latest));
      setVersion(latest.version);
      setConflict(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('customers.editTitle')} data-testid="customer-edit-form">
      <Stack>
        {conflict && <ConflictAlert onReload={() => void reload()} onDismiss={() => setConflict(false)} reloading={reloading} />}
        <CustomerFormFields form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('customers.fields.satisfaction')}
            data={['1', '2', '3', '4', '5'].map((x) => ({ value: x, label: t('customers.satisfactionValue', { value: x }) }))}
            clearable
            placeholder={t('common.notRecorded')}
            {...form.getInputProps('satisfaction')}
          />
        </SimpleGrid>
        <Divider />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <KeyValueEditor label={t('customers.fields.details')} value={form.values.details} onChange={(v) => form.setFieldValue('details', v)} />
          <KeyValueEditor label={t('customers.fields.preferences')} value={form.values.preferences} onChange={(v) => form.setFieldValue('preferences', v)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="save-customer">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
