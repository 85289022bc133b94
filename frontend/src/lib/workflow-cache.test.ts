import { describe, expect, it } from 'vitest';
import type { AlertItemFragment } from '@/gql/graphql';
import { filterAdmits } from './workflow-cache';

const alert = { id: 'a', kind: 'ENTERED_AT_RISK', status: 'OPEN', customer: { id: 'c-1' } } as AlertItemFragment;

describe('which cached alert lists a live alert joins', () => {
  it('joins unfiltered lists and lists of open alerts of its kind and customer', () => {
    expect(filterAdmits(null, alert)).toBe(true);
    expect(filterAdmits({ statuses: ['OPEN'] }, alert)).toBe(true);
    expect(filterAdmits({ kinds: ['ENTERED_AT_RISK', 'PROMISE_BROKEN'] }, alert)).toBe(true);
    expect(filterAdmits({ customerId: 'c-1' }, alert)).toBe(true);
  });

  it('stays out of lists that would not show it', () => {
    expect(filterAdmits({ statuses: ['RESOLVED'] }, alert)).toBe(false);
    expect(filterAdmits({ kinds: ['OWNER_DEPARTED'] }, alert)).toBe(false);
    expect(filterAdmits({ customerId: 'c-2' }, alert)).toBe(false);
    expect(filterAdmits({ since: '2026-11-23T00:00:00Z' }, alert)).toBe(false);
  });
});
