// bench/vector-search: exact, HNSW and LanceDB stores against numpy and faiss on the same vectors.
//   npx tsx bench/vector-search/run.ts [--sets random,nfcorpus,passages] [--n 100000] [--queries 100] [--memory-n 1000000] [--skip-memory] [--skip-lancedb]
// Sets: uniform random unit vectors (n×384, the adversarial case for graph search), NFCorpus's glove
// vectors with its test queries, and 100k glove passages of the mirror's corpora with NFCorpus's and
// SciFact's test queries (passages-set.ts; HNSW efC=200 on both sides to keep the two builds short).
// Prints a table and writes bench/results/vector-search.json. Peers run through python3
// (`pip install numpy faiss-cpu`); a missing peer is skipped with a note. Search and build times are
// CPU seconds of the process (all its threads), on both sides: the machine is shared, and wall
// time there measures the neighbours as much as the code. Everything runs on one thread except
// LanceDB, whose worker threads are counted in its CPU time.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readParams } from '../../src/core/params.js';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { buildIndex } from '../../src/pipeline/retrievers.js';
import { exactSearch } from '../../src/vectors/exact.js';
import { MATRIX_FILES, readMatrix, type VectorMatrix } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import type { VectorStore } from '../../src/vectors/store.js';
import { passageSet } from './passages-set.js';
import { randomUnitVectors, writeQueries, writeRandomMatrix } from './random-set.js';
import { cpuSecondsOf } from '../cpu.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const K = 10;
const EF_SWEEP = [16, 32, 64, 128, 200, 400, 800, 1024];

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '100' },
    'memory-n': { type: 'string', default: '1000000' },
    'skip-memory': { type: 'boolean', default: false },
    'skip-lancedb': { type: 'boolean', default: false },
    sets: { type: 'string', default: 'random,nfcorpus,passages' },
  },
});

interface VectorSet {
  name: string;
  /** A folder in the index layout (vectors.f32, ids.txt, vectors.json) that the bench may write into. */
  dir: string;
  queries: Float32Array[];
  queriesFile: string;
  hnsw: { m: number; efConstruction: number };
}

