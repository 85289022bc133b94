import { act, screen, waitFor, within } from '@testing-library/react';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import { useQuery } from 'urql';
import { describe, expect, it } from 'vitest';
import { filter, fromValue, makeSubject, map, mergeMap, pipe, share, takeUntil } from 'wonka';
import { AlertsDocument, type AlertItemFragment } from '@/gql/graphql';
import { createCacheExchange } from '@/lib/cache';
import { liveEventsOf } from '@/lib/live-events';
import { renderWithProviders } from '@/testing/render';
import { LiveAlerts } from './components/live-alerts';
import { UnreadAlertsBadge } from './components/unread-alerts-badge';
import { createLiveStore } from './live-store';

const opName = (op: Operation) => (op.query.definitions.find((d) => d.kind === 'OperationDefinition') as { name?: { value: string } }).name?.value;

type Alert = AlertItemFragment & { __typename: 'Alert' };

function alert(id: string, createdAt: string, customer: { id: string; name: string; riskScore: number; riskLevel: Alert['levelAfter'] }, kind: Alert['kind'] = 'ENTERED_AT_RISK'): Alert {
  return {
    __typename: 'Alert',
    id,
    kind,
    status: 'OPEN',
    scoreBefore: 40,
    scoreAfter: customer.riskScore,
    levelBefore: 'WATCH',
    levelAfter: customer.riskLevel,
    createdAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    customer: { __typename: 'Customer', company: 'ACME', riskUpdatedAt: createdAt, ...customer } as Alert['customer'],
    reasons: [{ __typename: 'RiskFactor', key: 'contact_overdue', points: 25, text: 'No contact for 37 days (expected every 7 days)' } as Alert['reasons'][number]],
  };
}

const list = (alerts: Alert[]) => ({
  __typename: 'AlertConnection',
  edges: alerts.map((node) => ({ __typename: 'AlertEdge', node })),
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
});

/**
 * A real urql client with the app's normalised cache, in front of a fake
 * server: queries are answered by `answer`, the alert subscription by a
 * subject the test pushes into.
 */
function fakeServer(answer: (name: string, op: Operation) => unknown) {
  const live = makeSubject<Record<string, unknown>>();
  const seen: string[] = [];
  const server: Exchange = () => (ops$) => {
    const shared = pipe(ops$, share);
    return pipe(
      shared,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        seen.push(opName(op) ?? '');
        if (op.kind === 'subscription') {
          const teardown$ = pipe(
            shared,
            filter((o) => o.kind === 'teardown' && o.key === op.key),
          );
          return pipe(
            live.source,
            map((data) => makeResult(op, { data })),
            takeUntil(teardown$),
          );
        }
        return fromValue(makeResult(op, { data: answer(opName(op) ?? '', op) as Record<string, unknown> | null }));
      }),
    );
  };
  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [createCacheExchange(), server], requestPolicy: 'cache-first' });
  return { client, push: (data: Record<string, unknown>) => live.next(data), seen };
}

/** What the inbox and the dashboard show: the first page of open alerts. */
function OpenAlerts() {
  const [res] = useQuery({ query: AlertsDocument, variables: { first: 20, filter: { statuses: ['OPEN'] }, lang: 'en' } });
  return (
    <ul data-testid="list">
      {res.data?.alerts.edges.map(({ node }) => (
        <li key={node.id} data-testid="row">
          {node.id} {node.customer.name} {node.customer.riskScore} {node.customer.riskLevel}
        </li>
      ))}
    </ul>
  );
}

const wang = { id: 'c-1', name: 'Wang Fang', riskScore: 48, riskLevel: 'WATCH' as const };
const older = alert('a-1', '2026-11-23T08:00:00Z', wang, 'PROMISE_BROKEN');

