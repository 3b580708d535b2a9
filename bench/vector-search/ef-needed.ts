// bench/vector-search/ef-needed.ts: on the realistic 100k passage set (passages-set.ts), how wide
// must an HNSW search be for the test queries (NFCorpus + SciFact test) to get ≥ 99% identical
// top-10 sets, per graph (M, efConstruction), and what would each candidate calibration sample
// choose there? For each graph: the efSearch each query set needs (calibrateEfSearch: the test
// queries at 0.99, a calibration sample at the sample target, 0.995), then the test queries'
// recall@10 / identical sets at that efSearch and the HNSW store's queries/s against the exact
// store's (CPU seconds, same run).
//   npx tsx bench/vector-search/ef-needed.ts [--m 16,32] [--ef-construction 200] [--n 100000] [--sets test,split,spans]
// Graphs are kept under indexes/bench/ (git-ignored) and reused. Prints a table and writes
// bench/results/hnsw-ef-needed.json.
import hnswlib from 'hnswlib-node';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentText, type Document } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { CALIBRATION_SAMPLE, CALIBRATION_SEED, calibrateEfSearch, sampleRows, sampleTarget, shortSpans } from '../../src/vectors/calibrate.js';
import { exactSearch } from '../../src/vectors/exact.js';
import { MATRIX_FILES, readMatrix } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { cpuSecondsOf } from '../cpu.js';
import { passageSet } from './passages-set.js';

const TARGET = 0.99;
const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    m: { type: 'string', default: '16' },
    'ef-construction': { type: 'string', default: '200' },
    sets: { type: 'string', default: 'test,split,spans' },
  },
});
const list = (s: string) => s.split(',').map(Number);
process.env.MEDIR_QUIET = '1';
const loc = resolveLocations();
const set = await passageSet(Number(args.n));
const matrix = readMatrix(set.dir);
const rowOf = new Map(matrix.ids.map((id, i) => [id, i]));

/** Queries of the named splits other than the evaluated one (test): NFCorpus dev, SciFact train. */
async function splitQueries(): Promise<string[]> {
  const texts: string[] = [];
  for (const [name, split] of [['nfcorpus', 'dev'], ['scifact', 'train']]) texts.push(...(await loadDataset(name, { split }, loc)).queries.queries.map((q) => q.text));
  return texts;
}
async function spanQueries(): Promise<string[]> {
  const rows = new Set(sampleRows(matrix.count, CALIBRATION_SAMPLE, CALIBRATION_SEED));
  const texts: string[] = [];
  let row = 0;
  for await (const doc of set.documents() as AsyncIterable<Document>) if (rows.has(row++)) texts.push(documentText(doc));
  return shortSpans(texts, CALIBRATION_SEED);
}
const sources: Record<string, () => Promise<string[]>> = { test: async () => set.queryTexts, split: splitQueries, spans: spanQueries };
const querySets: Record<string, Float32Array[]> = {};
for (const name of args.sets.split(',')) querySets[name] = name === 'test' ? set.queries : await set.embedder.embedQueries(await sources[name]());
const test = set.queries;
const qids = test.map((_, i) => `q${i}`);
const truth = exactSearch(matrix, test, 11);
const top10 = truth.map((t) => t.slice(0, 10));
/** Exact 10th minus exact 11th score, over the test queries with a non-zero vector, ascending. */
const gaps = truth.filter((t) => t[9].score !== 0).map((t) => t[9].score - t[10].score).sort((a, b) => a - b);
const quantile = (p: number) => gaps[Math.floor(p * (gaps.length - 1))];
const exact = await VECTOR_STORES.exact.open(set.dir, {});
const [exactS] = await cpuSecondsOf(() => exact.search(qids, test, 10));

const rows: Record<string, unknown>[] = [];
const misses: string[] = [];
/**
 * What the test queries' misses look like at a quarter of the efSearch they need: how many sets
 * differ, how many of those only swap the exact 10th for the exact 11th, and how far below the exact
 * 10th score the returned 10th lies (median, max).
 */