const work = mkdtempSync(join(tmpdir(), 'medir-bench-vs-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.env.MEDIR_QUIET = '1';

function randomSet(n: number, queries: number): VectorSet {
  const dir = join(work, 'random');
  writeRandomMatrix(dir, n, 384, 1);
  const q = randomUnitVectors(queries, 384, 7);
  const list = Array.from({ length: queries }, (_, i) => q.slice(i * 384, (i + 1) * 384));
  const queriesFile = join(work, 'random-queries.f32');
  writeQueries(queriesFile, list);
  return { name: `random ${n.toLocaleString('en')}×384`, dir, queries: list, queriesFile, hnsw: { m: 16, efConstruction: 64 } };
}

/** NFCorpus's glove embeddings from the dense index (built or reused under indexes/), and its test queries. */
async function nfcorpusSet(): Promise<VectorSet> {
  const loc = resolveLocations();
  const dataset = await loadDataset('nfcorpus', {}, loc);
  const { value: index } = await buildIndex('dense', dataset, loc, {});
  const dir = join(work, 'nfcorpus');
  mkdirSync(dir);
  for (const f of Object.values(MATRIX_FILES)) copyFileSync(join(index.dir, f), join(dir, f));
  const embedder = await loadEmbedder('glove-sg100-en-static', loc);
  const queries = await embedder.embedQueries(dataset.queries.queries.map((q) => q.text));
  const queriesFile = join(work, 'nfcorpus-queries.f32');
  writeQueries(queriesFile, queries);
  const { m, efConstruction } = readParams(VECTOR_STORES.hnsw.params, {});
  return { name: 'NFCorpus glove 3,633×100', dir, queries, queriesFile, hnsw: { m: Number(m), efConstruction: Number(efConstruction) } };
}

/** The passage set (real glove embeddings of 100k titles and sentences) and its real queries. */
async function passagesSet(): Promise<VectorSet> {
  const set = await passageSet(100_000);
  const dir = join(work, 'passages');
  mkdirSync(dir);
  for (const f of Object.values(MATRIX_FILES)) copyFileSync(join(set.dir, f), join(dir, f));
  const queriesFile = join(work, 'passages-queries.f32');
  writeQueries(queriesFile, set.queries);
  return { name: set.name, dir, queries: set.queries, queriesFile, hnsw: { m: 16, efConstruction: 200 } };
}

/**
 * What one searchKnn call costs before any search: on a one-point graph of the same width, the
 * copy of the query into a plain array, the addon reading it element by element, and the result
 * arrays and object it returns (µs per call, CPU).
 */
async function bindingMicros(dim: number, query: Float32Array): Promise<number> {
  const { HierarchicalNSW } = (await import('hnswlib-node')).default;
  const graph = new HierarchicalNSW('ip', dim);
  graph.initIndex({ maxElements: 1, m: 16, efConstruction: 16, randomSeed: 1 });
  graph.addPoint(Array.from(query), 0);
  const buffer = new Array<number>(dim);
  const calls = 20_000;
  const [secs] = await cpuSecondsOf(async () => {
    for (let i = 0; i < calls; i++) {
      for (let d = 0; d < dim; d++) buffer[d] = query[d];
      graph.searchKnn(buffer, 1);
    }
  });
  return (secs / calls) * 1e6;
}

/** Mean latency of one-query searches: CPU ms (the compared figure) and wall ms. */
async function singleQueryMs(store: VectorStore, queries: readonly Float32Array[]): Promise<{ cpu: number; wall: number }> {
  const start = performance.now();
  const [secs] = await cpuSecondsOf(async () => {
    for (let i = 0; i < queries.length; i++) await store.search([`q${i}`], [queries[i]], K);
  });
  return { cpu: (secs / queries.length) * 1000, wall: (performance.now() - start) / queries.length };
}

/**
 * recall@10 against exact search, ties counted as hits: a result whose exact score reaches the
 * 10th best (within 1e-6) is as good as the document exact search happened to keep.
 */
function recall(truth: { row: number; score: number }[][], run: Map<string, { docId: string }[]>, matrix: VectorMatrix, queries: Float32Array[]): number {
  const row = new Map(matrix.ids.map((id, i) => [id, i]));
  let hits = 0;
  truth.forEach((t, i) => {
    const tenth = t[t.length - 1].score;
    for (const d of run.get(`q${i}`)!) {
      const offset = row.get(d.docId)! * matrix.dim;
      let score = 0;
      for (let j = 0; j < matrix.dim; j++) score += matrix.data[offset + j] * queries[i][j];
      if (score >= tenth - 1e-6) hits++;
    }
  });
  return hits / (truth.length * K);
}

async function medir(set: VectorSet) {
  const matrix: VectorMatrix = readMatrix(set.dir);
  const qids = set.queries.map((_, i) => `q${i}`);
  const bytes = matrix.count * matrix.dim * 4;
  const exact = await VECTOR_STORES.exact.open(set.dir, {});
  const exactSingleMs = await singleQueryMs(exact, set.queries);
  const [batchedSecs] = await cpuSecondsOf(() => exact.search(qids, set.queries, K));
  const truth = exactSearch(matrix, set.queries, K);
  const exactFigures = () => ({ singleMs: exactSingleMs.cpu, singleWallMs: exactSingleMs.wall, gbPerS: bytes / (exactSingleMs.cpu / 1000) / 1e9, batchedQps: set.queries.length / batchedSecs });

  // Fixed efSearch values are swept here: no calibration at build time.
  const hnswParams = readParams(VECTOR_STORES.hnsw.params, set.hnsw);
  delete hnswParams.targetRecall;
  const [hnswBuildS] = await cpuSecondsOf(async () => VECTOR_STORES.hnsw.build({ dir: set.dir, params: hnswParams, documents: async function* () {} }));
  const hnsw = [];
  for (const efSearch of EF_SWEEP) {
    const store = await VECTOR_STORES.hnsw.open(set.dir, { ...hnswParams, efSearch });
    const [secs, run] = await cpuSecondsOf(async () => {
      const run = new Map();
      for (let i = 0; i < set.queries.length; i++) for (const [k, v] of await store.search([qids[i]], [set.queries[i]], K)) run.set(k, v);
      return run;
    });
    hnsw.push({ efSearch, recall: recall(truth, run, matrix, set.queries), qps: set.queries.length / secs });
  }
  const bindingUs = await bindingMicros(matrix.dim, set.queries[0]);
  if (args['skip-lancedb']) {
    return { count: matrix.count, dim: matrix.dim, exact: exactFigures(), hnsw: { ...set.hnsw, buildS: hnswBuildS, sweep: hnsw, bindingUs } };
  }

  const ids = matrix.ids;
  const lanceParams = readParams(VECTOR_STORES.lancedb.params, {});
  const [lanceBuildS] = await cpuSecondsOf(async () =>
    VECTOR_STORES.lancedb.build({
      dir: set.dir,
      params: lanceParams,
      documents: async function* () {
        for (const id of ids) yield { id, title: '', text: '' };
      },
    }),
  );
  const lance = await VECTOR_STORES.lancedb.open(set.dir, lanceParams);
  const lanceSingleMs = await singleQueryMs(lance, set.queries);
  const [lanceBatchedSecs, lanceRun] = await cpuSecondsOf(() => lance.search(qids, set.queries, K));
  const lanceRecall = recall(truth, lanceRun, matrix, set.queries);
  await lance.close();
  return {
    count: matrix.count,
    dim: matrix.dim,
    exact: exactFigures(),
    hnsw: { ...set.hnsw, buildS: hnswBuildS, sweep: hnsw, bindingUs },
    lancedbFlat: { buildS: lanceBuildS, singleMs: lanceSingleMs.cpu, singleWallMs: lanceSingleMs.wall, batchedQps: set.queries.length / lanceBatchedSecs, recall: lanceRecall },
  };
}

function peers(set: VectorSet): Record<string, unknown> | { skipped: string } {
  const script = join(HERE, 'peers.py');
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  } catch {
    return { skipped: 'python3 with numpy not found (pip install numpy faiss-cpu)' };
  }
  const out = execFileSync(
    'python3',
    [script, join(set.dir, MATRIX_FILES.vectors), set.queriesFile, String(set.queries[0].length), String(set.hnsw.m), String(set.hnsw.efConstruction), EF_SWEEP.join(',')],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(out);
}

function memory(n: number) {
  const dir = join(work, 'memory');
  const phase = (name: string, ...rest: string[]) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'memory.ts'), name, dir, ...rest], { encoding: 'utf8', cwd: PACKAGE_ROOT });
    if (child.status !== 0) throw new Error(`memory ${name}: ${child.stderr}`);
    return JSON.parse(child.stdout) as { seconds: number; maxRssMB: number };
  };
  const build = phase('build', String(n), '384');
  const search = phase('search');
  rmSync(dir, { recursive: true, force: true });
  return { n, dim: 384, matrixMB: (n * 384 * 4) / 2 ** 20, build, search };
}

