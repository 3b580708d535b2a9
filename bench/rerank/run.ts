// bench/rerank: cross-encoder reranking throughput of medir (transformers.js + onnxruntime-node)
// against onnxruntime in Python on the same (query, passage) pairs, model, truncation (longest_first
// at the card's max length), length-sorted batches and threads, tokenization included on both sides.
//   npx tsx bench/rerank/run.ts [--pairs 48] [--tiny-pairs 1000] [--batch 16] [--threads 2]
// Headline: bench-minilm-l6-cross-shape (ms-marco-MiniLM-L-6-v2's shape, random weights, 512 tokens);
// overhead row: tiny-random-bert-cross-encoder (2 layers × 32: the time is tokenization, batching and
// the runtime's fixed costs, not the model). Pairs: NFCorpus test queries with BM25-free passages
// (query i paired with corpus documents in file order), so both sides see the same lengths.
// The compared figure is pairs per CPU second (all threads): on a shared machine wall time measures
// the neighbours too. Prints a table and writes bench/results/rerank.json.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentText } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { loadCrossEncoder } from '../../src/rerank/cross-encoder-model.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    pairs: { type: 'string', default: '48' },
    'tiny-pairs': { type: 'string', default: '1000' },
    batch: { type: 'string', default: '16' },
    threads: { type: 'string', default: '2' },
  },
});
const [batchSize, threads] = [args.batch, args.threads].map(Number);

const loc = resolveLocations();
const dataset = await loadDataset('nfcorpus', {}, loc);
const queries = dataset.queries.queries.map((q) => q.text);
const passages: string[] = [];
for await (const doc of dataset.corpus.docs()) {
  if (passages.length === Math.max(Number(args.pairs), Number(args['tiny-pairs']))) break;
  passages.push(documentText(doc));
}

interface Side {
  seconds: number;
  cpuSeconds: number;
  pairsPerS: number;
  pairsPerCpuS: number;
  truncated: number;
}

async function measure(model: string, n: number, role: string) {
  const pairs = passages.slice(0, n).map((p, i) => [queries[i % queries.length], p] as const);
  const ce = await loadCrossEncoder(model, loc, {}, { batchSize, threads });
  await ce.score([pairs[0][0]], [pairs[0][1]]); // warm-up: session start-up is not throughput
  const before = ce.truncation.truncated;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const scores = await ce.score(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const medir: Side = { seconds, cpuSeconds, pairsPerS: n / seconds, pairsPerCpuS: n / cpuSeconds, truncated: ce.truncation.truncated - before };
  let peer: (Side & { onnxruntime: string; scores: number[] }) | undefined;
  let note = '';
  const work = mkdtempSync(join(tmpdir(), 'medir-bench-rerank-'));
  try {
    const file = join(work, 'pairs.jsonl');
    writeFileSync(file, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
    peer = JSON.parse(execFileSync('python3', [join(HERE, 'peer.py'), ce.model.dir, file, String(ce.model.profile.maxLength), String(batchSize), String(threads)], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } catch (err) {
    note = `peer skipped: ${(err as Error).message.split('\n')[0]} (pip install onnxruntime tokenizers numpy)`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Same scores as the peer: the two did the same work.
  const maxDiff = peer ? Math.max(...peer.scores.map((s, i) => Math.abs(s - scores[i]))) : undefined;
  return { model, role, pairs: n, maxLength: ce.model.profile.maxLength, medir, peer: peer && { ...peer, scores: undefined }, maxDiff, note };
}

const load = loadavg()[0];
const rows = [await measure('bench-minilm-l6-cross-shape', Number(args.pairs), 'headline'), await measure('tiny-random-bert-cross-encoder', Number(args['tiny-pairs']), 'overhead row')];
const loadAfter = loadavg()[0];
const fmt = (s: Side) => `${s.pairsPerCpuS.toFixed(1)} (${s.pairsPerS.toFixed(1)})`;
const table = [
  `load average ${load.toFixed(2)} → ${loadAfter.toFixed(2)} on ${(await import('node:os')).cpus().length} cores; batch ${batchSize}, threads ${threads}`,
  '| model | role | pairs | max tokens | truncated (medir / peer) | medir pairs/CPU-s (pairs/s) | onnxruntime-Python pairs/CPU-s (pairs/s) | medir/peer CPU (wall) | max |Δ| score |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    `| ${r.model} | ${r.role} | ${r.pairs} | ${r.maxLength} | ${r.medir.truncated} / ${r.peer?.truncated ?? '–'} | ${fmt(r.medir)} | ${r.peer ? fmt(r.peer) : '–'} | ${r.peer ? `${(r.medir.pairsPerCpuS / r.peer.pairsPerCpuS).toFixed(2)} (${(r.medir.pairsPerS / r.peer.pairsPerS).toFixed(2)})` : '–'} | ${r.maxDiff?.toExponential(1) ?? '–'} |`,
  ),
  ...rows.filter((r) => r.note).map((r) => `${r.model}: ${r.note}`),
];
process.stdout.write(table.join('\n') + '\n');
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'rerank.json'), JSON.stringify({ date: new Date().toISOString(), load: [load, loadAfter], batchSize, threads, rows }, null, 2) + '\n');
