import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setProgressListener } from '../../src/core/progress.js';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { loadQaSet, type QaSet } from '../../src/rag/load.js';
import { RagExperiment, type ReaderChoice } from '../../src/rag/pipeline.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/**
 * RagExperiment's less travelled paths, on tiny BEIR-layout QA folders written here. Each folder is
 * built so that the expected answer follows from which words a passage shares with "question +
 * option" (BM25 scores a passage sharing no word with the query as no match at all), not from
 * scores computed by the code under test.
 */
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
interface Q { id: string; text: string; options: Record<string, string>; answer: string; gold: string[] }

async function qaSet(docs: [string, string][], questions: Q[]): Promise<{ set: QaSet; loc: Locations; out: string }> {
  const root = tempDir();
  writeTree(root, {
    'qa/corpus.jsonl': jsonl(docs.map(([id, text]) => ({ _id: id, title: '', text }))),
    'qa/queries.jsonl': jsonl([...questions.map((q) => ({ _id: q.id, text: q.text, options: q.options, answer: q.answer })), { _id: 't1', text: 'train', options: { A: 'x', B: 'y' }, answer: 'B' }]),
    'qa/qrels/test.tsv': 'query-id\tcorpus-id\tscore\n' + questions.flatMap((q) => q.gold.map((g) => `${q.id}\t${g}\t1\n`)).join(''),
    'qa/qrels/train.tsv': 'query-id\tcorpus-id\tscore\nt1\tfiller\t1\n',
  });
  const loc = { ...resolveLocations(), cache: join(root, 'cache'), indexes: join(root, 'indexes') };
  return { set: await loadQaSet(join(root, 'qa'), { split: 'test' }, loc), loc, out: join(root, 'out') };
}

const experiment = (s: { set: QaSet; loc: Locations; out: string }, reader: ReaderChoice) => new RagExperiment({ set: s.set, loc: s.loc, reader, out: s.out });
const irSolver: ReaderChoice = { generator: 'ir-solver', params: {} };

afterEach(() => setProgressListener(undefined));

describe('the IR solver searches the pool and depth of its setting', () => {
  it('rag searches the whole corpus, not the oracle passages', async () => {
    // Option B's words fill dY (two matching words in a 2-word passage beat dX's one in a 1-word
    // passage, same idf); the oracle pool holds only dX, where both options match just "zeta": a tie,
    // which goes to A.
    const s = await qaSet([['dX', 'zeta'], ['dY', 'beta gamma'], ['filler', 'omega']], [{ id: 'x1', text: 'zeta', options: { A: 'alpha', B: 'beta gamma' }, answer: 'A', gold: ['dX'] }]);
    const exp = experiment(s, irSolver);
    expect((await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 1 })).rows[0].choice).toBe('B');
    expect((await exp.runCondition({ setting: 'oracle', retriever: 'bm25', passages: 1 })).rows[0].choice).toBe('A');
  });

  it('distractors retrieve deep enough to still have k passages once the gold one is dropped', async () => {
    // Option A's query ranks the gold dG first and dN second; B's words ("xi sigma") are nowhere.
    // Depth k + 1 reaches dN, so A has support; depth k would leave A nothing (no answer).
    const s = await qaSet([['dG', 'lambda kappa'], ['dN', 'kappa'], ['filler', 'omega']], [{ id: 'y1', text: 'xi', options: { A: 'lambda kappa', B: 'sigma' }, answer: 'A', gold: ['dG'] }]);
    const r = await experiment(s, irSolver).runCondition({ setting: 'distractors', retriever: 'bm25', passages: 1 });
    expect(r.rows[0]).toMatchObject({ choice: 'A', parsed: true, reply: 'A' });
  });

  it('the oracle setting reaches every oracle passage, however low it ranks among the others', async () => {
    // z1's only oracle passage o1 ("nu") matches its option A on one word; o2 and o3 match "mu nu" on
    // both and rank above it. A depth of k + gold (2) would stop before o1; the oracle depth is all 3.
    const s = await qaSet(
      [['o1', 'nu'], ['o2', 'mu nu'], ['o3', 'nu mu'], ['filler', 'omega']],
      [
        { id: 'z1', text: 'mu', options: { A: 'nu', B: 'rho' }, answer: 'A', gold: ['o1'] },
        { id: 'z2', text: 'other', options: { A: 'p', B: 'q' }, answer: 'A', gold: ['o2'] },
        { id: 'z3', text: 'other', options: { A: 'p', B: 'q' }, answer: 'A', gold: ['o3'] },
      ],
    );
    const r = await experiment(s, irSolver).runCondition({ setting: 'oracle', retriever: 'bm25', passages: 1 });
    expect(r.rows[0]).toMatchObject({ id: 'z1', choice: 'A', correct: true });
  });

  it('no supported option is no answer: an empty reply, unparsed', async () => {
    const s = await qaSet([['d1', 'alpha'], ['filler', 'omega']], [{ id: 'n1', text: 'xi', options: { A: 'psi', B: 'chi' }, answer: 'A', gold: ['d1'] }]);
    const r = await experiment(s, irSolver).runCondition({ setting: 'rag', retriever: 'bm25', passages: 1 });
    expect(r.rows[0]).toMatchObject({ choice: null, parsed: false, correct: false, reply: '' });
    expect(r.manifest.stats).toEqual({ unparsed: 1 });
  });

  it('closed-book gives it no passages, with or without a retriever named', async () => {
    const s = await qaSet([['d1', 'alpha'], ['filler', 'omega']], [{ id: 'n1', text: 'alpha', options: { A: 'alpha', B: 'chi' }, answer: 'A', gold: ['d1'] }]);
    const exp = experiment(s, irSolver);
    await expect(exp.runCondition({ setting: 'closed-book', passages: 1 })).rejects.toThrow('--generator ir-solver needs passages to search');
    await expect(exp.runCondition({ setting: 'closed-book', retriever: 'bm25', passages: 1 })).rejects.toThrow('--generator ir-solver needs passages to search');
  });
});

