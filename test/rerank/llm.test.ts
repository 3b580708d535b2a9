import { describe, expect, it } from 'vitest';
import type { Document, Query } from '../../src/core/types.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { readPermutation, slidingWindows } from '../../src/rerank/methods/llm-listwise.js';
import { yesNo, yesProbability } from '../../src/rerank/methods/llm-pointwise.js';
import { createReranker } from '../../src/rerank/registry.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { tempDir } from '../helpers/tmp.js';

const query: Query = { id: 'q1', text: 'does aspirin prevent stroke', meta: {} };
/** Documents whose text says how relevant they are (`rel=N`), in a first-stage order that is wrong. */
const docs: Document[] = [3, 0, 5, 1, 6, 2, 4].map((rel, i) => ({ id: `d${i}`, title: `T${i}`, text: `passage rel=${rel}${rel >= 5 ? ' aspirin' : ''}` }));

/** Pointwise judge: yes when the passage mentions aspirin; an unreadable reply for rel=0. */
const pointwiseReply = (user: string) => (/Passage: .*aspirin/.test(user) ? 'Yes.' : /rel=0/.test(user) ? 'Maybe' : 'no');

/** Listwise judge: orders the window's `[k] … rel=N` lines by N, best first, as RankGPT's format asks. */
function listwiseReply(user: string): string {
  const lines = [...user.matchAll(/^\[(\d+)\] .*rel=(\d+)/gm)].map((m) => ({ k: Number(m[1]), rel: Number(m[2]) }));
  return lines.sort((a, b) => b.rel - a.rel).map((l) => `[${l.k}]`).join(' > ');
}

function setup(reply: (user: string) => string, logprobs?: (user: string) => Record<string, number>) {
  const loc = { ...resolveLocations(), cache: tempDir('medir-rerank-cache-') };
  return { loc, start: () => startFakeOpenAI([], { reply, logprobs }) };
}

/** First-token alternatives whose P(yes | yes or no) is rel/10, split over two spellings of yes. */
const relLogprobs = (user: string): Record<string, number> => {
  const rel = Number(/Passage: .*rel=(\d+)/.exec(user)![1]) / 10;
  return { Yes: Math.log(rel / 2 + 1e-9), ' yes': Math.log(rel / 2 + 1e-9), No: Math.log(1 - rel + 1e-9), Maybe: Math.log(0.01) };
};

describe('llm-pointwise against a local OpenAI-compatible server', () => {
  it('puts the passages judged relevant first, in first-stage order, and a rerun makes no calls', async () => {
    const { loc, start } = setup(pointwiseReply);
    const server = await start();
    const params = { llmModel: 'judge', baseUrl: server.baseUrl };
    const reranker = await createReranker('llm-pointwise', params, loc);
    const [scores] = await reranker.rerank([{ query, docs }]);
    const ranked = docs.map((d, i) => ({ id: d.id, s: scores[i] })).sort((a, b) => b.s - a.s).map((d) => d.id);
    expect(ranked).toEqual(['d2', 'd4', 'd0', 'd1', 'd3', 'd5', 'd6']);
    expect(new Set(scores).size).toBe(docs.length);
    expect(server.received).toHaveLength(7);
    expect(server.received[0].body.messages[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/relevance assessor/) });
    expect(server.received[0].body.max_tokens).toBe(4);
    expect(reranker.stats()).toMatchObject({ judged: 7, unreadable: 1, calls: 7, cacheHits: 0 });
    expect(reranker.config).toMatchObject({ prompt: { version: 'rerank/pointwise/v1' }, generator: { id: 'openai-compatible' } });

    const again = await createReranker('llm-pointwise', params, loc);
    expect(await again.rerank([{ query, docs }])).toEqual([scores]);
    expect(server.received).toHaveLength(7);
    expect(again.stats()).toMatchObject({ calls: 0, cacheHits: 7 });
  });

  it('scores by P(yes) where the server returns logprobs, and caches those replies too', async () => {
    const { loc, start } = setup(pointwiseReply, relLogprobs);
    const server = await start();
    const params = { llmModel: 'judge', baseUrl: server.baseUrl };
    const reranker = await createReranker('llm-pointwise', params, loc);
    const [scores] = await reranker.rerank([{ query, docs }]);
    expect(server.received[0].body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    const ranked = docs.map((d, i) => ({ id: d.id, s: scores[i] })).sort((a, b) => b.s - a.s).map((d) => d.id);
    expect(ranked).toEqual(['d4', 'd2', 'd6', 'd0', 'd5', 'd3', 'd1']); // rel 6, 5, 4, 3, 2, 1, 0
    expect(scores[0]).toBeCloseTo(0.3, 5);
    expect(reranker.stats()).toMatchObject({ judged: 7, fromLogprobs: 7, unreadable: 0 });
    const again = await createReranker('llm-pointwise', params, loc);
    expect(await again.rerank([{ query, docs }])).toEqual([scores]);
    expect(server.received).toHaveLength(7);
    // --rerank-top-logprobs 0: logprobs are not asked for, the answer alone scores.
    const plain = await createReranker('llm-pointwise', { ...params, topLogprobs: 0 }, loc);
    const [answered] = await plain.rerank([{ query, docs }]);
    expect(server.received[7].body.logprobs).toBeUndefined();
    expect(answered.map((s) => Math.round(s))).toEqual([0, 0, 1, 0, 1, 0, 0]);
  });

  it('shows each passage cut to --rerank-passage-words words', async () => {
    const { loc, start } = setup(pointwiseReply);
    const server = await start();
    const reranker = await createReranker('llm-pointwise', { llmModel: 'judge', baseUrl: server.baseUrl, passageWords: 2 }, loc);
    await reranker.rerank([{ query, docs: docs.slice(0, 1) }]);
    expect(server.answered[0]).toMatch(/^Passage: T0 passage$/m);
  });

  it('reads yes/no whatever the case and punctuation', () => {
    expect([yesNo('Yes'), yesNo(' no.'), yesNo('YES, it is'), yesNo('Not sure'), yesNo('')]).toEqual([true, false, true, undefined, undefined]);
    expect(yesProbability({ Yes: Math.log(0.6), ' yes': Math.log(0.2), NO: Math.log(0.2), The: 0 })).toBeCloseTo(0.8, 12);
    expect([yesProbability({ Maybe: 0 }), yesProbability(undefined)]).toEqual([undefined, undefined]);
  });
});

