// bench/vector-search/default-speed.ts: the HNSW store with its DEFAULT parameters (efSearch
// calibrated at build time for --target-recall 0.99) against exact search, same run, CPU seconds of
// this process (the machine is shared), each the fastest of 3 alternating passes.
//   npx tsx bench/vector-search/default-speed.ts [--set passages] [--n 100000] [--ef N,...] [--graph DIR]
//   npx tsx bench/vector-search/default-speed.ts --set random [--n 100000] [--dim 384] --ef 800 [--ef-construction 64]
// `passages`: real glove embeddings of 100k titles and sentences of the mirror's corpora
// (passages-set.ts), queried with NFCorpus's and SciFact's test queries; the build calibrates on
// short spans of the passages, never on those queries. `random`: uniform random unit vectors, the
// adversarial case (every point about equally far from every other), where the build has no texts
// to calibrate on, so --ef is required. --ef adds fixed efSearch values beside the default, and the
// graph searched at the calibrated efSearch is always a row (the default searches exactly where that
// was not faster on the calibration sample). --graph DIR reuses DIR/hnsw.bin, a graph built over the
// same matrix with the same M and efConstruction (ef-needed.ts keeps them, with DIR/build.json's build
// CPU s), and runs only the calibration, instead of a build of minutes.
// Prints a table and writes bench/results/hnsw-default-speed.json.
import hnswlib from 'hnswlib-node';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParams } from '../../src/core/params.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { timeSearches, type Calibration } from '../../src/vectors/calibrate.js';
import { exactSearch, openExactStore } from '../../src/vectors/exact.js';
import { calibrateGraph } from '../../src/vectors/hnsw.js';
import { MATRIX_FILES, readMatrix } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import type { StoreBuildContext } from '../../src/vectors/store.js';
import { passageSet } from './passages-set.js';
import { randomUnitVectors, writeRandomMatrix } from './random-set.js';
import { cpuSecondsOf } from '../cpu.js';

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'passages' },
    n: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '384' },
    queries: { type: 'string', default: '100' },
    ef: { type: 'string' },
    'ef-construction': { type: 'string' },
    graph: { type: 'string' },
  },
});
const n = Number(args.n);
const work = mkdtempSync(join(tmpdir(), 'medir-hnsw-speed-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.env.MEDIR_QUIET = '1';

let name: string;
let queries: Float32Array[];
let build: Omit<StoreBuildContext, 'params'>;
if (args.set === 'passages') {
  const set = await passageSet(n);
  for (const f of Object.values(MATRIX_FILES)) copyFileSync(join(set.dir, f), join(work, f));
  name = set.name;
  queries = set.queries;
  build = { dir: work, documents: set.documents, embedQueries: (texts) => set.embedder.embedQueries(texts) };
} else if (args.set === 'random') {
  if (!args.ef) throw new Error('--set random: give --ef (random vectors have no texts to calibrate on)');
  const dim = Number(args.dim);
  writeRandomMatrix(work, n, dim, 1);
  const flat = randomUnitVectors(Number(args.queries), dim, 7);
  name = `random ${n.toLocaleString('en')}×${dim}`;
  queries = Array.from({ length: Number(args.queries) }, (_, i) => flat.slice(i * dim, (i + 1) * dim));
  build = { dir: work, documents: async function* () {} };
} else throw new Error(`--set: passages or random, got ${args.set}`);

const matrix = readMatrix(work);
const qids = queries.map((_, i) => `q${i}`);
const params = readParams(VECTOR_STORES.hnsw.params, { efConstruction: args['ef-construction'] });
if (args.set === 'random') delete params.targetRecall;
/** A saved graph calibrated here (its build CPU s from build.json), or a full build. */
async function buildOrCalibrate(graph: string): Promise<[number, { calibration: Calibration }]> {
  copyFileSync(join(graph, 'hnsw.bin'), join(work, 'hnsw.bin'));
  const index = new hnswlib.HierarchicalNSW('ip', matrix.dim);
  index.readIndexSync(join(work, 'hnsw.bin'));
  const saved = join(graph, 'build.json');
  const buildS = existsSync(saved) ? (JSON.parse(readFileSync(saved, 'utf8')) as { buildS: number }).buildS : NaN;
  const [calibrateS, calibration] = await cpuSecondsOf(() => calibrateGraph({ ...build, params }, openExactStore(work), index, params.targetRecall as number));
  console.log(`graph from ${graph} (built in ${buildS.toFixed(0)} CPU s); calibration ${calibrateS.toFixed(1)} CPU s`);
  return [buildS, { calibration }];
}
const [buildS, stats] = args.graph ? await buildOrCalibrate(args.graph) : await cpuSecondsOf(() => VECTOR_STORES.hnsw.build({ ...build, params }));
const calibration = (stats as { calibration?: Calibration } | void)?.calibration;
const exact = await VECTOR_STORES.exact.open(work, {});
const truth = exactSearch(matrix, queries, 10);
const rowOf = new Map(matrix.ids.map((id, i) => [id, i]));
const efs: (number | undefined)[] = [...(calibration ? [undefined, calibration.efSearch] : []), ...(args.ef ? args.ef.split(',').map(Number) : [])];
const rows = [];
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (calibration) console.log(`calibrated: efSearch ${calibration.efSearch} (sample: ${JSON.stringify({ ...calibration, sample: undefined, choice: undefined })})`);
if (calibration?.choice) console.log(`default search: ${calibration.choice.search}: ${calibration.choice.reason}`);
console.log('| set | HNSW store | build CPU s | exact q/s | HNSW q/s | HNSW / exact | recall@10 | identical top-10 | queries left out |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const ef of efs) {
  const hnsw = await VECTOR_STORES.hnsw.open(work, { ...params, efSearch: ef });
  const { search, efSearch } = hnsw.settings as { search: string; efSearch?: number };
  // Both timed beside each row as the calibration times them (fastest of alternating passes): the
  // load of a shared machine changes within a run, and a store's first pass is cold.
  const costs = await timeSearches(queries.length, () => exact.search(qids, queries, 10), () => hnsw.search(qids, queries, 10));
  const [exactS, hnswS] = [costs.exactSeconds * queries.length, costs.hnswSeconds * queries.length];
  const run = await hnsw.search(qids, queries, 10);
  const a = tieAgreement(matrix, queries, truth, qids.map((q) => run.get(q)!.map((d) => rowOf.get(d.docId)!)));
  const row = { set: name, search, efSearch, calibrated: ef === undefined, buildCpuS: buildS, exactQps: queries.length / exactS, hnswQps: queries.length / hnswS, ratio: exactS / hnswS, ...a };
  rows.push(row);
  const label = ef === undefined ? `default (calibrated for ${params.targetRecall}): ${search === 'exact' ? 'searches exactly' : `ef=${efSearch}`}` : `M=${params.m} efC=${params.efConstruction} ef=${efSearch}`;
  console.log(`| ${name} | ${label} | ${buildS.toFixed(1)} | ${row.exactQps.toFixed(0)} | ${row.hnswQps.toFixed(0)} | ${row.ratio.toFixed(2)}× | ${a.recall.toFixed(4)} | ${a.identical.toFixed(4)} | ${a.leftOut} of ${queries.length} |`);
}
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', `hnsw-default-speed-${args.set}.json`), JSON.stringify({ loadavg: loadavg(), params, calibration, rows }, null, 2));