describe('what a condition writes', () => {
  it('a question sharing no word with the corpus gets no passages', async () => {
    const s = await qaSet([['d1', 'alpha beta'], ['filler', 'omega']], [
      { id: 'hit', text: 'alpha', options: { A: 'a1', B: 'b1' }, answer: 'A', gold: ['d1'] },
      { id: 'miss', text: 'xi', options: { A: 'a1', B: 'b1' }, answer: 'A', gold: ['d1'] },
    ]);
    const r = await experiment(s, { generator: 'majority', params: {} }).runCondition({ setting: 'rag', retriever: 'bm25', passages: 2 });
    expect(r.rows.map((x) => [x.id, x.context, x.goldInContext])).toEqual([['hit', ['d1'], true], ['miss', [], false]]);
    // A baseline reader's reply is its choice; it cites nothing.
    expect(r.rows[0]).toMatchObject({ choice: 'B', reply: 'B' });
    expect(r.rows[0]).not.toHaveProperty('citations');
  });

  it('an oracle passage counts as gold in context even when the qrels name no gold id', async () => {
    const s = await qaSet([['d1', 'alpha'], ['filler', 'omega']], [{ id: 'q', text: 'alpha', options: { A: 'a', B: 'b' }, answer: 'A', gold: ['d1'] }]);
    const set = { ...s.set, items: s.set.items.map((i) => ({ ...i, gold: [] })) };
    const r = await new RagExperiment({ set, loc: s.loc, reader: { generator: 'random', params: {} }, out: s.out }).runCondition({ setting: 'oracle', passages: 1 });
    expect(r.rows.map((x) => [x.context, x.goldInContext])).toEqual([[['d1'], true]]);
  });

  it('a generator: templates with their sha256, stats, progress under the condition label, files ending in a newline, no citations without the cited prompt', async () => {
    const s = await qaSet([['d1', 'alpha'], ['filler', 'omega']], [{ id: 'q', text: 'alpha', options: { A: 'a', B: 'b' }, answer: 'A', gold: ['d1'] }]);
    const server = await startFakeOpenAI([], { reply: () => '{"answer_choice": "A"}' });
    const stages: string[] = [];
    setProgressListener((e) => stages.push(e.stage));
    const r = await experiment(s, { generator: 'openai-compatible', params: { baseUrl: server.baseUrl, llmModel: 'fake', retryBaseMs: 1 } }).runCondition({ setting: 'rag', retriever: 'bm25', passages: 1 });
    expect(stages).toContain('rag rag-bm25-k1');
    expect(r.rows[0]).toMatchObject({ choice: 'A', correct: true, context: ['d1'] });
    expect(r.rows[0]).not.toHaveProperty('citations');
    const sha = (path: string) => createHash('sha256').update(readFileSync(new URL(`../../prompts/${path}`, import.meta.url))).digest('hex');
    expect(r.manifest.reader).toMatchObject({
      prompt: 'medrag',
      templates: [
        { path: 'medrag/v1/system.txt', sha256: sha('medrag/v1/system.txt') },
        { path: 'medrag/v1/user.txt', sha256: sha('medrag/v1/user.txt') },
      ],
    });
    expect(r.manifest.stats).toMatchObject({ calls: 1, cacheHits: 0, unparsed: 0 });
    for (const file of ['predictions.jsonl', 'manifest.json']) expect(readFileSync(join(r.dir, file), 'utf8')).toMatch(/\}\n$/);
  });
});
