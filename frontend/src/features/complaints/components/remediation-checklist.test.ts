import { describe, expect, it } from 'vitest';
import { moveStep } from './remediation-checklist';

describe('reordering remediation steps', () => {
  it('swaps a step with its neighbour and keeps the rest', () => {
    expect(moveStep(['a', 'b', 'c', 'd'], 3, -1)).toEqual(['a', 'b', 'd', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('does nothing past either end', () => {
    expect(moveStep(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveStep(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});