function missesAt(search: (qs: readonly Float32Array[], ef: number) => number[][], ef: number, m: number, efC: number): string[] {
  const found = search(test, Math.round(ef));
  const deficits: number[] = [];
  let swaps = 0;
  found.forEach((rows, i) => {
    const t = truth[i];
    if (t[9].score === 0) return;
    const score = (row: number) => { let s = 0; for (let d = 0; d < matrix.dim; d++) s += matrix.data[row * matrix.dim + d] * test[i][d]; return s; };
    const low = Math.min(...rows.map(score));
    if (low >= t[9].score - 1e-6) return;
    deficits.push(t[9].score - low);
    const exact11 = new Set(t.map((h) => h.row));
    if (rows.every((r) => exact11.has(r))) swaps++;
  });
  deficits.sort((a, b) => a - b);
  if (!deficits.length) return [];
  return [`M=${m} efC=${efC} at efSearch ${Math.round(ef)}: ${deficits.length} test sets differ, ${swaps} of them only by the exact 11th in place of the 10th; returned 10th below the exact 10th by median ${deficits[deficits.length >> 1].toExponential(1)}, max ${deficits[deficits.length - 1].toExponential(1)}`];
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${test.length} test queries, exact ${(test.length / exactS).toFixed(0)} q/s`);
console.log(`exact 10th − 11th score over the test queries: 1% ${quantile(0.01).toExponential(1)}, 5% ${quantile(0.05).toExponential(1)}, 10% ${quantile(0.1).toExponential(1)}, median ${quantile(0.5).toExponential(1)}`);
console.log(`query sets: ${Object.entries(querySets).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);
console.log('| M | efC | build CPU s | efSearch chosen by | efSearch | test recall@10 | test identical | HNSW q/s | exact q/s | HNSW / exact |');
console.log('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
for (const m of list(args.m)) {
  for (const efConstruction of list(args['ef-construction'])) {
    const dir = join(set.dir, `hnsw-m${m}-efc${efConstruction}`);
    const statsFile = join(dir, 'build.json');
    if (!existsSync(statsFile)) {
      mkdirSync(dir, { recursive: true });
      for (const f of Object.values(MATRIX_FILES)) copyFileSync(join(set.dir, f), join(dir, f));
      const [buildS] = await cpuSecondsOf(() => VECTOR_STORES.hnsw.build({ dir, params: { m, efConstruction }, documents: async function* () {} }));
      writeFileSync(statsFile, JSON.stringify({ buildS }));
    }
    const { buildS } = JSON.parse(readFileSync(statsFile, 'utf8')) as { buildS: number };
    const graph = new hnswlib.HierarchicalNSW('ip', matrix.dim);
    graph.readIndexSync(join(dir, 'hnsw.bin'));
    const search = (qs: readonly Float32Array[], ef: number) => {
      graph.setEf(ef);
      return qs.map((q) => graph.searchKnn(Array.from(q), 10).neighbors);
    };
    for (const [name, queries] of Object.entries(querySets)) {
      const target = name === 'test' ? TARGET : sampleTarget(TARGET);
      const found = calibrateEfSearch(matrix, queries, target, search);
      const store = await VECTOR_STORES.hnsw.open(dir, { efSearch: found.efSearch });
      const [hnswS, run] = await cpuSecondsOf(() => store.search(qids, test, 10));
      const a = tieAgreement(matrix, test, top10, qids.map((q) => run.get(q)!.map((d) => rowOf.get(d.docId)!)));
      const row = { m, efConstruction, buildS, chosenBy: name, sampleTarget: target, sample: found, efSearch: found.efSearch, ...a, hnswQps: test.length / hnswS, exactQps: test.length / exactS, ratio: exactS / hnswS };
      rows.push(row);
      if (name === 'test') misses.push(...missesAt(search, found.efSearch / 4, m, efConstruction));
      console.log(`| ${m} | ${efConstruction} | ${buildS.toFixed(0)} | ${name} (${queries.length}) at ${target} | ${found.efSearch} | ${a.recall.toFixed(4)} | ${a.identical.toFixed(4)} | ${row.hnswQps.toFixed(0)} | ${row.exactQps.toFixed(0)} | ${row.ratio.toFixed(2)}× |`);
    }
  }
}
misses.forEach((line) => console.log(line));
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'hnsw-ef-needed.json'), JSON.stringify({ loadavg: loadavg(), gaps: { p01: quantile(0.01), p05: quantile(0.05), p10: quantile(0.1), p50: quantile(0.5) }, rows, misses }, null, 2));
