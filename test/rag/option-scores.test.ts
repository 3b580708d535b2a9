import { describe, expect, it } from 'vitest';
import type { Query, Run } from '../../src/core/types.js';
import type { QaItem } from '../../src/rag/item.js';
import { optionScorer } from '../../src/rag/option-scores.js';
import { settingDefinition } from '../../src/rag/settings/registry.js';
import type { Retriever } from '../../src/retrieve/retriever.js';

// A retriever over a fixed table of scores: the option scorer's filtering and summing is what is tested.
function tableRetriever(table: Record<string, Record<string, number>>): Retriever & { asked: Query[]; depth?: number } {
  const self = {
    name: 'table',
    config: {},
    asked: [] as Query[],
    depth: undefined as number | undefined,
    async retrieve(queries: readonly Query[], topK: number): Promise<Run> {
      self.asked.push(...queries);
      self.depth = topK;
      const byText = (q: Query) => table[q.text] ?? {};
      return new Map(queries.map((q) => [q.id, Object.entries(byText(q)).map(([docId, score]) => ({ docId, score }))]));
    },
  };
  return self;
}

const item: QaItem = {
  id: 'q1',
  question: 'fever?',
  options: { A: 'flu', B: 'cold' },
  answer: 'A',
  lang: 'en',
  group: 'g',
  gold: ['gold'],
  oracle: [{ id: 'q1#explanation', title: '', text: 'flu it is' }],
};
const table = {
  'fever? flu': { gold: 5, d1: 2, d2: 1, 'q1#explanation': 3, 'q9#explanation': 9 },
  'fever? cold': { gold: 1, d1: 4, d2: 3, 'q1#explanation': 0.5 },
};

describe('option scoring for the IR solver', () => {
  it('rag: question + option is the query; the top-k scores are summed', async () => {
    const r = tableRetriever(table);
    const scores = await optionScorer(r, settingDefinition('rag'), 2, 7)([item]);
    expect(r.asked.map((q) => q.text)).toEqual(['fever? flu', 'fever? cold']);
    expect(r.depth).toBe(7);
    expect(Object.fromEntries(scores.get('q1')!)).toEqual({ A: 9 + 5, B: 4 + 3 }); // flu: q9-expl 9 + gold 5
  });

  it('distractors: gold passages are dropped before taking the top k', async () => {
    const scores = await optionScorer(tableRetriever(table), settingDefinition('distractors'), 2, 7)([item]);
    expect(Object.fromEntries(scores.get('q1')!)).toEqual({ A: 9 + 3, B: 4 + 3 });
  });

  it("oracle: only the item's own oracle passages count", async () => {
    const scores = await optionScorer(tableRetriever(table), settingDefinition('oracle'), 2, 7)([item]);
    expect(Object.fromEntries(scores.get('q1')!)).toEqual({ A: 3, B: 0.5 });
  });

  it('oracle: every oracle passage of the item counts, however small k is', async () => {
    const two: QaItem = { ...item, oracle: [...item.oracle, { id: 'q1#second', title: '', text: 'more' }] };
    const t = { 'fever? flu': { ...table['fever? flu'], 'q1#second': 2 }, 'fever? cold': table['fever? cold'] };
    const scores = await optionScorer(tableRetriever(t), settingDefinition('oracle'), 1, 7)([two]);
    expect(Object.fromEntries(scores.get('q1')!)).toEqual({ A: 3 + 2, B: 0.5 });
  });
});
