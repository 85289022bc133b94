import { describe, expect, it } from 'vitest';
import { churnRates } from './churn-card';

describe('churn and retention', () => {
  it('divides the customers lost by the base at the start of the period', () => {
    // 8 lost, 192 live now: 200 at the start, 4 % churn.
    expect(churnRates(8, 192)).toEqual({ churn: 0.04, retention: 0.96, base: 200 });
  });

  it('is 0 % churn (100 % retention) for an empty book', () => {
    expect(churnRates(0, 0)).toEqual({ churn: 0, retention: 1, base: 0 });
  });
});
