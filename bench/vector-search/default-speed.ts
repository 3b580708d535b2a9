// bench/vector-search/default-speed.ts: the HNSW store with its DEFAULT parameters against exact
// search on a random set, same run, CPU seconds of this process (the machine is shared).
//   npx tsx bench/vector-search/default-speed.ts [--n 100000] [--dim 384] [--queries 100] [--ef 800] [--ef-construction 64]
// (--ef-construction overrides the build only: the default's efC=1000 graph on 100k×384 takes
// far longer to build than its search-time cost, which efSearch sets, is worth measuring here).
// Prints a table and writes bench/results/hnsw-default-speed.json.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParams } from '../../src/core/params.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { exactSearch } from '../../src/vectors/exact.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { readMatrix } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { randomUnitVectors, writeRandomMatrix } from './random-set.js';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '100000' }, dim: { type: 'string', default: '384' }, queries: { type: 'string', default: '100' }, ef: { type: 'string' }, 'ef-construction': { type: 'string' } },
});
const n = Number(args.n);
const dim = Number(args.dim);
const nq = Number(args.queries);
const work = mkdtempSync(join(tmpdir(), 'medir-hnsw-speed-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** CPU seconds (user + system) of this process spent in `fn`. */
async function cpuSeconds<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.cpuUsage();
  const out = await fn();
  const { user, system } = process.cpuUsage(start);
  return [(user + system) / 1e6, out];
}

writeRandomMatrix(work, n, dim, 1);
const matrix = readMatrix(work);
const flat = randomUnitVectors(nq, dim, 7);
const queries = Array.from({ length: nq }, (_, i) => flat.slice(i * dim, (i + 1) * dim));
const qids = queries.map((_, i) => `q${i}`);
const params = readParams(VECTOR_STORES.hnsw.params, { efSearch: args.ef, efConstruction: args['ef-construction'] });
const exact = await VECTOR_STORES.exact.open(work, {});
const [buildS] = await cpuSeconds(() => VECTOR_STORES.hnsw.build({ dir: work, params, documents: async function* () {} }));
const hnsw = await VECTOR_STORES.hnsw.open(work, params);
const [exactS] = await cpuSeconds(() => exact.search(qids, queries, 10));
const [hnswS, run] = await cpuSeconds(() => hnsw.search(qids, queries, 10));
const truth = exactSearch(matrix, queries, 10);
const rowOf = new Map(matrix.ids.map((id, i) => [id, i]));
const a = tieAgreement(matrix, queries, truth, qids.map((q) => run.get(q)!.map((d) => rowOf.get(d.docId)!)));
const result = { n, dim, queries: nq, params, buildCpuS: buildS, exactQps: nq / exactS, hnswQps: nq / hnswS, ratio: exactS / hnswS, recall: a.recall, identical: a.identical, loadavg: loadavg() };
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| set | HNSW params | build CPU s | exact q/s | HNSW q/s | HNSW / exact | recall@10 |');
console.log('|---|---|---:|---:|---:|---:|---:|');
console.log(`| random ${n}×${dim} | M=${params.m} efC=${params.efConstruction} ef=${params.efSearch} | ${buildS.toFixed(1)} | ${result.exactQps.toFixed(0)} | ${result.hnswQps.toFixed(0)} | ${result.ratio.toFixed(1)}× | ${a.recall.toFixed(3)} |`);
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'hnsw-default-speed.json'), JSON.stringify(result, null, 2));
