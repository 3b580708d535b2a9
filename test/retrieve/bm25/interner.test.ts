import { describe, expect, it } from 'vitest';
import { JoinedInterner } from '../../../src/retrieve/bm25/interner.js';

const SEP = 0;

/** First-seen ids, as a Map numbers them. */
function mapIds(terms: string[]): number[] {
  const vocab = new Map<string, number>();
  return terms.map((t) => vocab.get(t) ?? vocab.set(t, vocab.size).get(t)!);
}

describe('JoinedInterner', () => {
  it('numbers the terms of a joined string as a Map does, across many table growths and probes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pool = ['', 'é', 'niños', 'a', 'ab', 'ba', '北京', ...Array.from({ length: 5000 }, (_, i) => `t${i}`)];
    const terms = Array.from({ length: 40_000 }, () => pool[Math.floor(pool.length * rand() ** 3)]);
    const interner = new JoinedInterner();
    const ids = new Int32Array(terms.length);
    // in two strings, so the second reuses the ids of the first
    const half = terms.length / 2;
    const first = terms.slice(0, half).join('\u0000');
    const second = terms.slice(half).join('\u0000');
    expect(interner.read(first, SEP, 0, half, ids, 0)).toBe(first.length + 1);
    // the second string in two reads, resuming where the first stopped
    const mid = interner.read(second, SEP, 0, 100, ids, half);
    expect(interner.read(second, SEP, mid, half - 100, ids, half + 100)).toBe(second.length + 1);
    expect(Array.from(ids)).toEqual(mapIds(terms));
    expect(interner.terms).toEqual([...new Set(terms)]);
    expect(interner.id('niños')).toBe(interner.terms.indexOf('niños'));
    expect(interner.id('new one')).toBe(interner.terms.length - 1);
  });

  it('says where the next term starts, and when the string holds fewer terms than asked', () => {
    const interner = new JoinedInterner();
    const ids = new Int32Array(4);
    expect(interner.read('x\u0000y\u0000x\u0000z', SEP, 0, 2, ids, 0)).toBe(4);
    expect(Array.from(ids.subarray(0, 2))).toEqual([0, 1]);
    expect(interner.read('x\u0000y', SEP, 0, 3, ids, 0)).toBe(-1);
    expect(interner.read('', SEP, 0, 1, ids, 0)).toBe(1); // one empty term
    expect(interner.terms).toEqual(['x', 'y', '']);
  });
});
