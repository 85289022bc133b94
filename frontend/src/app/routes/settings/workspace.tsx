import { ErrorState } from '@/components/states';
import { WorkspaceSettings } from '@/features/workspace/components/workspace-settings';
import { usePermissions } from '@/lib/session-context';

export default function WorkspaceRoute() {
  const can = usePermissions();
  // The risk policy is the administrators' (updateWorkspace is admin-only).
  if (!can.manageUsers) return <ErrorState error={{ kind: 'forbidden', message: '' }} />;
  return <WorkspaceSettings />;
}
