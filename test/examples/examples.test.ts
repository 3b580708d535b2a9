import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/**
 * The README's "Use medir from TypeScript" examples, run as a user runs them: each file in
 * examples/ (which the README quotes verbatim) in its own Node process, importing `medir` by name,
 * which resolves through package.json `exports` to the compiled build in dist/.
 */
const EXAMPLES = join(PACKAGE_ROOT, 'examples');
const GOLDEN = join(resolveLocations().mirrors[0], 'golden', 'trec_eval');

function runExample(name: string, args: string[], env: Record<string, string> = {}): string {
  expect(existsSync(join(PACKAGE_ROOT, 'dist', 'index.js')), 'dist/ is built (npm run build)').toBe(true);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(EXAMPLES, name), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, MEDIR_QUIET: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** trec_eval's `all` values from a golden -q output. */
function goldenAll(file: string): Map<string, number> {
  const all = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [measure, qid, value] = line.split('\t').map((s) => s.trim());
    if (qid === 'all') all.set(measure, Number(value));
  }
  return all;
}

/** A tiny BEIR folder where each query shares rare words with exactly its one relevant document. */
function tinyBeir(): string {
  const topics = ['scurvy vitamin ascorbic', 'insulin pancreas glucose', 'malaria mosquito plasmodium', 'statin cholesterol liver', 'asthma bronchial inhaler'];
  const filler = ['the patient was seen in clinic', 'a review of trials in adults', 'outcomes were measured at one year'];
  const corpus = topics.flatMap((t, i) => [
    { _id: `d${i}`, title: t, text: `${t} ${filler[i % 3]}` },
    { _id: `n${i}`, title: '', text: filler[(i + 1) % 3] },
  ]);
  return writeTree(tempDir(), {
    'corpus.jsonl': corpus.map((d) => JSON.stringify(d)).join('\n') + '\n',
    'queries.jsonl': topics.map((t, i) => JSON.stringify({ _id: `q${i}`, text: t.split(' ').slice(0, 2).join(' ') })).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n' + topics.map((_, i) => `q${i}\td${i}\t1`).join('\n') + '\n',
  });
}

describe('README examples', () => {
  it('the README quotes every example verbatim', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBe(3);
    for (const f of files) expect(readme, f).toContain('```ts\n' + readFileSync(join(EXAMPLES, f), 'utf8') + '```');
  });

  it.each(['A', 'C'])('evaluate-run.ts gives trec_eval\'s numbers on golden case %s', (c) => {
    const out = JSON.parse(runExample('evaluate-run.ts', [join(GOLDEN, `${c}.qrels`), join(GOLDEN, `${c}.run`)])) as Record<string, number>;
    const golden = goldenAll(join(GOLDEN, `${c}.all_trec.q.txt`));
    expect(Object.keys(out)).toEqual(['ndcg_cut_10', 'map', 'P_10']);
    for (const [measure, value] of Object.entries(out)) expect(Math.abs(value - golden.get(measure)!), measure).toBeLessThan(5e-5);
  });

  it('bm25-vs-dense.ts indexes, searches, evaluates and compares both', () => {
    const env = { MEDIR_INDEXES: tempDir(), MEDIR_CACHE: tempDir() };
    const [meansLine, ...pairLines] = runExample('bm25-vs-dense.ts', [tinyBeir()], env).trim().split('\n');
    const means = JSON.parse(meansLine) as Record<string, Record<string, number>>;
    expect(Object.keys(means)).toEqual(['bm25', 'dense']);
    // every query's rare words are in its relevant document only: BM25 ranks it first
    expect(means.bm25).toMatchObject({ ndcg_cut_10: 1, recall_100: 1, map: 1, 'RR@10': 1 });
    expect(means.dense.recall_100).toBe(1); // 10 documents, top 100: everything is retrieved
    expect(pairLines).toHaveLength(5);
    expect(pairLines[0]).toMatch(/^ndcg_cut_10: bm25 - dense = \d\.\d{4} \(p = \d\.\d{4}\)$/);
  });

  it('custom-retriever.ts plugs a hand-written retriever into evaluate and compare', () => {
    const env = { MEDIR_INDEXES: tempDir(), MEDIR_CACHE: tempDir() };
    const pair = JSON.parse(runExample('custom-retriever.ts', [tinyBeir()], env)) as { a: string; b: string; measure: string; diff: number };
    // word overlap finds each relevant document too (2 shared words against at most 0 elsewhere)
    expect(pair).toMatchObject({ measure: 'ndcg_cut_10', a: 'overlap', b: 'bm25', diff: 0 });
  });
});
