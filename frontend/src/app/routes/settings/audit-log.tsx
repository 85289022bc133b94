import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '@/components/states';
import { AuditLog } from '@/features/audit/components/audit-log';
import { usePermissions } from '@/lib/session-context';

export default function AuditLogRoute() {
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const onFilter = useCallback(
    (p: { entityType?: string | null; entityId?: string }) =>
      setParams(
        (prev) => {
          const n = new URLSearchParams(prev);
          if (p.entityType !== undefined) {
            if (p.entityType) n.set('type', p.entityType);
            else n.delete('type');
          }
          if (p.entityId !== undefined) {
            if (p.entityId) n.set('id', p.entityId);
            else n.delete('id');
          }
          return n;
        },
        { replace: true },
      ),
    [setParams],
  );
  // The audit log is for administrators (the API refuses others too).
  if (!can.manageUsers) return <ErrorState error={{ kind: 'forbidden', message: '' }} />;
  return <AuditLog entityType={params.get('type')} entityId={params.get('id') ?? ''} onFilter={onFilter} />;
}
