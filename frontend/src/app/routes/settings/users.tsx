import { UsersSettings } from '@/features/users/components/users-settings';
import { useCurrentUser, usePermissions } from '@/lib/session-context';

export default function UsersRoute() {
  const can = usePermissions();
  const me = useCurrentUser();
  return <UsersSettings canManage={can.manageUsers} currentUserId={me.id} />;
}
