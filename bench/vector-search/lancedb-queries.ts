/**
 * LanceDB's cost per query at 1 and 300 queries: one search per call awaited in turn, 64 query
 * vectors per call (`addQueryVector`), every query vector in one multi-vector call
 * (`vectorSearch([...])`, LanceDB 0.31; rows come back tagged with `query_index`), and the store's
 * own search (IN_FLIGHT queries at a time).
 * CPU ms (every thread of this process) and wall ms per query, on a random unit-vector table.
 *   npx tsx bench/vector-search/lancedb-queries.ts [--n 3633] [--dim 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../../src/core/table.js';
import { readParams } from '../../src/core/params.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { randomUnitVectors, writeRandomMatrix } from './random-set.js';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '3633' }, dim: { type: 'string', default: '100' } } });
const n = Number(args.n);
const dim = Number(args.dim);
const K = 10;
const dir = mkdtempSync(join(tmpdir(), 'medir-bench-lance-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
process.env.MEDIR_QUIET = '1';

writeRandomMatrix(dir, n, dim, 1);
const params = readParams(VECTOR_STORES.lancedb.params, {});
await VECTOR_STORES.lancedb.build({
  dir,
  params,
  documents: async function* () {
    for (let i = 0; i < n; i++) yield { id: `r${i}`, title: '', text: '' };
  },
});
const store = await VECTOR_STORES.lancedb.open(dir, params);
const lib = await import('@lancedb/lancedb');
const db = await lib.connect(join(dir, 'lancedb'));
const table = await db.openTable('documents');
const flat = randomUnitVectors(300, dim, 7);
const queries = Array.from({ length: 300 }, (_, i) => flat.slice(i * dim, (i + 1) * dim));

const ways: [string, (vs: Float32Array[]) => Promise<unknown>][] = [
  ['one per call, in turn', async (vs) => {
    for (const v of vs) await table.vectorSearch(v).distanceType('dot').select(['row', '_distance']).limit(K).toArray();
  }],
  ['64 per call (addQueryVector)', async (vs) => {
    for (let i = 0; i < vs.length; i += 64) {
      let query = table.vectorSearch(vs[i]).distanceType('dot').select(['row', '_distance']).limit(K);
      for (const v of vs.slice(i + 1, i + 64)) query = query.addQueryVector(v);
      await query.toArray();
    }
  }],
  ['all in one call (vectorSearch of a list)', async (vs) => {
    const rows = (await table.vectorSearch(vs).distanceType('dot').select(['row', '_distance']).limit(K).toArray()) as { query_index?: number }[];
    if (rows.length !== vs.length * K || (vs.length > 1 && rows.some((r) => r.query_index === undefined))) throw new Error('multi-vector query: unexpected rows');
  }],
  ['medir lancedb store (concurrent)', (vs) => store.search(vs.map((_, i) => `q${i}`), vs, K)],
];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
await ways[0][1](queries.slice(0, 5)); // warm
const rows: string[][] = [];
for (const [name, run] of ways) {
  for (const count of [1, 300]) {
    const cpu = cpuMs();
    const wall = performance.now();
    await run(queries.slice(0, count));
    rows.push([name, String(count), ((cpuMs() - cpu) / count).toFixed(2), ((performance.now() - wall) / count).toFixed(2)]);
  }
}
await store.close();
table.close();
db.close();
console.log(`LanceDB flat, ${n}×${dim}, top ${K}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log(formatTable(['queries sent', 'queries', 'CPU ms/query', 'wall ms/query'], rows));
