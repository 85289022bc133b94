import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { Countdown } from './countdown';

const NOW = new Date('2026-11-23T10:00:00Z').getTime();
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('response deadline countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down every second while the deadline is ahead', () => {
    renderWithProviders(<Countdown responseDueAt={at(90 * 60_000 + 5_000)} deadlineBreached={false} acknowledgedAt={null} />);
    const badge = screen.getByTestId('countdown');
    expect(badge.getAttribute('data-state')).toBe('running');
    expect(badge.textContent).toBe('1 h 30 min left');
    act(() => {
      vi.advanceTimersByTime(6_000);
    });
    expect(screen.getByTestId('countdown').textContent).toBe('1 h 29 min left');
  });

  it('shows minutes and seconds in the last hour', () => {
    renderWithProviders(<Countdown responseDueAt={at(4 * 60_000 + 9_000)} deadlineBreached={false} acknowledgedAt={null} />);
    expect(screen.getByTestId('countdown').textContent).toBe('4 min 09 s left');
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(screen.getByTestId('countdown').textContent).toBe('4 min 06 s left');
  });

  it('turns red once the deadline passes, without a reload', () => {
    renderWithProviders(<Countdown responseDueAt={at(2_000)} deadlineBreached={false} acknowledgedAt={null} />);
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('running');
    act(() => {
      vi.advanceTimersByTime(65_000);
    });
    const badge = screen.getByTestId('countdown');
    expect(badge.getAttribute('data-state')).toBe('breached');
    expect(badge.textContent).toBe('Overdue by 1 min 03 s');
  });

  it('believes the API when it says the deadline was breached', () => {
    renderWithProviders(<Countdown responseDueAt={at(-2 * 86_400_000 - 3 * 3_600_000)} deadlineBreached acknowledgedAt={null} />);
    expect(screen.getByTestId('countdown').textContent).toBe('Overdue by 2 d 3 h');
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('breached');
  });

  it('stops once the customer got an answer: in time, or late', () => {
    const { unmount } = renderWithProviders(<Countdown responseDueAt={at(3_600_000)} deadlineBreached={false} acknowledgedAt={at(-60_000)} />);
    expect(screen.getByTestId('countdown').textContent).toBe('Answered in time');
    unmount();
    renderWithProviders(<Countdown responseDueAt={at(-3_600_000)} deadlineBreached acknowledgedAt={at(-60_000)} />);
    expect(screen.getByTestId('countdown').textContent).toBe('Answered late');
    expect(screen.getByTestId('countdown').getAttribute('data-state')).toBe('answered-late');
  });

  it('speaks Chinese', async () => {
    const i18n = (await import('@/i18n')).default;
    await act(async () => {
      await i18n.changeLanguage('zh');
    });
    try {
      renderWithProviders(<Countdown responseDueAt={at(90 * 60_000)} deadlineBreached={false} acknowledgedAt={null} />);
      expect(screen.getByTestId('countdown').textContent).toBe('剩余 1小时30分');
    } finally {
      await act(async () => {
        await i18n.changeLanguage('en');
      });
    }
  });
});
