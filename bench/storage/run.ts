// bench/storage: a sharded BM25 build with its shards in a local folder against the same with its
// shards in s3rver (a fake S3 on 127.0.0.1, in this process), in the same run: what object storage
// costs the shard jobs (build, then upload) and the merge (download, check, merge).
//   npx tsx bench/storage/run.ts [--dataset scifact] [--shards 4] [--reps 1]
// Each medir runs as its own process under /usr/bin/time with its own cache and indexes; CPU
// seconds are the children's plus this process's (s3rver's work). Prints a table and the load
// average; writes bench/results/storage.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import S3rver from 's3rver';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

const { values: args } = parseArgs({ options: { dataset: { type: 'string', default: 'scifact' }, shards: { type: 'string', default: '4' }, reps: { type: 'string', default: '1' } } });
const N = Number(args.shards);
const work = mkdtempSync(join(tmpdir(), 'medir-bench-storage-'));
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(work, 's3rver'), configureBuckets: [{ name: 'bench', configs: [] }] });
const { port } = await server.run();
const s3env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

interface Cost {
  wall: number;
  cpu: number;
}

/** Wall and CPU seconds of one medir (its own, from /usr/bin/time, plus this process's: s3rver). Spawned without blocking: s3rver answers from here. */
function timed(medirArgs: string[], env: Record<string, string>): Promise<Cost> {
  const before = process.cpuUsage();
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, join(PACKAGE_ROOT, 'bin', 'medir'), ...medirArgs], { env: { ...process.env, MEDIR_QUIET: '1', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const m = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`medir ${medirArgs.join(' ')} failed:\n${stderr}`));
      const own = process.cpuUsage(before);
      resolve({ wall: (performance.now() - start) / 1000, cpu: Number(m[1]) + Number(m[2]) + (own.user + own.system) / 1e6 });
    });
  });
}

const add = (a: Cost, b: Cost): Cost => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });

/** The N shard jobs one after another (one core's worth each, as on N machines), then the merge. */
async function build(target: 'folder' | 's3rver', rep: number) {
  const root = join(work, `${target}-${rep}`);
  const env = { MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache'), ...(target === 's3rver' ? s3env : {}) };
  const dir = target === 's3rver' ? `s3://bench/${rep}/${args.dataset}-bm25` : join(root, 'shards');
  const base = ['index', '--dataset', args.dataset!, '--retriever', 'bm25', '--shard-dir', dir];
  let shards: Cost = { wall: 0, cpu: 0 };
  for (let i = 0; i < N; i++) shards = add(shards, await timed([...base, '--shard', `${i}/${N}`], env));
  const merge = await timed([...base, '--merge'], env);
  return { target, rep, shards, merge };
}

const load = [loadavg()[0]];
const results: Awaited<ReturnType<typeof build>>[] = [];
try {
  for (let rep = 0; rep < Number(args.reps); rep++) {
    // alternate the order, so neither target always runs on a warmer machine
    for (const target of rep % 2 === 0 ? (['folder', 's3rver'] as const) : (['s3rver', 'folder'] as const)) results.push(await build(target, rep));
    load.push(loadavg()[0]);
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const sum = (target: string, part: 'shards' | 'merge') => results.filter((r) => r.target === target).reduce((c, r) => add(c, r[part]), { wall: 0, cpu: 0 });
const rows = (['shards', 'merge'] as const).map((part) => {
  const [f, s] = [sum('folder', part), sum('s3rver', part)];
  return { part, folder: f, s3rver: s, wallRatio: s.wall / f.wall, cpuRatio: s.cpu / f.cpu };
});
console.log(`bench/storage: ${args.dataset} BM25, ${N} shards, ${args.reps} rep(s); load average ${load.map((l) => l.toFixed(1)).join(' → ')} (2 CPUs)`);
console.log('| step | folder wall s | folder CPU s | s3rver wall s | s3rver CPU s | s3rver/folder wall | s3rver/folder CPU |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.part === 'shards' ? `${N} shard jobs (build + upload)` : 'merge (download + check + merge)'} | ${r.folder.wall.toFixed(1)} | ${r.folder.cpu.toFixed(1)} | ${r.s3rver.wall.toFixed(1)} | ${r.s3rver.cpu.toFixed(1)} | ${r.wallRatio.toFixed(2)} | ${r.cpuRatio.toFixed(2)} |`);
}
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'storage.json'), JSON.stringify({ dataset: args.dataset, shards: N, reps: Number(args.reps), load, results, rows }, null, 2) + '\n');
