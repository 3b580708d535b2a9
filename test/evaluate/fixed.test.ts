import { describe, expect, it } from 'vitest';
import { cFixed } from '../../src/evaluate/format/fixed.js';

// Expected strings are what glibc printf("%.4f") prints (round half to even on the exact binary value).
describe("cFixed matches C's %.4f", () => {
  it.each([
    [0.03125, '0.0312'],
    [0.09375, '0.0938'],
    [0.15625, '0.1562'],
    [1 / 3, '0.3333'],
    [0.00005, '0.0001'], // 0.00005 is slightly above the half in binary
    [-67.72, '-67.7200'],
    [-0, '-0.0000'],
    [0, '0.0000'],
    [2, '2.0000'],
  ])('%d → %s', (x, expected) => {
    expect(cFixed(x)).toBe(expected);
  });
});

describe('cFixed: other precisions and non-finite values, as glibc prints them', () => {
  it.each([
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.5, 0, '0'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [-0.125, 2, '-0.12'],
    [1.0625, 3, '1.062'],
    [0.1, 1, '0.1'],
  ])('%d at %i decimals → %s', (x, digits, expected) => {
    expect(cFixed(x, digits)).toBe(expected);
  });

  it('nan, inf and -inf', () => {
    expect([cFixed(NaN), cFixed(Infinity), cFixed(-Infinity)]).toEqual(['nan', 'inf', '-inf']);
  });
});
