import { PlaybooksSettings } from '@/features/playbooks/components/playbooks-settings';
import { usePermissions } from '@/lib/session-context';

export default function PlaybooksRoute() {
  const can = usePermissions();
  return <PlaybooksSettings canManage={can.manageContracts} />;
}
