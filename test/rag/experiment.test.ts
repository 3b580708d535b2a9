import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { loadQaSet, selectionName } from '../../src/rag/load.js';
import { shufflePassages } from '../../src/rag/context.js';
import { defaultPrompt, RagExperiment } from '../../src/rag/pipeline.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/**
 * A small BEIR-layout QA set written here: four test questions, three train questions (answers B, B, A),
 * each test question's gold passage is the doc that repeats its distinctive word.
 */
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const q = (id: string, text: string, answer: string, extra: object = {}) => ({ _id: id, text, options: { A: 'aspirin', B: 'heparin' }, answer, ...extra });
function qaFolder(): { dir: string; loc: Locations } {
  const root = tempDir();
  const dir = writeTree(root, {
    'qa/corpus.jsonl': jsonl([
      { _id: 'd1', title: 'Fever', text: 'fever fever aspirin treatment' },
      { _id: 'd2', title: '', text: 'clot clot heparin treatment' },
      { _id: 'd3', title: 'Rash', text: 'rash rash aspirin treatment' },
      { _id: 'd4', title: '', text: 'cough cough heparin treatment' },
      { _id: 'd5', title: '', text: 'unrelated words only treatment' },
    ]),
    'qa/queries.jsonl': jsonl([
      q('q1', 'fever treatment?', 'A'),
      q('q2', 'clot treatment?', 'B', { lang: 'es' }),
      q('q3', 'rash treatment?', 'A'),
      q('q4', 'cough treatment?', 'B'),
      q('t1', 'train one?', 'B'),
      q('t2', 'train two?', 'B'),
      q('t3', 'train three?', 'A'),
    ]),
    'qa/qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq3\td3\t1\nq3\td5\t0\nq4\td4\t1\n',
    'qa/qrels/train.tsv': 'query-id\tcorpus-id\tscore\nt1\td5\t1\nt2\td5\t1\nt3\td5\t1\n',
  });
  return { dir: join(dir, 'qa'), loc: { ...resolveLocations(), cache: join(root, 'cache'), indexes: join(root, 'indexes') } };
}

