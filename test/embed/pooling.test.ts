import { describe, expect, it } from 'vitest';
import { normalizeInPlace, poolTokens } from '../../src/embed/pooling.js';

// batch 2, seq 3, dim 2; the second text has one padding position holding junk that must be ignored.
const hidden = new Float32Array([
  1, 2, 3, 4, 5, 6, // text 0: three tokens
  2, 0, 0, 4, 99, 99, // text 1: two tokens + padding
]);
const mask = [1n, 1n, 1n, 1n, 1n, 0n];

describe('poolTokens', () => {
  it('averages the tokens the mask keeps', () => {
    const [a, b] = poolTokens(hidden, mask, [2, 3, 2], 'mean', false);
    expect([...a]).toEqual([3, 4]);
    expect([...b]).toEqual([1, 2]);
  });

  it('takes the first token for CLS pooling', () => {
    const [a, b] = poolTokens(hidden, mask, [2, 3, 2], 'cls', false);
    expect([...a]).toEqual([1, 2]);
    expect([...b]).toEqual([2, 0]);
  });

  it('normalises to unit length', () => {
    const [a] = poolTokens(hidden, mask, [2, 3, 2], 'mean', true);
    expect(a[0]).toBeCloseTo(0.6, 6);
    expect(a[1]).toBeCloseTo(0.8, 6);
  });

  it('keeps an all-zero sentence (no known word) at zero instead of NaN', () => {
    const [z] = poolTokens(new Float32Array(6), [1n, 1n, 0n], [1, 3, 2], 'mean', true);
    expect([...z]).toEqual([0, 0]);
    expect([...normalizeInPlace(new Float32Array(3))]).toEqual([0, 0, 0]);
  });
});
