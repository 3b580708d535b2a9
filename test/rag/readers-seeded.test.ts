import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { packPassages, shufflePassages, whitespaceTokens } from '../../src/rag/context.js';
import type { QaItem } from '../../src/rag/item.js';
import { READERS } from '../../src/rag/readers/registry.js';
import type { OptionScores, ReaderContext } from '../../src/rag/readers/reader.js';
import { seededUniform } from '../../src/rag/seeded.js';

/*
 * Expected values from Python, independently of this code:
 *   u = lambda *p: int.from_bytes(hashlib.sha256('\0'.join(map(str, p)).encode()).digest()[:4], 'big') / 2**32
 *   u(7, 'q1') = 0.19533046730794013; u(0, 'x') = 0.0749276839196682
 *   Fisher–Yates of [a, b, c, d] with j = int(u(7, 'q1', i) * (i + 1)), i = 3..1 → [c, a, d, b]
 *   ['1', '2', '3'][int(u(seed, qid) * 3)] for q1..q6: seed 0 → 2 2 3 2 1 2; seed 2 → 2 1 3 2 1 3
 */
const item = (id: string, options: Record<string, string> = { '3': 'c', '1': 'a', '2': 'b' }): QaItem => ({ id, question: id, options, answer: '1', lang: 'en', group: 'g', gold: [], oracle: [] });
const ctx = (over: Partial<ReaderContext> = {}): ReaderContext => ({ loc: resolveLocations(), train: [], ...over });
const qids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];

describe('seeded choices, checked against Python', () => {
  it('seededUniform is the first 4 bytes of sha256 of the parts joined by NUL', () => {
    expect(seededUniform(7, 'q1')).toBe(0.19533046730794013);
    expect(seededUniform(0, 'x')).toBe(0.0749276839196682);
  });

  it('shuffles by Fisher–Yates from the last position down', () => {
    expect(shufflePassages(['a', 'b', 'c', 'd'], 7, 'q1')).toEqual(['c', 'a', 'd', 'b']);
    expect(shufflePassages(['a'], 7, 'q1')).toEqual(['a']);
  });

  it('the random reader picks among the sorted keys; its default seed is 0; no options, no answer', async () => {
    const pick = async (params: { seed: number }) => [...(await (await READERS.random.create(params, ctx())).choose(qids.map((q) => item(q)))).values()];
    expect(await pick({ seed: 0 })).toEqual(['2', '2', '3', '2', '1', '2']);
    expect(await pick({ seed: 2 })).toEqual(['2', '1', '3', '2', '1', '3']);
    const r = await READERS.random.create({ seed: 0 }, ctx());
    expect(r.config).toEqual({ seed: 0 });
    expect((await r.choose([item('q1', {})])).get('q1')).toBeNull();
    expect(READERS.random.params.map((p) => [p.key, p.default])).toEqual([['seed', 0]]);
  });
});

describe('readers, edge cases', () => {
  it('the IR solver walks keys in sorted order (a tie goes to the smallest key) and needs a positive score', async () => {
    const scores: OptionScores = new Map([
      ['a', new Map([['2', 3], ['1', 3]])],
      ['b', new Map([['1', -1], ['2', 0]])],
    ]);
    const r = await READERS['ir-solver'].create({}, ctx({ scoreOptions: async () => scores }));
    expect(r.id).toBe('ir-solver');
    const chosen = await r.choose([item('a', { '2': 'x', '1': 'y' }), item('b', { '1': 'x', '2': 'y' }), item('c', { '1': 'x' })]);
    expect(Object.fromEntries(chosen)).toEqual({ a: '1', b: null, c: null });
  });

  it('majority: the most frequent answer wins over key order; a tie goes to the smaller key', async () => {
    const train = (answers: string[]) => answers.map((a, i) => ({ ...item(`t${i}`), answer: a }));
    expect((await READERS.majority.create({}, ctx({ train: train(['1', '3', '3']) }))).config).toEqual({ answer: '3', trainItems: 3 });
    expect((await READERS.majority.create({}, ctx({ train: train(['3', '2', '2', '3']) }))).config).toMatchObject({ answer: '2' });
  });

  it('packing counts the title with the text', () => {
    const withTitle = [{ id: 'a', title: 'two words', text: 'x' }, { id: 'b', title: '', text: 'y' }];
    expect(packPassages(withTitle, 3, whitespaceTokens).map((p) => p.id)).toEqual(['a']);
    expect(packPassages(withTitle, 4, whitespaceTokens).map((p) => p.id)).toEqual(['a', 'b']);
    expect(whitespaceTokens('  a \n b\t')).toBe(2);
  });
});

describe('reader contracts', () => {
  const lettered = (id: string) => item(id, { C: 'c', A: 'a', B: 'b' });
  it('random sorts letter keys before drawing (seed 0 → B B C B A B, as for 1 2 3)', async () => {
    const r = await READERS.random.create({ seed: 0 }, ctx());
    expect(r.id).toBe('random');
    expect([...(await r.choose(qids.map(lettered))).values()]).toEqual(['B', 'B', 'C', 'B', 'A', 'B']);
  });

  it('the IR solver breaks a tie to the first key in sorted order, whatever order the options come in', async () => {
    const r = await READERS['ir-solver'].create({}, ctx({ scoreOptions: async () => new Map([['a', new Map([['C', 2], ['B', 2], ['A', 1]])]]) }));
    expect(r.config).toEqual({ score: 'sum of the retriever scores of the top passages for question + option' });
    expect((await r.choose([lettered('a')])).get('a')).toBe('B');
  });

  it('readers are kind "reader" without parameters of their own but random\'s seed; errors are option errors', async () => {
    expect(Object.values(READERS).map((r) => [r.kind, r.params.length])).toEqual([['reader', 0], ['reader', 0], ['reader', 1]]);
    expect((await READERS.majority.create({}, ctx({ train: [item('t')] }))).id).toBe('majority');
    await expect(READERS.majority.create({}, ctx())).rejects.toMatchObject({ code: 'BAD_OPTION', message: '--generator majority: the data set has no train split to count answers in' });
    await expect(READERS['ir-solver'].create({}, ctx())).rejects.toMatchObject({ code: 'BAD_OPTION' });
    const r = await READERS['ir-solver'].create({}, ctx({ scoreOptions: async () => new Map() }));
    await expect(r.choose([item('y', { A: 'yes', B: 'no' })])).rejects.toMatchObject({ code: 'BAD_OPTION', hint: 'use majority or random as the baseline here' });
  });
});
