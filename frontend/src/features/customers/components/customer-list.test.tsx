import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { delay, filter, fromValue, makeSubject, mergeMap, pipe, share, take, type Source } from 'wonka';
import { createCacheExchange } from '@/lib/cache';
import { renderWithProviders } from '@/testing/render';
import { DEFAULT_LIST_STATE, type CustomerListState } from '../utils/filter-params';
import { CustomerList } from './customer-list';

type Data = Record<string, unknown>;
const opName = (op: Operation) => (op.query.definitions.find((d) => d.kind === 'OperationDefinition') as { name?: { value: string } }).name?.value ?? '';

/**
 * A real client with the app's normalised cache before a fake server that
 * records what it is asked and answers asynchronously, as over HTTP.
 */
function fakeServer(answer: (name: string, op: Operation) => Source<Data> | Data) {
  const seen: Operation[] = [];
  const server: Exchange = () => (ops$) =>
    pipe(
      ops$,
      share,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        seen.push(op);
        const a = answer(opName(op), op);
        const data$ = typeof a === 'function' ? (a as Source<Data>) : pipe(fromValue(a), delay(1));
        return pipe(
          data$,
          take(1),
          mergeMap((data) => fromValue(makeResult(op, { data }))),
        );
      }),
    );
  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [createCacheExchange(), server], requestPolicy: 'cache-and-network' });
  return { client, seen };
}

const customer = (n: number) => ({
  __typename: 'Customer',
  id: `c-${n}`,
  name: `Customer ${n}`,
  company: 'ACME',
  city: 'Hangzhou',
  stage: 'ACTIVE',
  tier: 'STANDARD',
  riskScore: 40,
  riskLevel: 'WATCH',
  tags: [],
  ownerDeparted: false,
  lastContactAt: null,
  annualRevenue: 1000,
  version: 1,
  owner: { __typename: 'User', id: 'u-1', name: 'Agent One' },
  relationshipType: { __typename: 'RelationshipType', id: 'rt-1', name: 'Friendship' },
});

/** Two customers a page; the first page has a next one. */
function page(after: string | null | undefined): Data {
  const first = after ? 3 : 1;
  return {
    customers: {
      __typename: 'CustomerConnection',
      edges: [first, first + 1].map((n) => ({ __typename: 'CustomerEdge', cursor: `cur-${n}`, node: customer(n) })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: !after, endCursor: `cur-${first + 1}` },
    },
  };
}

const count = (n: number): Data => ({ customers: { __typename: 'CustomerConnection', totalCount: n } });

function setup() {
  const counts = makeSubject<Data>();
  const { client, seen } = fakeServer((name, op) => {
    if (name === 'Customers') return page((op.variables as { after?: string | null } | undefined)?.after);
    if (name === 'CustomersCount') return counts.source;
    if (name === 'OwnerOptions') return { users: [] };
    if (name === 'RelationshipTypeOptions') return { relationshipTypes: [] };
    return {};
  });
  const ops = (name: string) => seen.filter((op) => opName(op) === name);
  const countText = () => screen.getByTestId('customers-count').textContent;
  return { client, seen, ops, countText, answerCount: (n: number) => act(() => counts.next(count(n))) };
}

const list = (state: CustomerListState) => <CustomerList state={state} onChange={() => {}} canReassign={false} />;

describe('the customer list and its count', () => {
  it('shows the rows from a query without totalCount, then the count from its own query', async () => {
    const { client, seen, ops, countText, answerCount } = setup();
    renderWithProviders(list(DEFAULT_LIST_STATE), { client });
    expect(await screen.findAllByTestId('customer-row', {})).toHaveLength(2);
    expect(print(ops('Customers')[0].query)).not.toContain('totalCount');

    // The count is asked for only once the rows are there, and shown as pending meanwhile.
    await waitFor(() => expect(ops('CustomersCount').length).toBeGreaterThan(0));
    const names = seen.map(opName);
    expect(names.indexOf('CustomersCount')).toBeGreaterThan(names.indexOf('Customers'));
    expect(countText()).toBe('1–2 of … (counting)');
    expect(screen.getByTestId('customers-count').getAttribute('aria-busy')).toBe('true');
    answerCount(1234);
    await waitFor(() => expect(countText()).toBe('1–2 of 1,234'));
    expect(screen.getByTestId('customers-count').getAttribute('aria-busy')).toBe('false');
  });

  /** Renders the list and waits until the rows and a count of 1,234 are shown. */
  async function counted() {
    const server = setup();
    const view = renderWithProviders(list(DEFAULT_LIST_STATE), { client: server.client });
    await screen.findAllByTestId('customer-row', {});
    await waitFor(() => expect(server.ops('CustomersCount').length).toBeGreaterThan(0));
    server.answerCount(1234);
    await waitFor(() => expect(server.countText()).toBe('1–2 of 1,234'));
    return { ...server, view };
  }

  it('keeps the count while turning pages', async () => {
    const user = userEvent.setup({ delay: null });
    const { ops, countText } = await counted();
    const asked = ops('CustomersCount').length;

    await user.click(screen.getByTestId('next-page'));
    await waitFor(() => expect(screen.getByText('Customer 3')).toBeTruthy());
    expect(countText()).toBe('26–27 of 1,234');
    await user.click(screen.getByTestId('prev-page'));
    await waitFor(() => expect(screen.getByText('Customer 1')).toBeTruthy());
    expect(countText()).toBe('1–2 of 1,234');
    expect(ops('Customers').map((op) => (op.variables as { after?: string | null }).after ?? null)).toEqual(expect.arrayContaining([null, 'cur-2']));
    // Same filter, same count: not asked again.
    expect(ops('CustomersCount')).toHaveLength(asked);
    expect(ops('CustomersCount').every((op) => JSON.stringify(op.variables) === '{"filter":{}}')).toBe(true);
  });

  it('counts again for a new filter, after its rows', async () => {
    const { ops, countText, answerCount, view } = await counted();
    view.rerender(list({ ...DEFAULT_LIST_STATE, stages: ['ACTIVE'] }));
    const active = (op: Operation) => JSON.stringify((op.variables as { filter?: unknown }).filter) === '{"stages":["ACTIVE"]}';
    await waitFor(() => expect(ops('CustomersCount').some(active)).toBe(true));
    expect(ops('Customers').some(active)).toBe(true);
    expect(countText()).toBe('1–2 of … (counting)');
    answerCount(10);
    await waitFor(() => expect(countText()).toBe('1–2 of 10'));
  });
});
