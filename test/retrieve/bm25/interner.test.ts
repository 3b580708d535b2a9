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

  it('grows past a tiny size hint by long terms, and encodes U+0080 (the first non-ASCII unit) as two bytes', () => {
    const terms = ['abcdefghijklmnopqrstuvwxyz', 'ñandú-größe-überlang', 'x\u0080y'];
    const { bytes, ends } = encodeTerms([terms], 1)!;
    expect(Buffer.from(bytes)).toEqual(Buffer.from(terms.join('')));
    expect(Array.from(ends)).toEqual([26, 26 + Buffer.byteLength(terms[1]), 26 + Buffer.byteLength(terms[1]) + 4]);
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

  it('tells apart terms of the same length whose FNV-1a hashes collide', () => {
    // found by a birthday search over 'q' + six base-36 digits; the check below recomputes the hash
    const fnv = (t: string) => Buffer.from(t).reduce((h, b) => Math.imul(h ^ b, 16777619), 0x811c9dc5 | 0);
    const [a, b] = ['q000pf8', 'q00hrj6'];
    expect(fnv(a)).toBe(fnv(b));
    const interner = new ByteInterner();
    expect([interner.id(a), interner.id(b), interner.id(a), interner.id(b)]).toEqual([0, 1, 0, 1]);
    const { bytes, ends } = encodeTerms([[b, a, 'x', a]])!;
    const ids = new Int32Array(4);
    interner.read(bytes, ends, 0, 4, ids, 0);
    expect(Array.from(ids)).toEqual([1, 0, 2, 0]);
  });

  it('keeps long terms whole, and more term bytes than its first arena holds (64 KiB)', () => {
    const interner = new ByteInterner();
    // two terms longer than its first scratch buffer (256 bytes), alike but for their last characters
    const stem = 'α'.repeat(200);
    expect([interner.id(`${stem}x`), interner.id(`${stem}y`), interner.id(`${stem}x`)]).toEqual([0, 1, 0]);
    // 3000 distinct terms of 40 bytes, read from bytes: 120 KB kept, each found again after
    const terms = Array.from({ length: 3000 }, (_, i) => `${i}`.padStart(40, 'k'));
    const { bytes, ends } = encodeTerms([terms, terms])!;
    const ids = new Int32Array(2 * terms.length);
    interner.read(bytes, ends, 0, ends.length, ids, 0);
    const want = terms.map((_, i) => i + 2);
    expect(Array.from(ids)).toEqual([...want, ...want]);
    expect(interner.terms.slice(2)).toEqual(terms);
  });

  it('keeps strings with lone surrogates apart from each other and from U+FFFD', () => {
    const interner = new ByteInterner();
    const terms = ['\uD800', '\uDC00', '\uFFFD', '\uD800', 'x\uDC00', '\uFFFD'];
    expect(terms.map((t) => interner.id(t))).toEqual(mapIds(terms));
    expect(interner.terms).toEqual(['\uD800', '\uDC00', '\uFFFD', 'x\uDC00']);
  });
});