describe('llm-listwise (RankGPT sliding window) against a local OpenAI-compatible server', () => {
  it('sorts a list that fits one window in one call, and a rerun makes no calls', async () => {
    const { loc, start } = setup(listwiseReply);
    const server = await start();
    const params = { llmModel: 'judge', baseUrl: server.baseUrl };
    const reranker = await createReranker('llm-listwise', params, loc);
    const [scores] = await reranker.rerank([{ query, docs }]);
    expect(scores).toEqual([4, 1, 6, 2, 7, 3, 5]); // n − position: rel 6 first, rel 0 last
    expect(server.received).toHaveLength(1);
    expect(server.answered[0]).toMatch(/Rank the passages based on their relevance to the search query: does aspirin prevent stroke\./);
    expect(server.answered[0]).toMatch(/^\[1\] T0 passage rel=3$/m);

    const again = await createReranker('llm-listwise', params, loc);
    expect(await again.rerank([{ query, docs }])).toEqual([scores]);
    expect(server.received).toHaveLength(1);
  });

  it('slides windows of 3, step 2, from the bottom up: the best passage rises to the top', async () => {
    const { loc, start } = setup(listwiseReply);
    const server = await start();
    const reranker = await createReranker('llm-listwise', { llmModel: 'judge', baseUrl: server.baseUrl, window: 3, step: 2 }, loc);
    const [scores] = await reranker.rerank([{ query, docs }]);
    expect(server.received).toHaveLength(slidingWindows(7, 3, 2).length);
    expect(scores[4]).toBe(7); // d4 (rel=6) started at position 5
    expect(reranker.stats()).toMatchObject({ windows: 3, incomplete: 0 });
  });

  it('refuses a step larger than the window', async () => {
    const { loc } = setup(listwiseReply);
    await expect(createReranker('llm-listwise', { llmModel: 'judge', window: 3, step: 4 }, loc)).rejects.toThrow(/--rerank-step: 4 is larger than --rerank-window 3/);
  });
});

describe('RankGPT helpers', () => {
  it.each([
    [7, 3, 2, [[4, 7], [2, 5], [0, 3]]],
    [100, 20, 10, Array.from({ length: 9 }, (_, i) => [80 - 10 * i, 100 - 10 * i])],
    [25, 20, 10, [[5, 25], [0, 15]]],
    [5, 20, 10, [[0, 5]]],
  ])('windows over %i passages (window %i, step %i)', (n, w, s, want) => {
    expect(slidingWindows(n, w, s)).toEqual(want);
  });

  it('reads a permutation as RankGPT does: repeats and strangers dropped, the forgotten appended', () => {
    expect(readPermutation('[3] > [1] > [2]', 3)).toEqual({ order: [2, 0, 1], complete: true });
    expect(readPermutation('[2] > [2] > [9] > [0]', 3)).toEqual({ order: [1, 0, 2], complete: false });
    expect(readPermutation('I cannot rank these', 2)).toEqual({ order: [0, 1], complete: false });
  });
});