describe('QA sets from a BEIR folder', () => {
  it('items carry gold ids (relevance > 0), oracle text from the corpus, language (en by default), train items', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    expect(set).toMatchObject({ name: 'qa', layout: 'beir', split: 'test' });
    expect(set.items.map((i) => [i.id, i.lang, i.group, i.gold])).toEqual([
      ['q1', 'en', 'qa', ['d1']],
      ['q2', 'es', 'qa', ['d2']],
      ['q3', 'en', 'qa', ['d3']],
      ['q4', 'en', 'qa', ['d4']],
    ]);
    expect(set.items[0].oracle).toEqual([{ id: 'd1', title: 'Fever', text: 'fever fever aspirin treatment' }]);
    expect(set.train.map((i) => i.answer)).toEqual(['B', 'B', 'A']);
    expect(selectionName(set)).toBe('test');
    expect(defaultPrompt(set)).toBe('medrag');
  });

  it('--lang keeps those languages (train too) and names the selection; the train split has no train items', async () => {
    const { dir, loc } = qaFolder();
    const es = await loadQaSet(dir, { split: 'test', langs: ['es'] }, loc);
    expect(es.items.map((i) => i.id)).toEqual(['q2']);
    expect(es.train).toEqual([]);
    expect(selectionName(es)).toBe('test-es');
    expect(selectionName({ ...es, langs: ['es', 'fr'], limit: 20 })).toBe('test-es+fr-first20');
    expect((await loadQaSet(dir, { split: 'train' }, loc)).train).toEqual([]);
  });

  it('a split or language without questions, and a split that is a path, are errors naming the option', async () => {
    const { dir, loc } = qaFolder();
    await expect(loadQaSet(dir, { split: 'dev' }, loc)).rejects.toThrow("--split dev: dataset 'qa' has no questions there");
    await expect(loadQaSet(dir, { split: 'test', langs: ['fr', 'de'] }, loc)).rejects.toThrow("--split test --lang fr,de: dataset 'qa' has no questions there");
    await expect(loadQaSet(dir, { split: 'dev' }, loc)).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(loadQaSet(dir, { split: '../x' }, loc)).rejects.toThrow('--split "../x": not a plain name');
    await expect(loadQaSet(dir, { split: 'test', langs: ['es', '../x'] }, loc)).rejects.toThrow('--lang "../x": not a plain name');
  });

  it.each([
    [{ options: ['aspirin'] }, "'options' must be an object of key → text"],
    [{ options: 'A' }, "'options' must be an object of key → text"],
    [{ answer: '' }, "'answer' must be a non-empty string"],
    [{ answer: 3 }, "'answer' must be a non-empty string"],
    [{ answer: 'C' }, "answer 'C' is not one of its options (A, B)"],
  ])('a malformed question is an error naming the file and query (%j)', async (bad, message) => {
    const { dir, loc } = qaFolder();
    writeTree(dir, { 'queries.jsonl': jsonl([{ ...q('q1', 'fever?', 'A'), ...bad }]) });
    await expect(loadQaSet(dir, { split: 'test' }, loc)).rejects.toThrow(`${join(dir, 'queries.jsonl')}: query 'q1': ${message}`);
    await expect(loadQaSet(dir, { split: 'test' }, loc)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('free-text questions (no options) take the answer as reference text', async () => {
    const { dir, loc } = qaFolder();
    writeTree(dir, { 'queries.jsonl': jsonl([{ _id: 'q1', text: 'what?', answer: 'low dose aspirin' }]) });
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    expect(set.items[0]).toMatchObject({ options: {}, answer: 'low dose aspirin' });
  });
});

describe('RAG conditions in process', () => {
  const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

  it('majority, closed-book: the train majority for every item; predictions and manifest written', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    const out = join(loc.cache, 'out');
    const r = await new RagExperiment({ set, loc, reader: { generator: 'majority', params: {} }, out }).runCondition({ setting: 'closed-book', passages: 1 });
    expect(r.label).toBe('closed-book');
    expect(r.rows.map((x) => [x.id, x.choice, x.correct, x.parsed, x.goldInContext, x.context])).toEqual([
      ['q1', 'B', false, true, null, []],
      ['q2', 'B', true, true, null, []],
      ['q3', 'B', false, true, null, []],
      ['q4', 'B', true, true, null, []],
    ]);
    expect(r.dir.startsWith(join(out, 'qa', 'test', 'majority-'))).toBe(true);
    expect(r.dir.endsWith('closed-book')).toBe(true);
    expect(read(r.dir, 'predictions.jsonl').trim().split('\n').map((l) => JSON.parse(l).choice)).toEqual(['B', 'B', 'B', 'B']);
    const manifest = JSON.parse(read(r.dir, 'manifest.json'));
    expect(manifest).toMatchObject({ dataset: { name: 'qa', split: 'test', items: 4, langs: ['en', 'es'] }, reader: { generator: 'majority' }, stats: { unparsed: 0 } });
    expect(manifest.dataset.sample).toBeUndefined();
    expect(manifest.corpus).toBeUndefined();
    expect(existsSync(join(r.dir, 'run.trec'))).toBe(false);
  });

  it('an OpenAI-compatible model over BM25 passages: prompts show the packed, shuffled passages; gold in context; run and manifest', async () => {
    const { dir, loc } = qaFolder();
    const set = { ...(await loadQaSet(dir, { split: 'test' }, loc)), limit: 4 };
    const server = await startFakeOpenAI([], { reply: (prompt) => (prompt.includes('heparin') && prompt.includes('clot clot') ? '{"answer_choice": "B"}' : 'no idea') });
    const out = join(loc.cache, 'out');
    const exp = new RagExperiment({ set, loc, reader: { generator: 'openai-compatible', params: { baseUrl: server.baseUrl, llmModel: 'fake', retryBaseMs: 1 }, extractor: 'strict' }, out });
    const r = await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 2, contextTokens: 1000, shuffleSeed: 3 });
    expect(r.label).toBe('rag-bm25-k2-tok1000-shuffle3');
    const q2 = r.rows.find((x) => x.id === 'q2')!;
    expect(q2).toMatchObject({ choice: 'B', correct: true, parsed: true, goldInContext: true });
    expect(q2.context).toHaveLength(2);
    expect(q2.context).toContain('d2');
    expect(r.rows.find((x) => x.id === 'q1')).toMatchObject({ choice: null, correct: false, parsed: false, goldInContext: true });
    expect(server.received).toHaveLength(4);
    const prompt = server.received.map((x) => x.body.messages.map((m) => m.content).join('\n')).find((p) => p.includes('clot treatment?'))!;
    expect(prompt).toMatch(/clot clot heparin treatment/);
    const manifest = JSON.parse(read(r.dir, 'manifest.json'));
    expect(manifest).toMatchObject({
      dataset: { sample: 'first 4' },
      reader: { generator: 'openai-compatible', prompt: 'medrag', extractor: 'strict' },
      retriever: { name: 'bm25', depth: 3 },
      run: 'run.trec',
      stats: { unparsed: 3 },
    });
    expect(manifest.corpus.source).toMatch(/corpus\.jsonl$/);
    const runLines = read(r.dir, 'run.trec').trim().split('\n');
    expect(new Set(runLines.map((l) => l.split(' ')[0]))).toEqual(new Set(['q1', 'q2', 'q3', 'q4']));
    expect(runLines.every((l) => l.endsWith(' rag-bm25-k2-tok1000-shuffle3'))).toBe(true);
  });

  it('a token budget too small for one passage shows none: gold never reaches the context', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    const server = await startFakeOpenAI([], { reply: () => 'Answer: A' });
    const exp = new RagExperiment({ set, loc, reader: { generator: 'openai-compatible', params: { baseUrl: server.baseUrl, llmModel: 'fake' }, prompt: 'cited', extractor: 'generic' }, out: join(loc.cache, 'out') });
    const r = await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 2, contextTokens: 2 });
    expect(r.rows.every((x) => x.context.length === 0 && x.goldInContext === false && x.correct === (x.answer === 'A'))).toBe(true);
    // The cited prompt keeps the question, the passages and the citations with each row.
    expect(r.rows[0]).toMatchObject({ question: 'fever treatment?', passages: [], citations: [], unknownCitations: [] });
  });

  it('distractors drop the gold passage; the oracle shows exactly it', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    const exp = new RagExperiment({ set, loc, reader: { generator: 'random', params: { seed: 1 } }, out: join(loc.cache, 'out') });
    const distractors = await exp.runCondition({ setting: 'distractors', retriever: 'bm25', passages: 2 });
    for (const row of distractors.rows) {
      expect(row.context).toHaveLength(2);
      expect(row.goldInContext).toBe(false);
    }
    const oracle = await exp.runCondition({ setting: 'oracle', passages: 1 });
    expect(oracle.rows.map((x) => [x.context, x.goldInContext])).toEqual([[['d1'], true], [['d2'], true], [['d3'], true], [['d4'], true]]);
  });

  it('the IR solver picks the option whose question + option retrieves the best passages', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    const exp = new RagExperiment({ set, loc, reader: { generator: 'ir-solver', params: {} }, out: join(loc.cache, 'out') });
    const r = await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 1 });
    // Each question's distinctive word retrieves its own doc, which names the right drug.
    expect(r.rows.map((x) => x.choice)).toEqual(['A', 'B', 'A', 'B']);
    const oracle = await exp.runCondition({ setting: 'oracle', retriever: 'bm25', passages: 1 });
    expect(oracle.rows.map((x) => x.choice)).toEqual(['A', 'B', 'A', 'B']);
  });

  it('passages come in retrieval order unless shuffled, and then in the seeded order of that item', async () => {
    const { dir, loc } = qaFolder();
    const set = await loadQaSet(dir, { split: 'test' }, loc);
    const exp = new RagExperiment({ set, loc, reader: { generator: 'random', params: {} }, out: join(loc.cache, 'out') });
    const plain = await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 4 });
    // q2's own passage (clot clot heparin) ranks first.
    expect(plain.rows[1].context[0]).toBe('d2');
    const shuffled = await exp.runCondition({ setting: 'rag', retriever: 'bm25', passages: 4, shuffleSeed: 3 });
    expect(shuffled.rows.map((r) => r.context)).toEqual(plain.rows.map((r) => shufflePassages(r.context, 3, r.id)));
    expect(shuffled.rows.map((r) => r.context)).not.toEqual(plain.rows.map((r) => r.context));
  });
});
