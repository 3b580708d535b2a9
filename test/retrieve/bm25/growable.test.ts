import { describe, expect, it } from 'vitest';
import { GrowableInt32 } from '../../../src/retrieve/bm25/growable.js';

describe('GrowableInt32', () => {
  it('keeps every pushed value across growth, in order', () => {
    const a = new GrowableInt32(2);
    const values = Array.from({ length: 37 }, (_, i) => i * 7 - 50);
    for (const v of values) a.push(v);
    expect(a.length).toBe(37);
    expect(Array.from(a.view())).toEqual(values);
    expect(a.get(36)).toBe(values[36]);
  });

  it('increments counters at any index, zero-filled and growing to reach it', () => {
    const a = new GrowableInt32(4);
    a.increment(2);
    a.increment(2, 5);
    expect(Array.from(a.view())).toEqual([0, 0, 6]);
    a.increment(9, 3); // beyond capacity: grows to at least index + 1
    expect(a.length).toBe(10);
    expect(Array.from(a.view())).toEqual([0, 0, 6, 0, 0, 0, 0, 0, 0, 3]);
    a.increment(1); // below the length: the length stays
    expect(a.length).toBe(10);
    a.increment(10); // at the capacity after doubling from 4 to 10: one more
    expect(Array.from(a.view())).toEqual([0, 1, 6, 0, 0, 0, 0, 0, 0, 3, 1]);
    a.push(4);
    expect(Array.from(a.view()).slice(10)).toEqual([1, 4]);
  });

  it('increments past twice its capacity in one step', () => {
    const a = new GrowableInt32(2);
    a.increment(100, 2);
    expect(a.length).toBe(101);
    expect(a.get(100)).toBe(2);
    expect(a.view().reduce((s, x) => s + x, 0)).toBe(2);
  });

  it('is in shared memory only when asked to be, before and after growing', () => {
    const plain = new GrowableInt32(1);
    const shared = new GrowableInt32(1, true);
    for (const a of [plain, shared]) for (let i = 0; i < 5; i++) a.push(i);
    expect(plain.view().buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(shared.view().buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.view())).toEqual([0, 1, 2, 3, 4]);
  });

});
