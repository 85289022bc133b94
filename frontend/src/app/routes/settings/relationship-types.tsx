import { RelationshipTypesSettings } from '@/features/relationship-types/components/relationship-types-settings';
import { usePermissions } from '@/lib/session-context';

export default function RelationshipTypesRoute() {
  const can = usePermissions();
  return <RelationshipTypesSettings canManage={can.manageContracts} />;
}
