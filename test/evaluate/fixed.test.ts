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
