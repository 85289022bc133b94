import { Button, Collapse, Group, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { OwnerOptionsDocument, RelationshipTypeOptionsDocument, type CustomerOrder } from '@/gql/graphql';
import { activeFilterCount, DEFAULT_LIST_STATE, ORDERS, RISK_LEVELS, STAGES, TIERS, type CustomerListState } from '../utils/filter-params';
import { useIsMobile } from '@/lib/use-is-mobile';

type Props = { value: CustomerListState; onChange: (patch: Partial<CustomerListState>) => void };

/** A text filter whose typing is debounced before it reaches the URL and the API. */
function DebouncedInput({
  value,
  onChange,
  label,
  placeholder,
  testId,
  search,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  testId: string;
  search?: boolean;
}) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  const last = useRef(value);
  useEffect(() => {
    // An outside change (Back, "clear filters") resets the box.
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (debounced !== last.current) {
      last.current = debounced;
      onChange(debounced);
    }
  }, [debounced, onChange]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={search ? <IconSearch size={16} aria-hidden /> : undefined}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      type={search ? 'search' : 'text'}
      data-testid={testId}
    />
  );
}

export function CustomerFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [open, { toggle }] = useDisclosure(false);
  const [owners] = useQuery({ query: OwnerOptionsDocument });
  const [types] = useQuery({ query: RelationshipTypeOptionsDocument });
  const count = activeFilterCount(value);
  const setSearch = useCallback((search: string) => onChange({ search }), [onChange]);
  const setTag = useCallback((tag: string) => onChange({ tag }), [onChange]);

  const ownerData = (owners.data?.users ?? []).filter((u) => u.role !== 'VIEWER').map((u) => ({ value: u.id, label: u.name }));
  const typeData = (types.data?.relationshipTypes ?? []).map((r) => ({ value: r.id, label: r.name }));

  const filters = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" verticalSpacing="xs">
      <MultiSelect
        label={t('customers.fields.stage')}
        placeholder={value.stages.length ? undefined : t('common.any')}
        data={STAGES.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))}
        value={value.stages}
        onChange={(v) => onChange({ stages: v as CustomerListState['stages'] })}
        clearable
        data-testid="filter-stage"
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('customers.fields.tier')}
        placeholder={value.tiers.length ? undefined : t('common.any')}
        data={TIERS.map((s) => ({ value: s, label: t(`enums.tier.${s}`) }))}
        value={value.tiers}
        onChange={(v) => onChange({ tiers: v as CustomerListState['tiers'] })}
        clearable
        data-testid="filter-tier"
      />
      <MultiSelect
        label={t('customers.fields.riskLevel')}
        placeholder={value.riskLevels.length ? undefined : t('common.any')}
        data={RISK_LEVELS.map((s) => ({ value: s, label: t(`enums.riskLevel.${s}`) }))}
        value={value.riskLevels}
        onChange={(v) => onChange({ riskLevels: v as CustomerListState['riskLevels'] })}
        clearable
        data-testid="filter-risk"
      />
      <MultiSelect
        label={t('customers.fields.owner')}
        placeholder={value.ownerIds.length ? undefined : t('common.any')}
        data={ownerData}
        value={value.ownerIds}
        onChange={(v) => onChange({ ownerIds: v })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        data-testid="filter-owner"
      />
      <MultiSelect
        label={t('customers.fields.relationshipType')}
        placeholder={value.relationshipTypeIds.length ? undefined : t('common.any')}
        data={typeData}
        value={value.relationshipTypeIds}
        onChange={(v) => onChange({ relationshipTypeIds: v })}
        clearable
        data-testid="filter-type"
      />
      <DebouncedInput label={t('customers.fields.tag')} placeholder={t('customers.tagPlaceholder')} value={value.tag} onChange={setTag} testId="filter-tag" />
      <Select
        label={t('customers.sortBy')}
        data={ORDERS.map((o) => ({ value: o, label: t(`enums.order.${o}`) }))}
        value={value.orderBy}
        onChange={(v) => onChange({ orderBy: (v ?? DEFAULT_LIST_STATE.orderBy) as CustomerOrder })}
        allowDeselect={false}
        data-testid="sort"
      />
    </SimpleGrid>
  );

  return (
    <div>
      <Group align="flex-end" gap="sm" mb="sm" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <DebouncedInput
            label={t('customers.search')}
            placeholder={t('customers.searchPlaceholder')}
            value={value.search}
            onChange={setSearch}
            testId="customer-search"
            search
          />
        </div>
        {isMobile && (
          <Button variant="default" onClick={toggle} leftSection={<IconAdjustmentsHorizontal size={16} />} aria-expanded={open} aria-controls="customer-filters">
            {count ? t('customers.filtersCount', { count }) : t('customers.filters')}
          </Button>
        )}
        {!isMobile && count > 0 && (
          <Button variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={() => onChange({ ...DEFAULT_LIST_STATE, orderBy: value.orderBy, pageSize: value.pageSize })}>
            {t('customers.clearFilters')}
          </Button>
        )}
      </Group>
      <div id="customer-filters">{isMobile ? <Collapse expanded={open}>{filters}</Collapse> : filters}</div>
    </div>
  );
}
