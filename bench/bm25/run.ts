/**
 * BM25 speed, memory and quality: medir's fast engine, the wink reference engine and bm25s
 * (numba backend, when `python3 -c 'import bm25s'` works) on NFCorpus, SciFact and Zipfian
 * corpora of 50k and 500k documents, each system × corpus in its own process. Prints the tables
 * and writes bench/results/bm25.json.
 *   npx tsx bench/bm25/run.ts            (whole bench, a few minutes)
 *   npx tsx bench/bm25/run.ts --quick    (real corpora and zipf-50k only)
 *   npx tsx bench/bm25/run.ts --only zipf-500k    (named corpora only, no Chinese comparison)
 *   npx tsx bench/bm25/run.ts --only nfcorpus,scifact --rounds 3
 *       medir-fast and bm25s in turn three times per corpus: each round's ratios, then their median and
 *       range (a cell of a few µs a query moves with the host; adjacent cells share its state)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import type { Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { compareChineseTokenizers } from './chinese.js';
import { textPlan, work, zipfPlan, type CorpusPlan } from './corpora.js';
import { median } from '../median.js';

/** bm25s's figures quoted in issue 5 and the BEIR paper's Anserini BM25 (different analyzer: orientation only). */
const REFERENCE: Record<string, { bm25s: number; anserini: number }> = {
  nfcorpus: { bm25s: 0.321, anserini: 0.325 },
  scifact: { bm25s: 0.686, anserini: 0.665 },
};

const here = import.meta.dirname;
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;
const wanted = (name: string) => !only || only.includes(name);
const CORPORA = ['nfcorpus', 'scifact', 'zipf-50k', 'zipf-500k'];
const strangers = only === undefined && onlyAt > 0 ? ['(nothing)'] : (only ?? []).filter((c) => !CORPORA.includes(c));
if (strangers.length) {
  // an unknown name would run nothing and overwrite bench/results/bm25.json with empty tables
  console.error(`bench/bm25: --only ${strangers.join(',')}: valid: ${CORPORA.join(', ')}`);
  process.exit(2);
}
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 1;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench/bm25: --rounds takes a whole number ≥ 1, got ${process.argv[roundsAt + 1] ?? 'nothing'}`);
  process.exit(2);
}
const hasPeer = spawnSync('python3', ['-c', 'import bm25s, Stemmer, numba'], { stdio: 'ignore' }).status === 0;
if (!hasPeer) console.error('bm25s not importable (pip install bm25s PyStemmer numba): its columns stay empty');

type Cell = Record<string, number | string>;
function runCell(system: string, plan: CorpusPlan, extra: Record<string, unknown> = {}): Cell | undefined {
  const specFile = join(work, `${plan.name}.${system}.spec.json`);
  const run = plan.qrels ? join(work, `${plan.name}.${system}.run.json`) : undefined;
  if (run) rmSync(run, { force: true });
  writeFileSync(specFile, JSON.stringify({ ...plan.spec, ...extra, system, run }));
  const [cmd, args] =
    system === 'bm25s-numba'
      ? ['python3', [join(here, 'bm25s_peer.py'), specFile]]
      : [process.execPath, ['--import', 'tsx', join(here, 'cell.ts'), specFile]];
  process.stderr.write(`${plan.name}: ${system}…\n`);
  const child = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NUMBA_NUM_THREADS: '1' }, maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    console.error(`${plan.name}/${system} failed (exit ${child.status})`);
    return undefined;
  }
  const cell = JSON.parse(child.stdout.trim().split('\n').pop()!) as Cell;
  // the 2-thread cell only builds: it writes no run
  if (run && plan.qrels && existsSync(run)) {
    const ranked = JSON.parse(readFileSync(run, 'utf8')) as Record<string, [string, number][]>;
    const asRun: Run = new Map(Object.entries(ranked).map(([q, docs]) => [q, docs.map(([docId, score]) => ({ docId, score }))]));
    cell.ndcg10 = evaluate(plan.qrels, asRun, 'ndcg_cut_10').mean.get('ndcg_cut_10')!;
  }
  return { corpus: plan.name, ...cell };
}

const started = performance.now();
const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
const plans = [
  ...(wanted('nfcorpus') ? [await textPlan('nfcorpus')] : []),
  ...(wanted('scifact') ? [await textPlan('scifact')] : []),
  ...(wanted('zipf-50k') ? [zipfPlan(50_000)] : []),
  ...(wanted('zipf-500k') && (!quick || only) ? [zipfPlan(500_000)] : []),
];
const cells: Cell[] = [];
for (const plan of plans) {
  for (let round = 1; round <= rounds; round++) {
    // the 2-thread build and wink once: rounds are for the medir-fast / bm25s ratios
    const twoThreads = plan.spec.kind === 'text' && round === 1 ? ['medir-fast-2threads'] : []; // threads on every corpus: build-threads.ts
    const wink = plan.wink && round === 1 ? ['wink'] : [];
    for (const system of ['medir-fast', ...twoThreads, ...wink, ...(hasPeer ? ['bm25s-numba'] : [])]) {
      const cell = runCell(system, plan, system === 'wink' ? plan.wink : system === 'medir-fast-2threads' ? { threads: 2 } : {});
      if (cell) cells.push({ ...cell, round });
    }
  }
}

const num = (v: unknown, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '');
const speedRows = cells.map((c) => [
  String(c.corpus),
  rounds > 1 ? `${c.system} (${c.round})` : String(c.system),
  num(c.docs_per_s),
  num(c.qps_k10),
  num(c.qps_k1000),
  num(c.e2e_qps_k10),
  num(c.e2e_qps_k1000),
  num(typeof c.index_bytes === 'number' ? c.index_bytes / 2 ** 20 : undefined, 1),
  num(c.peak_rss_mb),
]);
console.log(`\nload average (1, 5, 15 min): before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('\nSpeed and memory (one thread; q/s per CPU second, warm, every query scored; pre-tokenized unless e2e; wink: e2e only, on Zipf-50k 20 queries; Zipf-500k: 200 queries)\n');
console.log(formatTable(['corpus', 'system', 'index docs/s', 'q/s k=10', 'q/s k=1000', 'e2e q/s k=10', 'e2e q/s k=1000', 'index MB', 'peak RSS MB'], speedRows));

