// bench/vector-search/default-speed.ts: the HNSW store with its DEFAULT parameters (efSearch
// calibrated at build time for --target-recall 0.99) against exact search, same run, CPU seconds of
// this process (the machine is shared).
//   npx tsx bench/vector-search/default-speed.ts [--set passages] [--n 100000] [--ef N,...]
//   npx tsx bench/vector-search/default-speed.ts --set random [--n 100000] [--dim 384] --ef 800 [--ef-construction 64]
// `passages`: real glove embeddings of 100k titles and sentences of the mirror's corpora
// (passages-set.ts), queried with NFCorpus's and SciFact's test queries; the build calibrates on
// short spans of the passages, never on those queries. `random`: uniform random unit vectors, the
// adversarial case (every point about equally far from every other), where the build has no texts
// to calibrate on, so --ef is required. --ef adds fixed efSearch values beside the default.
// Prints a table and writes bench/results/hnsw-default-speed.json.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParams } from '../../src/core/params.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { exactSearch } from '../../src/vectors/exact.js';
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
const [buildS, stats] = await cpuSecondsOf(() => VECTOR_STORES.hnsw.build({ ...build, params }));
const calibration = (stats as { calibration?: { efSearch: number; identical: number; sampleTarget: number } } | undefined)?.calibration;
const exact = await VECTOR_STORES.exact.open(work, {});
const [exactS] = await cpuSecondsOf(() => exact.search(qids, queries, 10));
const truth = exactSearch(matrix, queries, 10);
const rowOf = new Map(matrix.ids.map((id, i) => [id, i]));
const efs: (number | undefined)[] = [...(calibration ? [undefined] : []), ...(args.ef ? args.ef.split(',').map(Number) : [])];
const rows = [];
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (calibration) console.log(`calibrated: efSearch ${calibration.efSearch} (sample: ${JSON.stringify({ ...calibration, sample: undefined })})`);
console.log('| set | HNSW params | build CPU s | exact q/s | HNSW q/s | HNSW / exact | recall@10 | identical top-10 | queries left out |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const ef of efs) {
  const hnsw = await VECTOR_STORES.hnsw.open(work, { ...params, efSearch: ef });
  const efSearch = (hnsw.settings as { efSearch: number }).efSearch;
  const [hnswS, run] = await cpuSecondsOf(() => hnsw.search(qids, queries, 10));
  const a = tieAgreement(matrix, queries, truth, qids.map((q) => run.get(q)!.map((d) => rowOf.get(d.docId)!)));
  const row = { set: name, efSearch, calibrated: ef === undefined, buildCpuS: buildS, exactQps: queries.length / exactS, hnswQps: queries.length / hnswS, ratio: exactS / hnswS, ...a };
  rows.push(row);
  const label = `M=${params.m} efC=${params.efConstruction} ef=${efSearch}${ef === undefined ? ` (default: calibrated for ${params.targetRecall})` : ''}`;
  console.log(`| ${name} | ${label} | ${buildS.toFixed(1)} | ${row.exactQps.toFixed(0)} | ${row.hnswQps.toFixed(0)} | ${row.ratio.toFixed(2)}× | ${a.recall.toFixed(4)} | ${a.identical.toFixed(4)} | ${a.leftOut} of ${queries.length} |`);
}
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', `hnsw-default-speed-${args.set}.json`), JSON.stringify({ loadavg: loadavg(), params, calibration, rows }, null, 2));