describe('the live alert handler', () => {
  it('puts a new alert on top of the cached list, updates the customer in place, notifies and counts it unread', async () => {
    const store = createLiveStore();
    const { client, push } = fakeServer((name) => {
      if (name === 'Alerts') return { alerts: list([older]) };
      if (name === 'NewestAlert') return { alerts: list([older]) };
      return null;
    });
    renderWithProviders(
      <>
        <LiveAlerts store={store} />
        <OpenAlerts />
        <UnreadAlertsBadge store={store} />
      </>,
      { client },
    );
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(1));
    expect(screen.queryByTestId('unread-alerts')).toBeNull();

    // The customer's score rose to 85: the alert arrives over the websocket.
    act(() => push({ alertRaised: alert('a-2', '2026-11-23T09:30:00Z', { ...wang, riskScore: 85, riskLevel: 'CRITICAL' }, 'CRITICAL_COMPLAINT') }));

    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(2));
    const rows = screen.getAllByTestId('row').map((r) => r.textContent);
    expect(rows[0]).toBe('a-2 Wang Fang 85 CRITICAL');
    // The older alert shows the same customer: its risk changed in place.
    expect(rows[1]).toBe('a-1 Wang Fang 85 CRITICAL');
    expect(screen.getByTestId('unread-alerts').textContent).toBe('1');
    const note = await screen.findByTestId('live-alert-notification');
    expect(within(note).getByText('Critical complaint: Wang Fang')).toBeTruthy();
    expect(within(note).getByText('No contact for 37 days (expected every 7 days)')).toBeTruthy();
    expect(store.get().newestSeen).toBe('2026-11-23T09:30:00Z');

    // The same alert again (e.g. also caught up after a reconnect) is not counted twice.
    act(() => push({ alertRaised: alert('a-2', '2026-11-23T09:30:00Z', { ...wang, riskScore: 85, riskLevel: 'CRITICAL' }, 'CRITICAL_COMPLAINT') }));
    expect(screen.getByTestId('unread-alerts').textContent).toBe('1');
  });

  it('does not put an alert into a list whose filter excludes it', async () => {
    const store = createLiveStore();
    const { client, push } = fakeServer((name) => (name === 'Alerts' || name === 'NewestAlert' ? { alerts: list([]) } : null));
    function Resolved() {
      const [res] = useQuery({ query: AlertsDocument, variables: { first: 20, filter: { statuses: ['RESOLVED'] }, lang: 'en' } });
      return <p data-testid="resolved">{res.data ? res.data.alerts.edges.length : 'loading'}</p>;
    }
    renderWithProviders(
      <>
        <LiveAlerts store={store} />
        <Resolved />
      </>,
      { client },
    );
    await waitFor(() => expect(screen.getByTestId('resolved').textContent).toBe('0'));
    act(() => push({ alertRaised: alert('a-9', '2026-11-23T09:40:00Z', wang) }));
    await waitFor(() => expect(store.get().unread).toBe(1));
    expect(screen.getByTestId('resolved').textContent).toBe('0');
  });

  it('after a dropped connection catches up with alerts(since: newest seen)', async () => {
    const store = createLiveStore();
    let since: unknown = null;
    const missed = [alert('a-4', '2026-11-23T09:50:00Z', { ...wang, riskScore: 90, riskLevel: 'CRITICAL' }, 'ENTERED_CRITICAL'), alert('a-3', '2026-11-23T09:45:00Z', wang)];
    const { client } = fakeServer((name, op) => {
      if (name === 'MissedAlerts') {
        since = (op.variables as { since?: string } | undefined)?.since;
        return { alerts: list(missed) };
      }
      if (name === 'Alerts' || name === 'NewestAlert') return { alerts: list([older]) };
      return null;
    });
    renderWithProviders(
      <>
        <LiveAlerts store={store} />
        <UnreadAlertsBadge store={store} />
      </>,
      { client },
    );
    await waitFor(() => expect(store.get().newestSeen).toBe('2026-11-23T08:00:00Z'));
    const events = liveEventsOf(client);
    act(() => events.handlers.connected());
    expect(store.get().connected).toBe(true);
    act(() => events.handlers.closed({ code: 4403, reason: 'token expired' }));
    expect(store.get().connected).toBe(false);
    act(() => events.handlers.connected());
    await waitFor(() => expect(store.get().caughtUp).toBe(1));
    expect(since).toBe('2026-11-23T08:00:00Z');
    expect(screen.getByTestId('unread-alerts').textContent).toBe('2');
    expect(store.get().newestSeen).toBe('2026-11-23T09:50:00Z');
    expect(await screen.findByText('2 alerts while you were offline')).toBeTruthy();
  });

  it('counts nothing as unread while the inbox is open', async () => {
    const store = createLiveStore();
    const { client, push } = fakeServer((name) => (name === 'Alerts' || name === 'NewestAlert' ? { alerts: list([]) } : null));
    renderWithProviders(<LiveAlerts store={store} />, { client, route: '/alerts' });
    await waitFor(() => expect(store.get().newestSeen).toBeNull());
    act(() => push({ alertRaised: alert('a-5', '2026-11-23T10:00:00Z', wang) }));
    await waitFor(() => expect(store.get().received).toBe(1));
    expect(store.get().unread).toBe(0);
  });
});