/** The fastest sweep point that reaches the recall target (undefined when none does). */
function atRecall(sweep: { recall: number; qps: number; efSearch: number }[] | undefined, target: number) {
  return sweep?.filter((p) => p.recall >= target).sort((a, b) => b.qps - a.qps)[0];
}

const fmt = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));

const makers: Record<string, () => Promise<VectorSet>> = {
  random: async () => randomSet(Number(args.n), Number(args.queries)),
  nfcorpus: nfcorpusSet,
  passages: passagesSet,
};
const sets: VectorSet[] = [];
for (const name of args.sets.split(',')) {
  if (!makers[name]) throw new Error(`--sets: unknown set '${name}' (random, nfcorpus, passages)`);
  sets.push(await makers[name]());
}
const results = [];
for (const set of sets) {
  process.stderr.write(`bench: ${set.name}…\n`);
  const started = performance.now();
  const m = await medir(set);
  const totalS = (performance.now() - started) / 1000;
  const p = peers(set) as Record<string, any>;
  results.push({ set: set.name, seconds: totalS, medir: m, peers: p });
}
const mem = args['skip-memory'] ? undefined : memory(Number(args['memory-n']));

const lines = [
  `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  '| set | what | medir | peer | medir/peer |',
  '|---|---|---:|---:|---:|',
];
for (const { set, medir: m, peers: p } of results) {
  const numpyGbs = p.numpy_exact_single_ms ? (m.count * m.dim * 4) / (p.numpy_exact_single_ms / 1000) / 1e9 : undefined;
  lines.push(`| ${set} | exact single query, GB/s scanned (CPU ms) | ${fmt(m.exact.gbPerS, 2)} (${fmt(m.exact.singleMs, 2)}) | numpy ${fmt(numpyGbs, 2)} (${fmt(p.numpy_exact_single_ms, 2)}) | ${fmt(numpyGbs && m.exact.gbPerS / numpyGbs, 2)} |`);
  lines.push(`| ${set} | exact batched, queries/s | ${fmt(m.exact.batchedQps)} | numpy ${fmt(p.numpy_exact_batched_qps)} | ${fmt(p.numpy_exact_batched_qps && m.exact.batchedQps / p.numpy_exact_batched_qps, 2)} |`);
  lines.push(`| ${set} | exact single query, CPU ms | ${fmt(m.exact.singleMs, 2)} | faiss Flat ${fmt(p.faiss_flat_single_ms, 2)} | ${fmt(p.faiss_flat_single_ms && m.exact.singleMs / p.faiss_flat_single_ms, 2)} |`);
  lines.push(`| ${set} | exact batched, queries/s | ${fmt(m.exact.batchedQps)} | faiss Flat ${fmt(p.faiss_flat_batched_qps)} | ${fmt(p.faiss_flat_batched_qps && m.exact.batchedQps / p.faiss_flat_batched_qps, 2)} |`);
  lines.push(`| ${set} | HNSW build CPU s (M=${m.hnsw.m}, efC=${m.hnsw.efConstruction}) | ${fmt(m.hnsw.buildS)} | faiss ${fmt(p.faiss_hnsw_build_s)} | ${fmt(p.faiss_hnsw_build_s && m.hnsw.buildS / p.faiss_hnsw_build_s, 2)} |`);
  for (const point of m.hnsw.sweep) {
    const peer = p.faiss_hnsw?.find((x: { efSearch: number }) => x.efSearch === point.efSearch);
    lines.push(`| ${set} | HNSW efSearch=${point.efSearch}: recall@10 / QPS | ${fmt(point.recall, 3)} / ${fmt(point.qps, 0)} | ${fmt(peer?.recall, 3)} / ${fmt(peer?.qps, 0)} | QPS ${fmt(peer && point.qps / peer.qps, 2)} |`);
  }
  const best95 = atRecall(m.hnsw.sweep, 0.95);
  lines.push(`| ${set} | hnswlib-node call overhead, CPU µs (one-point graph) | ${fmt(m.hnsw.bindingUs, 1)} | per query at ef ${best95?.efSearch ?? '–'}: ${fmt(best95 && 1e6 / best95.qps, 0)} | ${fmt(best95 && (m.hnsw.bindingUs * best95.qps) / 1e6, 2)} of it |`);
  for (const target of [0.95, 0.99]) {
    const mine = atRecall(m.hnsw.sweep, target);
    const theirs = atRecall(p.faiss_hnsw, target);
    lines.push(`| ${set} | HNSW best QPS at recall@10 ≥ ${target} | ${mine ? `${fmt(mine.qps, 0)} (ef ${mine.efSearch})` : 'not reached'} | ${theirs ? `faiss ${fmt(theirs.qps, 0)} (ef ${theirs.efSearch})` : 'not reached'} | ${fmt(mine && theirs && mine.qps / theirs.qps, 2)} |`);
  }
  if (!m.lancedbFlat) continue;
  lines.push(`| ${set} | LanceDB flat single query CPU ms (recall@10 ${fmt(m.lancedbFlat.recall, 3)}) | ${fmt(m.lancedbFlat.singleMs, 2)} | medir exact ${fmt(m.exact.singleMs, 2)} | ${fmt(m.lancedbFlat.singleMs / m.exact.singleMs, 2)} |`);
  lines.push(`| ${set} | LanceDB flat batched, queries/s | ${fmt(m.lancedbFlat.batchedQps)} | medir exact ${fmt(m.exact.batchedQps)} | ${fmt(m.lancedbFlat.batchedQps / m.exact.batchedQps, 2)} |`);
  lines.push(`| ${set} | LanceDB flat single query wall ms | ${fmt(m.lancedbFlat.singleWallMs, 2)} | medir exact ${fmt(m.exact.singleWallMs, 2)} | ${fmt(m.lancedbFlat.singleWallMs / m.exact.singleWallMs, 2)} |`);
}
if (mem) {
  lines.push(`| random ${mem.n.toLocaleString('en')}×384 (${fmt(mem.matrixMB, 0)} MiB) | exact build (chunked write): peak RSS MiB, wall s | ${fmt(mem.build.maxRssMB, 0)}, ${fmt(mem.build.seconds)} | | |`);
  lines.push(`| random ${mem.n.toLocaleString('en')}×384 (${fmt(mem.matrixMB, 0)} MiB) | exact load + 8 queries: peak RSS MiB, wall s | ${fmt(mem.search.maxRssMB, 0)}, ${fmt(mem.search.seconds)} | | ${fmt(mem.search.maxRssMB / mem.matrixMB, 2)} × matrix |`);
}
const notes = results.filter((r) => 'skipped' in r.peers).map((r) => `note: peers skipped for ${r.set}: ${(r.peers as { skipped: string }).skipped}`);
process.stdout.write(lines.join('\n') + '\n' + notes.join('\n') + (notes.length ? '\n' : ''));
const file = join(PACKAGE_ROOT, 'bench', 'results', 'vector-search.json');
writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, results, memory: mem }, null, 2) + '\n');
process.stderr.write(`wrote ${file}\n`);
