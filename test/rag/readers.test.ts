import { describe, expect, it } from 'vitest';
import type { OptionScores, ReaderContext } from '../../src/rag/readers/reader.js';
import { READERS } from '../../src/rag/readers/registry.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import type { QaItem } from '../../src/rag/item.js';

const loc = resolveLocations();
const item = (id: string, answer: string, options: Record<string, string> = { '1': 'aspirin', '2': 'heparin', '3': 'warfarin' }): QaItem => ({ id, question: `case ${id}`, options, answer, lang: 'en', group: 'g', gold: [], oracle: [] });
const reader = (name: keyof typeof READERS) => READERS[name];
const ctx = (over: Partial<ReaderContext> = {}): ReaderContext => ({ loc, train: [], ...over });

describe('majority baseline', () => {
  it("answers the train split's most frequent key, ties to the smallest", async () => {
    const train = [item('t1', '2'), item('t2', '3'), item('t3', '3'), item('t4', '2')];
    const r = await reader('majority').create({}, ctx({ train }));
    expect(r.config).toEqual({ answer: '2', trainItems: 4 });
    expect([...(await r.choose([item('a', '1'), item('b', '2')])).values()]).toEqual(['2', '2']);
  });

  it('needs a train split', async () => {
    await expect(reader('majority').create({}, ctx())).rejects.toThrow(/no train split/);
  });
});

describe('random baseline', () => {
  const items = Array.from({ length: 300 }, (_, i) => item(`q${i}`, '1'));
  it('is reproducible per item from the seed, whatever the order, and roughly uniform', async () => {
    const r = await reader('random').create({ seed: 7 }, ctx());
    const a = await r.choose(items);
    const b = await r.choose([...items].reverse());
    expect([...a].sort()).toEqual([...b].sort());
    const counts = [...a.values()].reduce((m, k) => m.set(k!, (m.get(k!) ?? 0) + 1), new Map<string, number>());
    for (const key of ['1', '2', '3']) expect(counts.get(key)!).toBeGreaterThan(60);
    const other = await (await reader('random').create({ seed: 8 }, ctx())).choose(items);
    expect([...other.values()]).not.toEqual([...a.values()]);
  });
});

describe('IR solver', () => {
  const scores: OptionScores = new Map([
    ['a', new Map([['1', 1.5], ['2', 4.25], ['3', 0.5]])],
    ['b', new Map([['1', 2], ['2', 2], ['3', 1]])],
    ['c', new Map([['1', 0], ['2', 0], ['3', 0]])],
  ]);
  it('picks the best-supported option, ties to the first key, no support to no answer', async () => {
    let asked: readonly QaItem[] = [];
    const r = await reader('ir-solver').create({}, ctx({ scoreOptions: async (items) => ((asked = items), scores) }));
    const chosen = await r.choose([item('a', '2'), item('b', '1'), item('c', '1')]);
    expect(Object.fromEntries(chosen)).toEqual({ a: '2', b: '1', c: null });
    expect(asked.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('needs passages, and refuses yes/no/maybe options', async () => {
    await expect(reader('ir-solver').create({}, ctx())).rejects.toThrow(/needs passages to search/);
    const r = await reader('ir-solver').create({}, ctx({ scoreOptions: async () => scores }));
    await expect(r.choose([item('y', 'A', { A: 'yes', B: 'no', C: 'maybe' })])).rejects.toThrow(/not applicable to yes\/no\/maybe options \(item 'y'\)/);
  });
});
