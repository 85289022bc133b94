import { screen, waitFor } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorState } from '@/components/states';
import { renderWithProviders } from '@/testing/render';
import { useErrorHandler, type HandleOptions } from './use-error-handler';

const err = (code: string, extra: Record<string, unknown> = {}, message = 'server says no') =>
  new CombinedError({ graphQLErrors: [{ message, extensions: { code, ...extra } }] });

function Harness({ error, opts }: { error: CombinedError; opts: HandleOptions }) {
  const handle = useErrorHandler();
  useEffect(() => {
    handle(error, opts);
  }, [handle, error, opts]);
  return null;
}

describe('useErrorHandler', () => {
  it('puts BAD_USER_INPUT on the form field the API names', () => {
    const setFieldError = vi.fn();
    renderWithProviders(<Harness error={err('BAD_USER_INPUT', { field: 'input.email' }, 'input.email is not a valid email address')} opts={{ form: { setFieldError }, fields: ['email', 'name'] }} />);
    expect(setFieldError).toHaveBeenCalledWith('email', 'Not accepted: input.email is not a valid email address');
  });

  it('notifies when the field is not on the form', async () => {
    const setFieldError = vi.fn();
    renderWithProviders(<Harness error={err('BAD_USER_INPUT', { field: 'ids' }, 'too many')} opts={{ form: { setFieldError }, fields: ['email'] }} />);
    expect(setFieldError).not.toHaveBeenCalled();
    expect(await screen.findByText('Please check the form')).toBeTruthy();
  });

  it('hands CONFLICT to the caller', () => {
    const onConflict = vi.fn();
    renderWithProviders(<Harness error={err('CONFLICT')} opts={{ onConflict }} />);
    expect(onConflict).toHaveBeenCalledOnce();
  });

  it('shows INTERNAL with its request id', async () => {
    renderWithProviders(<Harness error={err('INTERNAL', { requestId: 'req-42' })} opts={{}} />);
    expect(await screen.findByText(/Reference: req-42/)).toBeTruthy();
  });

  it('explains FORBIDDEN and does nothing visible for UNAUTHENTICATED (the session takes over)', async () => {
    renderWithProviders(<Harness error={err('FORBIDDEN')} opts={{}} />);
    expect(await screen.findByText('Your role does not allow this action.')).toBeTruthy();
  });
});

describe('ErrorState', () => {
  it('renders NOT_FOUND as the not-found view', () => {
    renderWithProviders(<ErrorState error={err('NOT_FOUND')} />);
    expect(screen.getByTestId('not-found')).toBeTruthy();
    expect(screen.getByText('Not found')).toBeTruthy();
  });

  it('renders FORBIDDEN, network and internal failures', async () => {
    const { unmount } = renderWithProviders(<ErrorState error={err('FORBIDDEN')} />);
    expect(screen.getByTestId('forbidden')).toBeTruthy();
    unmount();
    const retry = vi.fn();
    renderWithProviders(<ErrorState error={new CombinedError({ networkError: new Error('down') })} onRetry={retry} />);
    expect(screen.getByText('Cannot reach the server')).toBeTruthy();
    screen.getByRole('button', { name: 'Try again' }).click();
    await waitFor(() => expect(retry).toHaveBeenCalled());
  });

  it('shows the request id of an internal error', () => {
    renderWithProviders(<ErrorState error={err('INTERNAL', { requestId: 'f00d' })} />);
    expect(screen.getByText('Something went wrong')).toBeTruthy();
    expect(screen.getByText('Reference: f00d')).toBeTruthy();
  });
});
