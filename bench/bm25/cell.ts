/**
 * One medir measurement in its own process (so its peak RSS is its own), for run.ts:
 *   tsx bench/bm25/cell.ts SPEC.json   →   one JSON object on stdout
 * SPEC: {"system": "medir-fast"|"wink", "kind": "text"|"zipf", …files as in bm25s_peer.py, "maxQueries"?}
 * Measured as the peer is: Lucene, k1=1.5, b=0.75, one thread, warm (one untimed pass first),
 * every query scored (no result cache); "pre-tokenized" starts from analyzed terms, "e2e" from text
 * to the ranked document ids, through the searcher `medir run` uses.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../../src/analyze/registry.js';
import { fastSearcher } from '../../src/retrieve/bm25/engines/fast.js';
import { wink } from '../../src/retrieve/bm25/engines/wink.js';
import type { Bm25Settings } from '../../src/retrieve/bm25/engine.js';
import type { FastIndex } from '../../src/retrieve/bm25/fast-index.js';
import { saveFastIndex } from '../../src/retrieve/bm25/format.js';
import { buildFastIndex } from '../../src/retrieve/bm25/parallel-build.js';
import { PARAMS } from './corpora.js';
import { readInt32, zipfDocuments } from './zipf.js';
import { cpuSeconds } from '../cpu.js';

interface Spec {
  system: string;
  kind: 'text' | 'zipf';
  docs?: string;
  queries?: string;
  run?: string;
  tokens?: string;
  offsets?: string;
  queryTokens?: string;
  queryOffsets?: string;
  maxQueries?: number;
  /** Threads building the index (medir-fast only). */
  threads?: number;
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

const KS = [10, 1000] as const;
const MIN_SECONDS = 1.5;
const WINDOW = 0.25;
/** Builds per measurement, the fastest counted: small real corpora thrice, Zipf once (its term lists are made once). */
const BUILDS = { text: 3, zipf: 1 } as const;

/**
 * Items per CPU second of `pass`: one warm-up pass, then timed windows of ≥ WINDOW CPU seconds
 * until MIN_SECONDS have passed; the best window counts (the least disturbed, as timeit takes the
 * minimum). bm25s_peer.py measures the same way (time.process_time).
 */
function rate(pass: () => void, items: number): number {
  pass();
  let best = 0;
  for (const start = cpuSeconds(); cpuSeconds() - start < MIN_SECONDS; ) {
    let passes = 0;
    const windowStart = cpuSeconds();
    let seconds = 0;
    while (seconds < WINDOW) {
      pass();
      passes++;
      seconds = cpuSeconds() - windowStart;
    }
    best = Math.max(best, (passes * items) / seconds);
  }
  return best;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

function queryTexts(spec: Spec): { id: string; text: string }[] {
  if (spec.kind === 'text') return readJsonl<{ id: string; text: string }>(spec.queries!);
  const tokens = readInt32(spec.queryTokens!);
  const offsets = readInt32(spec.queryOffsets!);
  return Array.from({ length: offsets.length - 1 }, (_, i) => ({
    id: String(i),
    text: Array.from(tokens.subarray(offsets[i], offsets[i + 1]), (t) => `t${t}`).join(' '),
  }));
}

async function measureFast(spec: Spec, out: Record<string, unknown>) {
  const language = spec.kind === 'text' ? 'en' : 'plain';
  const analyzer = createAnalyzer(language);
  // text corpora: analysis is part of indexing, as in bm25s.tokenize + index; Zipf: from term lists
  const docs: Iterable<{ id: string; text: string; terms?: string[] }> =
    spec.kind === 'text' ? readJsonl<{ id: string; text: string }>(spec.docs!) : zipfDocuments(spec.tokens!, spec.offsets!);
  let index!: FastIndex;
  let seconds = Infinity;
  let cold: number | undefined;
  const threads = spec.threads ?? 1;
  for (let i = 0; i < BUILDS[spec.kind]; i++) {
    const start = performance.now();
    index = await buildFastIndex(toAsync(docs), { variant: 'lucene', params: PARAMS, analyzer, language, threads });
    cold ??= (performance.now() - start) / 1000;
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  out.index_s = seconds;
  out.index_cold_s = cold;
  out.docs = index.documents;
  if (threads > 1) return; // only the build differs with threads
  const queries = queryTexts(spec).slice(0, spec.maxQueries);
  const ids = queries.map((q) => index.termIds(analyzer.analyze(q.text)));
  out.queries = queries.length;
  const docIds = index.data.docIds;
  const searcher = fastSearcher(index, analyzer);
  for (const k of KS) {
    out[`qps_k${k}`] = rate(() => {
      for (const q of ids) index.search(q, k);
    }, ids.length);
    if (spec.kind === 'text') {
      out[`e2e_qps_k${k}`] = rate(() => {
        for (const q of queries) searcher.search(q.text, k);
      }, queries.length);
    }
  }
  if (spec.run) {
    const run = Object.fromEntries(
      queries.map((q, i) => {
        const hits = index.search(ids[i], 1000);
        return [q.id, Array.from(hits.docs, (d, j) => [docIds[d], hits.scores[j]])];
      }),
    );
    writeFileSync(spec.run, JSON.stringify(run));
  }
  const dir = mkdtempSync(join(tmpdir(), 'medir-bench-fast-'));
  saveFastIndex(dir, index);
  out.index_bytes = dirBytes(dir);
  rmSync(dir, { recursive: true, force: true });
}

async function measureWink(spec: Spec, out: Record<string, unknown>) {
  const language = spec.kind === 'text' ? 'en' : 'plain';
  const settings: Bm25Settings = { variant: 'lucene', params: PARAMS, analyzer: createAnalyzer(language), language, threads: 1 };
  const dir = mkdtempSync(join(tmpdir(), 'medir-bench-wink-'));
  const docs =
    spec.kind === 'text' ? readJsonl<{ id: string; text: string }>(spec.docs!) : Array.from(zipfDocuments(spec.tokens!, spec.offsets!), (d) => ({ id: d.id, text: d.terms.join(' ') }));
  const start = performance.now();
  // includes wink's JSON export: wink has no way to build without it that medir uses
  const stats = await wink.build(toAsync(docs), settings, dir);
  out.index_s = (performance.now() - start) / 1000;
  out.docs = stats.documents;
  out.index_bytes = dirBytes(dir);
  const searcher = wink.open(dir, settings);
  const queries = queryTexts(spec).slice(0, spec.maxQueries);
  out.queries = queries.length;
  for (const k of KS) {
    out[`e2e_qps_k${k}`] = rate(() => {
      for (const q of queries) searcher.search(q.text, k);
    }, queries.length);
  }
  if (spec.run) writeFileSync(spec.run, JSON.stringify(Object.fromEntries(queries.map((q) => [q.id, searcher.search(q.text, 1000).map((d) => [d.docId, d.score])]))));
  rmSync(dir, { recursive: true, force: true });
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec;
const out: Record<string, unknown> = { system: spec.system };
await (spec.system === 'wink' ? measureWink(spec, out) : measureFast(spec, out));
out.docs_per_s = (out.docs as number) / (out.index_s as number);
out.peak_rss_mb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out) + '\n');
