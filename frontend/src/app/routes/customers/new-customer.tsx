import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { ErrorState } from '@/components/states';
import { CustomerCreateForm } from '@/features/customers/components/customer-create-form';
import { useCurrentUser, usePermissions } from '@/lib/session-context';

export default function NewCustomerRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const can = usePermissions();
  if (!can.writeCustomers) return <ErrorState error={{ kind: 'forbidden', message: '' }} />;
  return (
    <>
      <PageHeader title={t('customers.newTitle')} description={t('customers.newSubtitle')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={960}>
        <CustomerCreateForm
          canChooseOwner={can.reassignCustomers}
          currentUserId={user.id}
          onCreated={(id) => navigate(`/customers/${id}`)}
          onCancel={() => navigate('/customers')}
        />
      </Paper>
    </>
  );
}
