// bench/embed/estimate: the paper estimate for a sharded build of 36M documents (PubMed-sized),
// from figures measured here: embedding throughput (bench/results/embed.json, written by
// bench/embed/run.ts) and the bytes per document of shards and indexes, measured by building
// SciFact (5,183 abstracts) in 4 shards and merging them.
//   npx tsx bench/embed/estimate.ts [--documents 36000000] [--shards 360] [--dim 384] [--cores 2]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

const { values: args } = parseArgs({
  options: { documents: { type: 'string', default: '36000000' }, shards: { type: 'string', default: '360' }, dim: { type: 'string', default: '384' }, cores: { type: 'string', default: '2' } },
});
const [documents, shards, dim, cores] = [args.documents, args.shards, args.dim, args.cores].map(Number);
const resultsFile = join(PACKAGE_ROOT, 'bench', 'results', 'embed.json');
if (!existsSync(resultsFile)) throw new Error(`${resultsFile}: run npx tsx bench/embed/run.ts first`);
const bench = JSON.parse(readFileSync(resultsFile, 'utf8')) as { model: string; maxLength: number; rows: { what: string; m?: { docs: number; cpuSeconds: number; tokens?: number } }[] };
const medir = bench.rows[0].m!;
const docsPerCpuS = medir.docs / medir.cpuSeconds;

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? bytesUnder(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

/** BM25 on SciFact in 4 shards, then merged: bytes per document of the shard files and of the index. */
function bm25Bytes(): { shardBytesPerDoc: number; indexBytesPerDoc: number } {
  const root = mkdtempSync(join(tmpdir(), 'medir-estimate-'));
  try {
    const env = { ...process.env, MEDIR_QUIET: '1', MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache') };
    const medirCli = (extra: string[]) => {
      const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), 'index', '--dataset', 'scifact', '--retriever', 'bm25', ...extra], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout.trim().split('\n').at(-1)!.trim();
    };
    for (let i = 0; i < 4; i++) medirCli(['--shard', `${i}/4`]);
    const index = medirCli(['--merge']);
    const docs = 5183;
    return { shardBytesPerDoc: bytesUnder(join(root, 'indexes', 'scifact', 'shards', 'bm25')) / docs, indexBytesPerDoc: bytesUnder(index) / docs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const { shardBytesPerDoc, indexBytesPerDoc } = bm25Bytes();
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(0)} GB`;
const cpuHours = documents / docsPerCpuS / 3600;
const perShard = documents / shards;
const shardHours = perShard / (docsPerCpuS * cores) / 3600;
const rows = [
  ['embedding throughput (measured, fp32)', `${docsPerCpuS.toFixed(1)} docs/CPU-s = ${(docsPerCpuS * cores).toFixed(0)} docs/s per ${cores}-core worker (${bench.model}, ${bench.maxLength} tokens)`],
  ['embedding, whole corpus', `${cpuHours.toFixed(0)} CPU-hours = ${(cpuHours / cores).toFixed(0)} worker-hours`],
  [`${shards} shards of ${perShard.toFixed(0)} documents`, `${shardHours.toFixed(1)} h each on a ${cores}-core worker; ${shards} workers in parallel: ${shardHours.toFixed(1)} h wall (+ the merge)`],
  [`dense vectors (${dim}-d float32): shards, then the merged matrix`, `${gb(documents * dim * 4)} + ${gb(documents * dim * 4)}`],
  ['BM25 shard files (analysed documents + statistics)', `${shardBytesPerDoc.toFixed(0)} B/doc measured → ${gb(documents * shardBytesPerDoc)}`],
  ['BM25 merged index (fast engine)', `${indexBytesPerDoc.toFixed(0)} B/doc measured → ${gb(documents * indexBytesPerDoc)}`],
];
process.stdout.write(
  [`Paper estimate for ${documents.toLocaleString('en')} documents (from bench/results/embed.json and a sharded SciFact build)`, '', '| item | estimate |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n') + '\n',
);
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'embed-estimate.json'), JSON.stringify({ documents, shards, dim, cores, docsPerCpuS, cpuHours, shardHours, shardBytesPerDoc, indexBytesPerDoc }, null, 2) + '\n');
