import { describe, expect, it } from 'vitest';
import type { Query, Run } from '../../src/core/types.js';
import { consistency } from '../../src/crosslingual/consistency.js';
import { DEFAULT_GAP, gapMethod, languageGap } from '../../src/crosslingual/gap.js';
import { pairs, parallelQueries } from '../../src/crosslingual/parallel.js';
import { medirErrorOf } from '../helpers/errors.js';

const q = (id: string, meta: Record<string, unknown>): Query => ({ id, text: id, meta });

describe('parallel query sets', () => {
  it('groups queries by `group`, languages in first-seen order, numbers taken as text', () => {
    const p = parallelQueries([q('a-es', { lang: 'es', group: 1 }), q('a-en', { lang: 'en', group: 1 }), q('b-en', { lang: 'en', group: 'b' })], 'set');
    expect(p.languages).toEqual(['es', 'en']);
    expect(p.groups).toEqual(new Map([['1', new Map([['es', 'a-es'], ['en', 'a-en']])], ['b', new Map([['en', 'b-en']])]]));
    expect(p.langOf).toEqual(new Map([['a-es', 'es'], ['a-en', 'en'], ['b-en', 'en']]));
    // Paired tests run over the groups asked in both languages only, in group order.
    expect(pairs(p, 'es', 'en')).toEqual([{ group: '1', a: 'a-es', b: 'a-en' }]);
    expect(pairs(p, 'en', 'es')).toEqual([{ group: '1', a: 'a-en', b: 'a-es' }]);
    expect(pairs(p, 'en', 'fr')).toEqual([]);
  });

  it('refuses a query without lang or group (naming the source, the query and the field) and two queries of one language in a group', async () => {
    expect(() => parallelQueries([q('x', { group: 'g' })], 'data/q.jsonl')).toThrow("data/q.jsonl: query 'x' has no 'lang' field");
    expect(() => parallelQueries([q('x', { lang: 'en', group: null })], 'data/q.jsonl')).toThrow("data/q.jsonl: query 'x' has no 'group' field");
    expect(() => parallelQueries([q('x', { lang: ['en'], group: 'g' })], 'src')).toThrow("src: query 'x' has no 'lang' field");
    const err = await medirErrorOf(() => parallelQueries([q('x', { group: 'g' })], 'src'));
    expect([err.code, err.hint]).toEqual(['BAD_INPUT', 'a parallel query set gives every query a `lang` and a `group`']);
    const twice = await medirErrorOf(() => parallelQueries([q('x', { lang: 'en', group: 'g' }), q('y', { lang: 'en', group: 'g' })], 'src'));
    expect([twice.code, twice.message]).toEqual(['BAD_INPUT', "src: group 'g' has two en queries ('x', 'y')"]);
  });
});

describe('cross-language consistency', () => {
  const parallel = parallelQueries(
    [
      q('1-en', { lang: 'en', group: '1' }), q('1-es', { lang: 'es', group: '1' }), q('1-fr', { lang: 'fr', group: '1' }),
      q('2-en', { lang: 'en', group: '2' }), q('2-es', { lang: 'es', group: '2' }),
      q('3-fr', { lang: 'fr', group: '3' }),
    ],
    'set',
  );
  const docs = (...ids: string[]) => ids.map((docId, i) => ({ docId, score: 10 - i }));
  const run: Run = new Map([
    ['1-en', docs('a', 'b', 'c')],
    ['1-es', docs('a', 'x', 'b')],
    ['1-fr', docs('y', 'z', 'c')],
    ['2-en', docs('d', 'e')],
    ['2-es', docs('e', 'd')],
    ['3-fr', docs('f')],
  ]);
  const qrels = new Map([
    ['1-en', new Map([['c', 1]])],
    ['1-es', new Map([['b', 2]])],
    ['1-fr', new Map([['c', 1]])],
    ['2-en', new Map([['d', 1]])],
    ['2-es', new Map([['q', 1]])],
    ['3-fr', new Map([['f', 1]])],
  ]);

  it('overlap@depth per language and per group, and the share of groups where every language hits', () => {
    // depth 2. Group 1: en {a,b}, es {a,x}, fr {y,z}: en–es 1/2, en–fr 0, es–fr 0. Group 2: en {d,e}, es {e,d}: 1.
    const c = consistency(parallel, run, qrels, 2);
    expect(c.overlapByLanguage.get('en')).toBeCloseTo((0.25 + 1) / 2, 12);
    expect(c.overlapByLanguage.get('es')).toBeCloseTo((0.25 + 1) / 2, 12);
    expect(c.overlapByLanguage.get('fr')).toBeCloseTo(0, 12);
    expect(c.overlap).toBeCloseTo((0.5 / 3 + 1) / 2, 12);
    // Group 1: en's c is third (missed at 2); group 2: es's relevant q never retrieved; group 3: fr alone finds f.
    expect(c.allLanguagesHit).toBeCloseTo(1 / 3, 12);
    expect(c.groups).toBe(3);
  });

  it('depth 10 by default, a shorter list cannot reach overlap 1, and the relevance level counts', () => {
    const c = consistency(parallel, run, qrels);
    // Group 1: en–es share a and b, en–fr c, es–fr nothing; group 2 shares both documents, but over 10 positions: 2/10.
    expect(c.overlap).toBeCloseTo(((2 / 10 + 1 / 10 + 0) / 3 + 2 / 10) / 2, 12);
    expect(c.allLanguagesHit).toBeCloseTo(2 / 3, 12);
    // At relevance level 2 only 1-es's judgment counts: group 1 misses in en and fr, group 3 in fr.
    expect(consistency(parallel, run, qrels, 10, 2).allLanguagesHit).toBe(0);
  });

  it('a query missing from the run retrieved nothing: no overlap, no hit', () => {
    // Group 2 asked in en and es, neither in the run: two empty lists share nothing.
    const partial: Run = new Map([['1-en', docs('a')], ['1-es', docs('a')]]);
    const c = consistency({ ...parallel, languages: ['en', 'es'] }, partial, qrels, 2);
    expect(c.groups).toBe(2);
    expect(c.overlap).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(c.allLanguagesHit).toBe(0);
  });

  it('reads only the languages the condition ran; a language in no group with another has no overlap', () => {
    const c = consistency({ ...parallel, languages: ['fr'] }, run, qrels, 2);
    expect(c.groups).toBe(2);
    expect(c.allLanguagesHit).toBe(0.5);
    expect(c.overlapByLanguage).toEqual(new Map());
    expect(c.overlap).toBeNaN();
    const none = consistency({ ...parallel, languages: ['de'] }, run, qrels, 2);
    expect(none.groups).toBe(0);
    expect(none.allLanguagesHit).toBeNaN();
  });
});

