import { useParams } from 'react-router';
import { ComplaintPage } from '@/features/complaints/components/complaint-detail';
import { usePermissions } from '@/lib/session-context';

export default function ComplaintRoute() {
  const { id = '' } = useParams();
  const can = usePermissions();
  return <ComplaintPage key={id} id={id} canEdit={can.writeCustomers} />;
}
