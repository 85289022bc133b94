import { Button, Group, MultiSelect, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { AcknowledgeAlertDocument, AlertsDocument, ResolveAlertDocument, type AlertFilter, type AlertKind, type AlertStatus } from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { AlertCard } from './alert-card';

export const ALERT_KINDS: AlertKind[] = ['ENTERED_AT_RISK', 'ENTERED_CRITICAL', 'DEADLINE_BREACHED', 'PROMISE_BROKEN', 'CRITICAL_COMPLAINT', 'OWNER_DEPARTED'];
export const ALERT_STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
export type InboxStatus = AlertStatus | 'ALL';

const PAGE = 20;
const MAX = 100;

/**
 * The alerts inbox, newest first. New alerts arrive at the top by themselves
 * (the live feed writes them into this list in the cache); `refreshKey`
 * changes after a reconnect caught up, and the list refetches.
 */
export function AlertsInbox({
  status,
  kinds,
  onChange,
  canAct,
  refreshKey,
}: {
  status: InboxStatus;
  kinds: AlertKind[];
  onChange: (patch: { status?: InboxStatus; kinds?: AlertKind[] }) => void;
  canAct: boolean;
  refreshKey: number;
}) {
  const { t, i18n } = useTranslation();
  const handle = useErrorHandler();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const [first, setFirst] = useState(PAGE);
  const filter = useMemo<AlertFilter | null>(() => {
    const f: AlertFilter = {};
    if (status !== 'ALL') f.statuses = [status];
    if (kinds.length) f.kinds = kinds;
    return Object.keys(f).length ? f : null;
  }, [status, kinds]);
  const [res, reexecute] = useQuery({ query: AlertsDocument, variables: { first, filter, lang } });
  const [, ack] = useMutation(AcknowledgeAlertDocument);
  const [, resolve] = useMutation(ResolveAlertDocument);
  const [busy, setBusy] = useState<string | null>(null);

  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current !== refreshKey) {
      seenKey.current = refreshKey;
      reexecute({ requestPolicy: 'network-only' });
    }
  }, [refreshKey, reexecute]);

  const act = async (id: string, which: 'ack' | 'resolve') => {
    setBusy(id);
    const r = which === 'ack' ? await ack({ id, lang }) : await resolve({ id, lang });
    setBusy(null);
    if (r.error) handle(r.error);
    else notifications.show({ color: 'teal', message: which === 'ack' ? t('alerts.acknowledged') : t('alerts.resolved') });
  };

  const conn = res.data?.alerts;
  let body;
  if (!conn && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!conn) body = <LoadingState rows={5} />;
  else if (conn.edges.length === 0) body = <EmptyState title={t('alerts.emptyTitle')} description={t('alerts.emptyBody')} />;
  else
    body = (
      <Stack gap="sm" data-testid="alerts-list">
        {conn.edges.map(({ node }) => (
          <AlertCard
            key={node.id}
            alert={node}
            canAct={canAct}
            busy={busy === node.id}
            onAcknowledge={() => void act(node.id, 'ack')}
            onResolve={() => void act(node.id, 'resolve')}
          />
        ))}
        {conn.pageInfo.hasNextPage && first < MAX && (
          <Group justify="center">
            <Button variant="default" onClick={() => setFirst((n) => Math.min(MAX, n + PAGE))} loading={res.fetching}>
              {t('workflow.loadMore')}
            </Button>
          </Group>
        )}
        {conn.pageInfo.hasNextPage && first >= MAX && (
          <Text size="sm" c="dimmed" ta="center">
            {t('alerts.narrowDown')}
          </Text>
        )}
      </Stack>
    );

  return (
    <>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} mb="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="alert-status-label">
              {t('alerts.filters.status')}
            </Text>
            <SegmentedControl
              aria-labelledby="alert-status-label"
              value={status}
              onChange={(v) => {
                setFirst(PAGE);
                onChange({ status: v as InboxStatus });
              }}
              data={[...ALERT_STATUSES, 'ALL' as const].map((s) => ({ value: s, label: s === 'ALL' ? t('alerts.filters.all') : t(`workflowEnums.alertStatus.${s}`) }))}
              data-testid="alert-status-filter"
            />
          </Stack>
          <MultiSelect
            label={t('alerts.filters.kind')}
            placeholder={kinds.length ? undefined : t('common.any')}
            data={ALERT_KINDS.map((k) => ({ value: k, label: t(`workflowEnums.alertKind.${k}`) }))}
            value={kinds}
            onChange={(v) => {
              setFirst(PAGE);
              onChange({ kinds: v as AlertKind[] });
            }}
            clearable
            w={{ base: '100%', sm: 320 }}
          />
        </Group>
      </Paper>
      <div aria-busy={res.fetching}>{body}</div>
    </>
  );
}
