import { Affix, Button, Group, Paper, Progress, Select, Text, Transition } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { CustomersCountDocument, CustomersDocument, type CustomersQuery } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DEFAULT_LIST_STATE, PAGE_SIZES, toApiFilter, type CustomerListState } from '../utils/filter-params';
import { CustomerFilters } from './customer-filters';
import { CustomersTable } from './customers-table';
import { ReassignModal } from './reassign-modal';

/** The filter an operation was run with, as a comparable string ('' for none). */
const filterOf = (op: { variables?: unknown } | undefined): string =>
  op ? JSON.stringify((op.variables as { filter?: unknown } | undefined)?.filter ?? {}) : '';

type Props = {
  state: CustomerListState;
  onChange: (patch: Partial<CustomerListState>) => void;
  canReassign: boolean;
};

/**
 * The paginated customer list. Paging is by cursor: "next" follows the
 * page's endCursor, "previous" pops the cursors we came through. A change
 * of filters starts again at the first page.
 */
export function CustomerList({ state, onChange, canReassign }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const filter = useMemo(() => toApiFilter(state), [state]);
  const filterKey = JSON.stringify([filter, state.orderBy, state.pageSize]);
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reassignOpen, setReassignOpen] = useState(false);

  // New filters: back to the first page, before any query with a stale cursor.
  if (paging.key !== filterKey) {
    setPaging({ key: filterKey, cursors: [null] });
    setSelected(new Set());
  }
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const setCursors = (fn: (c: (string | null)[]) => (string | null)[]) => setPaging((p) => ({ ...p, cursors: fn(p.cursors) }));

  const after = cursors[cursors.length - 1];
  const [result, reexecute] = useQuery({
    query: CustomersDocument,
    variables: { first: state.pageSize, after, filter, orderBy: state.orderBy },
  });

  // Keep showing the last page while the next one loads (no flashing
  // skeletons), remembering which filter it was listed with.
  const shown = useRef<{ data: CustomersQuery; filter: string } | undefined>(undefined);
  if (result.data) shown.current = { data: result.data, filter: filterOf(result.operation) };
  const current = result.data || result.fetching ? shown.current : undefined;
  const conn = current?.data.customers;
  const rows = useMemo(() => conn?.edges.map((e) => e.node) ?? [], [conn]);
  const page = cursors.length;
  const from = conn && rows.length ? (page - 1) * state.pageSize + 1 : 0;
  const to = from ? from + rows.length - 1 : 0;

  // The count comes second: it waits until rows of the current filter are on
  // screen, so it never delays them. Its variables are the filter alone, so a
  // page turn or a new sort reuses it and a new filter counts again.
  const filterJson = JSON.stringify(filter);
  const rowsReady = !!conn && current?.filter === filterJson;
  const [count] = useQuery({ query: CustomersCountDocument, variables: { filter }, pause: !rowsReady });
  // Only a count of the filter the shown rows were listed with is shown.
  const countMatches = !!conn && filterOf(count.operation) === current?.filter;
  const total = countMatches ? count.data?.customers.totalCount : undefined;
  const counting = !!conn && total === undefined && !(countMatches && count.error);

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const toggleAll = (select: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      for (const r of rows) {
        if (select) n.add(r.id);
        else n.delete(r.id);
      }
      return n;
    });

  let body;
  if (!conn && result.error) {
    body = <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  } else if (!conn) {
    body = <LoadingState rows={8} />;
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        title={t('customers.emptyTitle')}
        description={t('customers.emptyBody')}
        action={
          <Button variant="light" onClick={() => onChange({ ...DEFAULT_LIST_STATE, orderBy: state.orderBy, pageSize: state.pageSize })}>
            {t('customers.clearFilters')}
          </Button>
        }
      />
    );
  } else {
    body = <CustomersTable rows={rows} selectable={canReassign} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />;
  }

  return (
    <>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} mb="md">
        <CustomerFilters value={state} onChange={onChange} />
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} pos="relative" aria-busy={result.fetching}>
        {result.fetching && conn && <Progress value={100} animated size="xs" pos="absolute" top={0} left={0} right={0} aria-hidden />}
        <Group justify="space-between" mb="sm" gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite" aria-busy={counting} data-testid="customers-count" data-counting={counting || undefined}>
            {!conn
              ? '\u00a0'
              : counting
                ? t('customers.showingCounting', { from: f.number(from), to: f.number(to) })
                : t('customers.showing', { from: f.number(from), to: f.number(to), total: total !== undefined ? f.number(total) : '—' })}
          </Text>
          {result.error && conn && (
            <Text size="sm" c="red">
              {t('errors.refreshFailed')}
            </Text>
          )}
        </Group>
        {body}
        {conn && rows.length > 0 && (
          <Group justify="space-between" mt="md" gap="xs">
            <Select
              aria-label={t('customers.pageSize')}
              w={130}
              size="xs"
              data={PAGE_SIZES.map((n) => ({ value: String(n), label: t('customers.perPage', { count: n }) }))}
              value={String(state.pageSize)}
              onChange={(v) => onChange({ pageSize: Number(v) })}
              allowDeselect={false}
            />
            <Group gap="xs">
              <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={page === 1 || result.fetching} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="prev-page">
                {t('common.previous')}
              </Button>
              <Text size="sm" aria-live="polite">
                {t('customers.page', { page })}
              </Text>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} />}
                disabled={!conn.pageInfo.hasNextPage || result.fetching}
                onClick={() => setCursors((c) => [...c, conn.pageInfo.endCursor ?? null])}
                data-testid="next-page"
              >
                {t('common.next')}
              </Button>
            </Group>
          </Group>
        )}
      </Paper>
      {canReassign && (
        <>
          <Affix position={{ bottom: 16, left: 16, right: 16 }} zIndex={150}>
            <Transition mounted={selected.size > 0} transition="slide-up">
              {(styles) => (
                <Paper shadow="lg" withBorder radius="md" p="sm" maw={560} mx="auto" style={styles} role="region" aria-label={t('customers.bulkActions')}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={500} data-testid="selected-count">
                      {t('customers.selected', { count: selected.size })}
                    </Text>
                    <Group gap="xs">
                      <Button variant="subtle" size="xs" color="gray" onClick={() => setSelected(new Set())}>
                        {t('customers.clearSelection')}
                      </Button>
                      <Button size="xs" leftSection={<IconUsersGroup size={14} />} onClick={() => setReassignOpen(true)} data-testid="reassign-open">
                        {t('customers.reassign.action')}
                      </Button>
                    </Group>
                  </Group>
                </Paper>
              )}
            </Transition>
          </Affix>
          <ReassignModal
            ids={[...selected]}
            opened={reassignOpen}
            onClose={() => setReassignOpen(false)}
            onDone={() => {
              setReassignOpen(false);
              setSelected(new Set());
            }}
          />
        </>
      )}
    </>
  );
}
