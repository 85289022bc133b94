import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComplaintStatus } from '@/gql/graphql';
import { renderWithProviders } from '@/testing/render';
import { COMPLAINT_STATUSES, allowedTransitions } from '../utils/complaint-rules';
import { TransitionButtons, type TransitionFn } from './transition-buttons';

const complaint = (status: ComplaintStatus, extra: Partial<{ rootCause: string; preventionAction: string; satisfaction: number | null }> = {}) => ({
  status,
  rootCause: '',
  preventionAction: '',
  satisfaction: null,
  ...extra,
});

// jsdom has no FontFaceSet; Mantine's autosizing textarea listens to it.
beforeAll(() => {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });
  }
});

function offered() {
  return within(screen.getByTestId('transition-buttons'))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('data-testid'));
}

describe('complaint transition buttons', () => {
  it.each([
    ['OPEN', ['transition-acknowledge']],
    ['ACKNOWLEDGED', ['transition-remediate']],
    ['REMEDIATING', ['transition-resolve']],
    ['RESOLVED', ['transition-close', 'transition-reopen']],
    ['CLOSED', ['transition-reopen']],
  ] as const)('from %s offers only the legal moves', (status, expected) => {
    renderWithProviders(<TransitionButtons complaint={complaint(status)} onTransition={vi.fn()} />);
    expect(offered()).toEqual(expected);
  });

  it('follows the state machine of the API exactly (no skipping, reopen only from resolved or closed)', () => {
    const all = COMPLAINT_STATUSES.flatMap((from) => allowedTransitions(from).map((to) => `${from}→${to}`));
    expect(all).toEqual(['OPEN→ACKNOWLEDGED', 'ACKNOWLEDGED→REMEDIATING', 'REMEDIATING→RESOLVED', 'RESOLVED→CLOSED', 'RESOLVED→OPEN', 'CLOSED→OPEN']);
  });

  it('acknowledges at once', async () => {
    const onTransition = vi.fn<TransitionFn>(async () => true);
    renderWithProviders(<TransitionButtons complaint={complaint('OPEN')} onTransition={onTransition} />);
    await userEvent.setup({ delay: null }).click(screen.getByTestId('transition-acknowledge'));
    expect(onTransition).toHaveBeenCalledWith({ to: 'ACKNOWLEDGED' }, undefined);
  });

  it('resolving asks for the satisfaction (1–5) before sending', async () => {
    const user = userEvent.setup({ delay: null });
    const onTransition = vi.fn<TransitionFn>(async () => true);
    renderWithProviders(<TransitionButtons complaint={complaint('REMEDIATING')} onTransition={onTransition} />);
    await user.click(screen.getByTestId('transition-resolve'));
    const dialog = await screen.findByTestId('dialog-resolve');
    await user.click(within(dialog).getByTestId('confirm-transition'));
    expect(await within(dialog).findByText('Ask the customer and choose 1 to 5')).toBeTruthy();
    expect(onTransition).not.toHaveBeenCalled();
    await user.click(within(dialog).getByText('4 · Satisfied'));
    await user.click(within(dialog).getByTestId('confirm-transition'));
    await waitFor(() => expect(onTransition).toHaveBeenCalledOnce());
    expect(onTransition.mock.calls[0][0]).toEqual({ to: 'RESOLVED', satisfaction: 4, note: null });
  });

  it('closing asks for the root cause and the prevention action', async () => {
    const user = userEvent.setup({ delay: null });
    const onTransition = vi.fn<TransitionFn>(async () => true);
    renderWithProviders(<TransitionButtons complaint={complaint('RESOLVED', { satisfaction: 4 })} onTransition={onTransition} />);
    await user.click(screen.getByTestId('transition-close'));
    const dialog = await screen.findByTestId('dialog-close');
    await user.click(within(dialog).getByTestId('confirm-transition'));
    expect(await within(dialog).findAllByText('Required')).toHaveLength(2);
    expect(onTransition).not.toHaveBeenCalled();
    await user.type(within(dialog).getByTestId('field-root-cause'), 'No final inspection');
    await user.type(within(dialog).getByTestId('field-prevention'), 'Inspection sign-off before dispatch');
    await user.click(within(dialog).getByTestId('confirm-transition'));
    await waitFor(() => expect(onTransition).toHaveBeenCalledOnce());
    expect(onTransition.mock.calls[0][0]).toEqual({ to: 'CLOSED', rootCause: 'No final inspection', preventionAction: 'Inspection sign-off before dispatch', note: null });
  });

  it('reopening sends the note', async () => {
    const user = userEvent.setup({ delay: null });
    const onTransition = vi.fn<TransitionFn>(async () => true);
    renderWithProviders(<TransitionButtons complaint={complaint('CLOSED', { rootCause: 'x', preventionAction: 'y' })} onTransition={onTransition} />);
    await user.click(screen.getByTestId('transition-reopen'));
    const dialog = await screen.findByTestId('dialog-reopen');
    await user.type(within(dialog).getByRole('textbox', { name: /^Note/ }), 'The fault came back');
    await user.click(within(dialog).getByTestId('confirm-transition'));
    await waitFor(() => expect(onTransition).toHaveBeenCalledWith({ to: 'OPEN', note: 'The fault came back' }, expect.anything()));
  });
});
