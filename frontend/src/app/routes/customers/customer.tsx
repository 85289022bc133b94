import { useParams } from 'react-router';
import { CustomerDetail } from '@/features/customers/components/customer-detail';
import { usePermissions } from '@/lib/session-context';

export default function CustomerRoute() {
  const { id = '' } = useParams();
  const can = usePermissions();
  return <CustomerDetail key={id} id={id} canEdit={can.writeCustomers} />;
}
