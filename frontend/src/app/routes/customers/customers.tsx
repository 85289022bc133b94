import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { CustomerList } from '@/features/customers/components/customer-list';
import { listStateFromParams, listStateToParams, type CustomerListState } from '@/features/customers/utils/filter-params';
import { usePermissions } from '@/lib/session-context';

export default function CustomersRoute() {
  const { t } = useTranslation();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => listStateFromParams(params), [params]);
  const onChange = useCallback(
    (patch: Partial<CustomerListState>) => setParams((prev) => listStateToParams({ ...listStateFromParams(prev), ...patch }), { replace: true }),
    [setParams],
  );
  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.subtitle')}
        actions={
          can.writeCustomers && (
            <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />} data-testid="new-customer">
              {t('customers.new')}
            </Button>
          )
        }
      />
      <CustomerList state={state} onChange={onChange} canReassign={can.reassignCustomers} />
    </>
  );
}
