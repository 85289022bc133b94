import { NumberInput, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { RelationshipTypeOptionsDocument } from '@/gql/graphql';
import { TIERS } from '../utils/filter-params';
import type { CustomerFormValues } from '../utils/customer-validation';

/** The fields the create and the edit form share. */
export function CustomerFormFields<V extends CustomerFormValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  const [types] = useQuery({ query: RelationshipTypeOptionsDocument });
  const f = form as unknown as UseFormReturnType<CustomerFormValues>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      <TextInput label={t('customers.fields.name')} required maxLength={200} {...f.getInputProps('name')} data-testid="field-name" />
      <TextInput label={t('customers.fields.company')} maxLength={200} {...f.getInputProps('company')} data-testid="field-company" />
      <TextInput label={t('customers.fields.email')} type="email" maxLength={254} {...f.getInputProps('email')} data-testid="field-email" />
      <TextInput label={t('customers.fields.phone')} type="tel" maxLength={50} {...f.getInputProps('phone')} />
      <TextInput label={t('customers.fields.city')} maxLength={100} {...f.getInputProps('city')} data-testid="field-city" />
      <TextInput label={t('customers.fields.industry')} maxLength={100} {...f.getInputProps('industry')} />
      <Select
        label={t('customers.fields.relationshipType')}
        required
        data={(types.data?.relationshipTypes ?? []).map((r) => ({ value: r.id, label: r.name }))}
        {...f.getInputProps('relationshipTypeId')}
        allowDeselect={false}
        data-testid="field-relationship-type"
      />
      <Select label={t('customers.fields.tier')} data={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} {...f.getInputProps('tier')} allowDeselect={false} />
      <Select
        label={t('customers.fields.potential')}
        description={t('customers.potentialHelp')}
        data={['A', 'B', 'C'].map((x) => ({ value: x, label: t(`enums.potential.${x}`) }))}
        {...f.getInputProps('potential')}
        allowDeselect={false}
      />
      <TextInput label={t('customers.fields.externalId')} description={t('customers.externalIdHelp')} maxLength={100} {...f.getInputProps('externalId')} />
      <NumberInput label={t('customers.fields.annualRevenue')} min={0} thousandSeparator="," decimalScale={2} {...f.getInputProps('annualRevenue')} />
      <NumberInput label={t('customers.fields.acquisitionCost')} min={0} thousandSeparator="," decimalScale={2} {...f.getInputProps('acquisitionCost')} />
      <TagsInput
        label={t('customers.fields.tags')}
        description={t('customers.tagsHelp')}
        maxTags={20}
        clearable
        {...f.getInputProps('tags')}
        style={{ gridColumn: '1 / -1' }}
      />
    </SimpleGrid>
  );
}