describe('language gap', () => {
  const parallel = parallelQueries(
    ['1', '2', '3', '4'].flatMap((g) => [q(`${g}-en`, { lang: 'en', group: g }), q(`${g}-es`, { lang: 'es', group: g })]).concat([q('5-es', { lang: 'es', group: '5' })]),
    'set',
  );

  it('paired over the groups asked in both languages; a query without a value scores 0', () => {
    // es − en per group: 0.5−1, 0−0.5, 0.25−0.25, (4-es has no value: 0)−0.25; group 5 has no English query.
    const values = new Map([['1-en', 1], ['1-es', 0.5], ['2-en', 0.5], ['2-es', 0], ['3-en', 0.25], ['3-es', 0.25], ['4-en', 0.25], ['5-es', 1]]);
    const g = languageGap(values, parallel, 'es', 'en', { ...DEFAULT_GAP, samples: 200 });
    const diffs = [-0.5, -0.5, 0, -0.25];
    const meanDiff = -1.25 / 4;
    expect(g.pairs).toBe(4);
    expect(g.absolute).toBeCloseTo(meanDiff, 12);
    expect(g.relative).toBeCloseTo(meanDiff / 0.5, 12);
    // Paired t with 3 degrees of freedom: two-sided p = 1 − (2/π)(x/(1 + x²) + atan x), x = |t|/√3.
    const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - meanDiff) ** 2, 0) / 3);
    const x = Math.abs(meanDiff / (sd / 2)) / Math.sqrt(3);
    expect(g.p).toBeCloseTo(1 - (2 / Math.PI) * (x / (1 + x * x) + Math.atan(x)), 6);
    expect(g.ci[0]).toBeGreaterThanOrEqual(-0.5);
    expect(g.ci[0]).toBeLessThan(meanDiff);
    expect(g.ci[1]).toBeGreaterThan(meanDiff);
    expect(g.ci[1]).toBeLessThanOrEqual(0);
  });

  it('passes the settings to the test and the bootstrap: resamples, level, seed, permutations', () => {
    const values = new Map([['1-en', 1], ['1-es', 0.5], ['2-en', 0.5], ['2-es', 0], ['3-en', 0.25], ['3-es', 0.25], ['4-en', 0.25]]);
    const gapWith = (s: Partial<typeof DEFAULT_GAP>) => languageGap(values, parallel, 'es', 'en', { ...DEFAULT_GAP, samples: 300, ...s });
    // One resample: one mean, an interval of no width.
    const one = gapWith({ samples: 1 }).ci;
    expect(one[0]).toBe(one[1]);
    // A 50% interval lies inside the 95% one, strictly at least on one side.
    const [wide, narrow] = [gapWith({}).ci, gapWith({ alpha: 0.5 }).ci];
    expect(narrow[0]).toBeGreaterThanOrEqual(wide[0]);
    expect(narrow[1]).toBeLessThanOrEqual(wide[1]);
    expect(narrow[1] - narrow[0]).toBeLessThan(wide[1] - wide[0]);
    expect(gapWith({ seed: 7 }).ci).not.toEqual(gapWith({ seed: 8 }).ci);
    // 4 groups, 2^4 = 16 sign flips: more than 8 permutations, so they are sampled and p = (extreme + 1) / 9.
    const randomized = [1, 42].map((seed) => gapWith({ test: 'randomization', samples: 8, seed }).p);
    for (const p of randomized) expect(p * 9).toBeCloseTo(Math.round(p * 9), 9);
    // Eight random flips: which ones depends on the seed.
    expect(randomized[0]).not.toBe(randomized[1]);
    // Within 16 the flips are enumerated: p = 4 / 16 (only all three nonzero differences of one sign are as extreme).
    expect(gapWith({ test: 'randomization', samples: 16 }).p).toBe(0.25);
  });

  it('the relative gap is undefined when the reference scores 0', () => {
    const g = languageGap(new Map([['1-es', 0.5]]), parallel, 'es', 'en', { ...DEFAULT_GAP, samples: 100 });
    expect(g.absolute).toBeCloseTo(0.5 / 4, 12);
    expect(g.relative).toBeNaN();
  });

  it('the test, interval and seed in words, for the report', () => {
    expect(gapMethod({ test: 'wilcoxon', samples: 500, alpha: 0.1, seed: 7 })).toEqual({
      test: 'wilcoxon test over the parallel groups (two-sided)',
      bootstrap: 'percentile bootstrap of the mean paired difference, 500 resamples of the groups, 90% level, seed 7',
    });
    expect(DEFAULT_GAP).toEqual({ test: 'paired-t', samples: 10_000, alpha: 0.05, seed: 42 });
  });
});
