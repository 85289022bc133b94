import { act, screen, waitFor } from '@testing-library/react';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { filter, fromValue, makeSubject, mergeMap, pipe, share, take, type Source } from 'wonka';
import { UpdateWorkspaceDocument } from '@/gql/graphql';
import { renderWithProviders, signedInSession } from '@/testing/render';
import { createCacheExchange } from './cache';
import { CurrencyProvider, usableCurrency, WorkspaceCurrencyProvider } from './currency';
import { createFormatters, useFormat } from './format';

const opName = (op: Operation) => (op.query.definitions.find((d) => d.kind === 'OperationDefinition') as { name?: { value: string } }).name?.value ?? '';

/** A real client with the app's normalised cache before a fake server. */
function fakeServer(answer: (name: string, op: Operation) => Source<Record<string, unknown>> | Record<string, unknown>) {
  const seen: string[] = [];
  const server: Exchange = () => (ops$) =>
    pipe(
      ops$,
      share,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        const name = opName(op);
        seen.push(name);
        const a = answer(name, op);
        const data$ = typeof a === 'function' ? (a as Source<Record<string, unknown>>) : fromValue(a);
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

const policy = (currency: string, version = 1) => ({
  __typename: 'Workspace',
  id: 'w-1',
  name: 'Demo',
  slug: 'demo',
  version,
  settings: {
    __typename: 'WorkspaceSettings',
    riskThresholds: { __typename: 'RiskThresholds', watch: 30, atRisk: 60, critical: 80 },
    riskWeights: {
      __typename: 'RiskWeights',
      contactOverdue: null,
      openComplaints: null,
      breachedDeadlines: null,
      brokenPromises: null,
      sentiment: null,
      orderDecline: null,
      returns: null,
      competitor: null,
      ownerRisk: null,
      remediationOverdue: null,
    },
    autoRecoveryPlaybook: false,
    timezone: 'Asia/Shanghai',
    currency,
  },
});

function Revenue() {
  const f = useFormat();
  return (
    <p data-testid="revenue">
      {f.money(1234.4)} / {f.compactMoney(2_200_000)}
    </p>
  );
}

describe('money in the workspace currency', () => {
  it('formats in the currency it is given, not only CNY', () => {
    const f = createFormatters('en', 'EUR');
    expect(f.currency).toBe('EUR');
    expect(f.money(1234.4)).toBe('€1,234');
    expect(f.compactMoney(2_200_000)).toBe('€2.2m');
    expect(createFormatters('en').money(1234)).toBe('CN¥1,234');
  });

  it('keeps the default for a missing or malformed code', () => {
    expect(usableCurrency(undefined)).toBe('CNY');
    expect(usableCurrency('euro')).toBe('CNY');
    expect(usableCurrency('eur')).toBe('EUR');
  });

  it('useFormat follows the currency provided', () => {
    renderWithProviders(
      <CurrencyProvider currency="EUR">
        <Revenue />
      </CurrencyProvider>,
    );
    expect(screen.getByTestId('revenue').textContent).toBe('€1,234 / €2.2m');
  });

  it('loads the workspace currency after sign-in, shows the default meanwhile, and follows a saved change', async () => {
    const workspace = makeSubject<Record<string, unknown>>();
    const { client, seen } = fakeServer((name) => {
      if (name === 'WorkspaceCurrency') return workspace.source;
      if (name === 'UpdateWorkspace') return { updateWorkspace: policy('USD', 2) };
      return {};
    });
    renderWithProviders(
      <WorkspaceCurrencyProvider>
        <Revenue />
      </WorkspaceCurrencyProvider>,
      { client, session: await signedInSession() },
    );
    expect(screen.getByTestId('revenue').textContent).toBe('CN¥1,234 / CN¥2.2m');
    await waitFor(() => expect(seen).toContain('WorkspaceCurrency'));
    act(() => workspace.next({ workspace: { __typename: 'Workspace', id: 'w-1', settings: { __typename: 'WorkspaceSettings', currency: 'EUR' } } }));
    await waitFor(() => expect(screen.getByTestId('revenue').textContent).toBe('€1,234 / €2.2m'));

    // The settings screen saves another currency: the cached workspace changes and so do the figures.
    const asked = seen.length;
    await act(async () => {
      await client.mutation(UpdateWorkspaceDocument, { version: 1, input: { currency: 'USD' } }).toPromise();
    });
    await waitFor(() => expect(screen.getByTestId('revenue').textContent).toBe('US$1,234 / US$2.2m'));
    // …from the cache: the currency is not fetched again.
    expect(seen.slice(asked)).toEqual(['UpdateWorkspace']);
  });

  it('asks for nothing while signed out', async () => {
    const { client, seen } = fakeServer(() => ({}));
    renderWithProviders(
      <WorkspaceCurrencyProvider>
        <Revenue />
      </WorkspaceCurrencyProvider>,
      { client },
    );
    expect(screen.getByTestId('revenue').textContent).toBe('CN¥1,234 / CN¥2.2m');
    expect(seen).toEqual([]);
  });
});
