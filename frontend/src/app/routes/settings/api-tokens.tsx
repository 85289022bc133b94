import { ErrorState } from '@/components/states';
import { ApiTokensSettings } from '@/features/api-tokens/components/api-tokens-settings';
import { usePermissions } from '@/lib/session-context';

export default function ApiTokensRoute() {
  const can = usePermissions();
  if (!can.manageTokens) return <ErrorState error={{ kind: 'forbidden', message: '' }} />;
  return <ApiTokensSettings />;
}
