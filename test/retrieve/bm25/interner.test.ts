import { describe, expect, it } from 'vitest';
import { ByteInterner, encodeTerms } from '../../../src/retrieve/bm25/interner.js';

/** First-seen ids, as a Map numbers them. */
function mapIds(terms: readonly string[]): number[] {
  const vocab = new Map<string, number>();
  return terms.map((t) => vocab.get(t) ?? vocab.set(t, vocab.size).get(t)!);
}

describe('encodeTerms', () => {
  it('writes the terms back to back as UTF-8, each ending where ends says, growing past its size hint', () => {
    const { bytes, ends } = encodeTerms([['ab', ''], [], ['é', '北京', '😀', 'a\u0000b']], 2)!;
    expect(Array.from(ends)).toEqual([2, 2, 4, 10, 14, 17]);
    expect(Buffer.from(bytes).toString('utf8')).toBe('abé北京😀a\u0000b');
  });

  it('gives up on a term with a lone surrogate, whose bytes would be U+FFFD', () => {
    expect(encodeTerms([['ok'], ['a\uD800']])).toBeUndefined();
    expect(encodeTerms([['\uDE00']])).toBeUndefined();
  });
});

describe('ByteInterner', () => {
  it('numbers encoded terms as a Map numbers the strings, across many table growths and probes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pool = ['', 'é', 'niños', 'a', 'ab', 'ba', '北京', 'a\u0000b', ...Array.from({ length: 5000 }, (_, i) => `t${i}`)];
    const terms = Array.from({ length: 40_000 }, () => pool[Math.floor(pool.length * rand() ** 3)]);
    const interner = new ByteInterner();
    const ids = new Int32Array(terms.length);
    // two batches, the second read in two parts: ids carry over
    const half = terms.length / 2;
    const first = encodeTerms([terms.slice(0, half)])!;
    const second = encodeTerms([terms.slice(half, half + 100), terms.slice(half + 100)])!;
    interner.read(first.bytes, first.ends, 0, half, ids, 0);
    interner.read(second.bytes, second.ends, 0, 100, ids, half);
    interner.read(second.bytes, second.ends, 100, half, ids, half + 100);
    expect(Array.from(ids)).toEqual(mapIds(terms));
    expect(interner.terms).toEqual([...new Set(terms)]);
    expect(interner.id('niños')).toBe(interner.terms.indexOf('niños'));
    expect(interner.id('new one')).toBe(interner.terms.length - 1);
  });

  it('keeps strings with lone surrogates apart from each other and from U+FFFD', () => {
    const interner = new ByteInterner();
    const terms = ['\uD800', '\uDC00', '\uFFFD', '\uD800', 'x\uDC00', '\uFFFD'];
    expect(terms.map((t) => interner.id(t))).toEqual(mapIds(terms));
    expect(interner.terms).toEqual(['\uD800', '\uDC00', '\uFFFD', 'x\uDC00']);
  });
});
