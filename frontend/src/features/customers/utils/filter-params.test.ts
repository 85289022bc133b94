import { describe, expect, it } from 'vitest';
import { activeFilterCount, DEFAULT_LIST_STATE, listStateFromParams, listStateToParams, toApiFilter } from './filter-params';

describe('customer list URL state', () => {
  it('round-trips through the URL', () => {
    const s = { ...DEFAULT_LIST_STATE, search: '王', stages: ['ACTIVE', 'DORMANT'] as const, ownerIds: ['a', 'b'], tag: 'vip', orderBy: 'NAME_ASC' as const, pageSize: 50 };
    const p = listStateToParams({ ...s, stages: [...s.stages] });
    expect(p.toString()).toBe('q=%E7%8E%8B&stage=ACTIVE%2CDORMANT&owner=a%2Cb&tag=vip&sort=NAME_ASC&size=50');
    expect(listStateFromParams(p)).toEqual({ ...s, stages: ['ACTIVE', 'DORMANT'] });
  });

  it('ignores unknown values instead of sending them to the API', () => {
    const s = listStateFromParams(new URLSearchParams('stage=ACTIVE,BOGUS&sort=WHATEVER&size=7&risk=CRITICAL'));
    expect(s.stages).toEqual(['ACTIVE']);
    expect(s.riskLevels).toEqual(['CRITICAL']);
    expect(s.orderBy).toBe('RISK_DESC');
    expect(s.pageSize).toBe(25);
  });

  it('leaves empty criteria out of the API filter and counts the active ones', () => {
    expect(toApiFilter(DEFAULT_LIST_STATE)).toEqual({});
    const s = { ...DEFAULT_LIST_STATE, search: ' acme ', tiers: ['PKA' as const] };
    expect(toApiFilter(s)).toEqual({ search: 'acme', tiers: ['PKA'] });
    expect(activeFilterCount(s)).toBe(2);
  });
});
