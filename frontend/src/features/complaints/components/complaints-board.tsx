import { Box, Button, Group, MultiSelect, Paper, ScrollArea, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { ComplaintsBoardDocument, type ComplaintFilter, type ComplaintStatus, type Severity } from '@/gql/graphql';
import { useIsMobile } from '@/lib/use-is-mobile';
import { COMPLAINT_STATUSES, SEVERITIES, complaintStatusColor } from '../utils/complaint-rules';
import { ComplaintCard } from './complaint-card';

export type BoardFilters = { severities: Severity[]; breached: boolean; mine: boolean };

const PAGE = 25;
const MAX = 100;

/** One status column: newest first, except open work which is most urgent first. */
function Column({ status, filter, withTitle }: { status: ComplaintStatus; filter: ComplaintFilter; withTitle: boolean }) {
  const { t } = useTranslation();
  const [first, setFirst] = useState(PAGE);
  const variables = useMemo(() => ({ first, filter: { ...filter, statuses: [status] } }), [first, filter, status]);
  const [res, reexecute] = useQuery({ query: ComplaintsBoardDocument, variables });
  const conn = res.data?.complaints;
  const items = useMemo(() => {
    const list = conn?.edges.map((e) => e.node) ?? [];
    if (status === 'RESOLVED' || status === 'CLOSED') return list;
    return [...list].sort((a, b) => Date.parse(a.responseDueAt) - Date.parse(b.responseDueAt));
  }, [conn, status]);
  const label = t(`workflowEnums.complaintStatus.${status}`);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg="gray.0"
      component="section"
      aria-label={label}
      data-testid={`column-${status}`}
      style={{ borderTop: `3px solid var(--mantine-color-${complaintStatusColor[status]}-6)` }}
      aria-busy={res.fetching}
    >
      {withTitle && (
        <Group justify="space-between" mb="sm" wrap="nowrap" gap={4}>
          <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {label}
          </Title>
          <Text size="xs" c="dimmed" data-testid="column-count">
            {conn ? (conn.pageInfo.hasNextPage ? `${items.length}+` : items.length) : ''}
          </Text>
        </Group>
      )}
      {!conn && res.error ? (
        <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !conn ? (
        <LoadingState rows={3} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('complaints.columnEmpty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={withTitle ? 'calc(100dvh - 300px)' : undefined} type="hover" scrollbarSize={6} overscrollBehavior="contain">
          <Stack gap="xs" p={2}>
            {items.map((c) => (
              <ComplaintCard key={c.id} complaint={c} />
            ))}
            {conn.pageInfo.hasNextPage && first < MAX && (
              <Button variant="subtle" size="xs" onClick={() => setFirst((n) => Math.min(MAX, n + PAGE))} loading={res.fetching}>
                {t('workflow.loadMore')}
              </Button>
            )}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}

/** The complaints board: a column per status of the state machine. */
export function ComplaintsBoard({ filters, onFilters, userId }: { filters: BoardFilters; onFilters: (f: BoardFilters) => void; userId: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [tab, setTab] = useState<ComplaintStatus>('OPEN');
  const filter = useMemo<ComplaintFilter>(
    () => ({
      severities: filters.severities.length ? filters.severities : null,
      breached: filters.breached ? true : null,
      ownerId: filters.mine ? userId : null,
    }),
    [filters, userId],
  );
  return (
    <>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} mb="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <MultiSelect
            label={t('complaints.filters.severity')}
            placeholder={filters.severities.length ? undefined : t('common.any')}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`workflowEnums.severity.${s}`) }))}
            value={filters.severities}
            onChange={(v) => onFilters({ ...filters, severities: v as Severity[] })}
            clearable
            w={{ base: '100%', xs: 260 }}
            data-testid="filter-severity"
          />
          <Switch label={t('complaints.filters.breached')} checked={filters.breached} onChange={(e) => onFilters({ ...filters, breached: e.currentTarget.checked })} mb={6} />
          <Switch label={t('complaints.filters.mine')} checked={filters.mine} onChange={(e) => onFilters({ ...filters, mine: e.currentTarget.checked })} mb={6} />
        </Group>
      </Paper>
      {isMobile ? (
        <Tabs value={tab} onChange={(v) => v && setTab(v as ComplaintStatus)} keepMounted={false}>
          <ScrollArea type="never" mb="sm">
            <Tabs.List style={{ flexWrap: 'nowrap' }}>
              {COMPLAINT_STATUSES.map((s) => (
                <Tabs.Tab key={s} value={s} data-testid={`tab-${s}`}>
                  {t(`workflowEnums.complaintStatus.${s}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </ScrollArea>
          {COMPLAINT_STATUSES.map((s) => (
            <Tabs.Panel key={s} value={s}>
              <Column status={s} filter={filter} withTitle={false} />
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Box style={{ display: 'grid', gridTemplateColumns: `repeat(${COMPLAINT_STATUSES.length}, minmax(184px, 1fr))`, gap: 'var(--mantine-spacing-sm)', alignItems: 'start' }} data-testid="complaints-board">
            {COMPLAINT_STATUSES.map((s) => (
              <Column key={s} status={s} filter={filter} withTitle />
            ))}
          </Box>
        </ScrollArea>
      )}
    </>
  );
}
