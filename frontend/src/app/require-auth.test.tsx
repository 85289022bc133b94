import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SessionManager } from '@/lib/session';
import { SessionProvider } from '@/lib/session-context';
import { fakeAuthApi, signedInSession } from '@/testing/render';
import { RequireAuth } from './require-auth';
import { safeNext } from './routes/login';

function renderAt(path: string, session: SessionManager) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <p data-testid="login-page" /> },
      { element: <RequireAuth />, children: [{ path: '/customers/:id', element: <p data-testid="customer-page" /> }] },
    ],
    { initialEntries: [path] },
  );
  render(
    <MantineProvider env="test">
      <SessionProvider manager={session}>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>,
  );
  return router;
}

describe('RequireAuth', () => {
  it('sends a visitor without a session to login, remembering the page', async () => {
    const s = new SessionManager({ api: fakeAuthApi() });
    await s.restore();
    const router = renderAt('/customers/42?tab=risk', s);
    expect(await screen.findByTestId('login-page')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/customers/42?tab=risk');
  });

  it('shows the page to a signed-in user', async () => {
    renderAt('/customers/42', await signedInSession());
    expect(await screen.findByTestId('customer-page')).toBeTruthy();
  });

  it('waits while the session is being restored', () => {
    renderAt('/customers/42', new SessionManager({ api: fakeAuthApi({ refresh: () => new Promise(() => {}) }) }));
    expect(screen.queryByTestId('customer-page')).toBeNull();
    expect(screen.queryByTestId('login-page')).toBeNull();
  });
});

describe('safeNext', () => {
  it('follows only same-app paths', () => {
    expect(safeNext('/customers/1?x=2')).toBe('/customers/1?x=2');
    expect(safeNext('/customers')).toBe('/customers');
    expect(safeNext('https://evil.example')).toBe('/dashboard');
    expect(safeNext('//evil.example')).toBe('/dashboard');
    expect(safeNext('/\\evil.example')).toBe('/dashboard');
    expect(safeNext('/login?next=/x')).toBe('/dashboard');
  });

  it('lands on the dashboard without a next page', () => {
    expect(safeNext(null)).toBe('/dashboard');
    expect(safeNext('')).toBe('/dashboard');
  });
});