const KEYS = ['docs_per_s', 'qps_k10', 'qps_k1000', 'e2e_qps_k10', 'e2e_qps_k1000'] as const;
const ratios = plans.flatMap((plan) =>
  Array.from({ length: rounds }, (_, i) => i + 1).flatMap((round) => {
    const fast = cells.find((c) => c.corpus === plan.name && c.system === 'medir-fast' && c.round === round);
    const peer = cells.find((c) => c.corpus === plan.name && c.system === 'bm25s-numba' && c.round === round);
    if (!fast || !peer) return [];
    const ratio = Object.fromEntries(KEYS.map((k) => [k, typeof fast[k] === 'number' && typeof peer[k] === 'number' ? (fast[k] as number) / (peer[k] as number) : undefined]));
    return [{ corpus: plan.name, round, ratio }];
  }),
);
if (ratios.length) {
  console.log('\nmedir-fast / bm25s-numba (≥ 1.00 = medir faster)\n');
  const label = (r: { corpus: string; round: number }) => (rounds > 1 ? `${r.corpus} (round ${r.round})` : r.corpus);
  console.log(formatTable(['corpus', 'indexing', 'q/s k=10', 'q/s k=1000', 'e2e k=10', 'e2e k=1000'], ratios.map((r) => [label(r), ...KEYS.map((k) => num(r.ratio[k], 2))])));
}
const spread = plans.map((plan) => {
  const of = (k: (typeof KEYS)[number]) => ratios.filter((r) => r.corpus === plan.name).map((r) => r.ratio[k]).filter((x): x is number => x !== undefined);
  const byKey: Record<string, Spread | undefined> = Object.fromEntries(KEYS.map((k) => [k, of(k).length ? { median: median(of(k)), min: Math.min(...of(k)), max: Math.max(...of(k)) } : undefined]));
  return { corpus: plan.name, byKey };
});
type Spread = { median: number; min: number; max: number };
if (rounds > 1 && ratios.length) {
  console.log(`\nmedir-fast / bm25s-numba over ${rounds} rounds: median (lowest–highest)\n`);
  const cell = (x: Spread | undefined) => (x ? `${x.median.toFixed(2)} (${x.min.toFixed(2)}–${x.max.toFixed(2)})` : '');
  console.log(formatTable(['corpus', 'indexing', 'q/s k=10', 'q/s k=1000', 'e2e k=10', 'e2e k=1000'], spread.map((s) => [s.corpus, ...KEYS.map((k) => cell(s.byKey[k]))])));
}

const quality = Object.entries(REFERENCE).map(([corpus, ref]) => {
  const get = (system: string) => cells.find((c) => c.corpus === corpus && c.system === system)?.ndcg10 as number | undefined;
  return { corpus, medirFast: get('medir-fast'), wink: get('wink'), bm25sHere: get('bm25s-numba'), bm25sIssue: ref.bm25s, anserini: ref.anserini };
});
console.log('\nnDCG@10, test split, Lucene k1=1.5 b=0.75, English Snowball + stop words, title + text\n');
console.log(
  formatTable(
    ['corpus', 'medir-fast', 'wink', 'bm25s here', 'bm25s (issue)', '|fast − bm25s here|', 'BEIR Anserini (orientation)'],
    quality.map((q) => [
      q.corpus,
      num(q.medirFast, 4),
      num(q.wink, 4),
      num(q.bm25sHere, 4),
      q.bm25sIssue.toFixed(3),
      q.medirFast !== undefined && q.bm25sHere !== undefined ? Math.abs(q.medirFast - q.bm25sHere).toFixed(4) : '',
      q.anserini.toFixed(3),
    ]),
  ),
);

const chinese = only ? [] : await compareChineseTokenizers();
if (!only) {
  console.log('\nChinese analyzer: XLingHealth MedicationQA, zh queries → corpus.zh.jsonl (fast engine, Lucene)\n');
  console.log(formatTable(['analyzer', 'tokenizer', 'nDCG@10', 'recall@100'], chinese.map((c) => [c.language, c.tokenizer, c.ndcg10.toFixed(4), c.recall100.toFixed(4)])));
}

const seconds = (performance.now() - started) / 1000;
console.log(`\nbench/bm25 took ${seconds.toFixed(0)} s`);
writeFileAtomic(
  join('bench', 'results', 'bm25.json'),
  JSON.stringify({ createdAt: new Date().toISOString(), seconds, rounds, peer: hasPeer, cells, ratios, spread, quality, chinese }, null, 2) + '\n',
);
