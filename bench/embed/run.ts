// bench/embed: document-embedding throughput of medir (transformers.js + onnxruntime-node) against
// onnxruntime in Python on the same texts, model, truncation, batching and threads, with the
// FLOP-bound ceiling of this machine.
//   npx tsx bench/embed/run.ts [--model bench-minilm-l6-shape] [--docs 1000] [--extra-docs 300] [--max-length 256] [--batch 32] [--threads 2]
// Prints a table and writes bench/results/embed.json. The compared figure is documents per CPU
// second (all threads of the process): on a shared machine wall time measures the neighbours too.
// Headline rows embed `--docs` NFCorpus documents; the option rows (spinning, workers × threads,
// int8) embed the first `--extra-docs` of them, each against medir's defaults on the same texts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentText } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveEmbeddingModel } from '../../src/embed/embedder.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'bench-minilm-l6-shape' },
    docs: { type: 'string', default: '1000' },
    'extra-docs': { type: 'string', default: '300' },
    'max-length': { type: 'string', default: '256' },
    batch: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
  },
});
const [docs, extraDocs, maxLength, batchSize, threads] = [args.docs, args['extra-docs'], args['max-length'], args.batch, args.threads].map(Number);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();

const loc = resolveLocations();
const dataset = await loadDataset('nfcorpus', {}, loc);
const texts: string[] = [];
for await (const doc of dataset.corpus.docs()) {
  if (texts.length === docs) break;
  texts.push(documentText(doc));
}
const model = await resolveEmbeddingModel(args.model, loc);

interface Measured {
  seconds: number;
  cpuSeconds: number;
  docs: number;
  tokens?: number;
  first: number[];
}

const work = mkdtempSync(join(tmpdir(), 'medir-bench-embed-'));
function textsFile(name: string, list: string[]): string {
  const file = join(work, `${name}.jsonl`);
  writeFileSync(file, list.map((t) => JSON.stringify(t)).join('\n') + '\n');
  return file;
}

/** One medir worker process (a fresh model load each, so rows do not share state). */
function medir(file: string, options: Record<string, unknown>): Promise<Measured> {
  const o = { model: args.model, maxLength, dtype: 'fp32', batchSize, threads, spinning: false, ...options };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'worker.ts'), file, JSON.stringify(o)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`))));
  });
}

/** N workers at once, each on its share of the texts: one figure, CPU seconds summed. */
async function workers(list: string[], n: number, options: Record<string, unknown>): Promise<Measured> {
  const parts = await Promise.all(Array.from({ length: n }, (_, w) => medir(textsFile(`part${w}`, list.filter((_, i) => i % n === w)), options)));
  return {
    seconds: Math.max(...parts.map((p) => p.seconds)),
    cpuSeconds: parts.reduce((s, p) => s + p.cpuSeconds, 0),
    docs: list.length,
    tokens: parts.reduce((s, p) => s + (p.tokens ?? 0), 0),
    first: parts[0].first,
  };
}

function peer(file: string, spin: '0' | '1'): Measured | undefined {
  try {
    return JSON.parse(execFileSync('python3', [join(HERE, 'peer.py'), model.dir, file, String(maxLength), String(batchSize), String(threads), spin], { encoding: 'utf8' }));
  } catch (err) {
    process.stderr.write(`peer skipped: ${(err as Error).message.split('\n')[0]} (pip install onnxruntime tokenizers numpy)\n`);
    return undefined;
  }
}

/** The machine's matmul peak per CPU second on the same thread count (numpy's BLAS). */
function matmulPeak(): { gflopsWall: number; gflopsPerCpuS: number } | undefined {
  try {
    const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
    return JSON.parse(execFileSync('python3', [join(HERE, 'matmul.py'), '1024'], { encoding: 'utf8', env }));
  } catch {
    return undefined;
  }
}

/** Parameters that multiply (encoder layers, embeddings excluded: those are lookups), from a BERT config. */
function matmulParams(dir: string): number {
  const c = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { hidden_size: number; intermediate_size: number; num_hidden_layers: number };
  const d = c.hidden_size;
  const ff = c.intermediate_size;
  return c.num_hidden_layers * (4 * (d * d + d) + 2 * d * ff + ff + d + 4 * d);
}

const headline = textsFile('headline', texts);
const extra = textsFile('extra', texts.slice(0, extraDocs));
const rows: { what: string; m?: Measured }[] = [];
try {
  rows.push({ what: `medir fp32, 1 process × ${threads} threads (defaults)`, m: await medir(headline, {}) });
  rows.push({ what: 'onnxruntime-Python, onnxruntime defaults (idle threads spin)', m: peer(headline, '1') });
  rows.push({ what: "onnxruntime-Python, medir's session options (no spinning)", m: peer(headline, '0') });
  rows.push({ what: `medir fp32, 1 × ${threads} threads (defaults) — ${extraDocs} docs`, m: await medir(extra, {}) });
  rows.push({ what: `medir fp32, 1 × ${threads} threads, idle threads spin — ${extraDocs} docs`, m: await medir(extra, { spinning: true }) });
  rows.push({ what: `medir fp32, ${threads} processes × 1 thread — ${extraDocs} docs`, m: await workers(texts.slice(0, extraDocs), threads, { threads: 1 }) });
  rows.push({ what: `medir int8 (extra), 1 × ${threads} threads — ${extraDocs} docs`, m: await medir(extra, { dtype: 'q8' }) });
} finally {
  rmSync(work, { recursive: true, force: true });
}
const peak = matmulPeak();
const params = matmulParams(model.dir);
const [medirRow, peerRow, peerSameRow] = rows.map((r) => r.m);
// The peer's tokens (mask sums) are the same work; medir counts its own.
const gflopsPerCpuS = (m: Measured) => (m.tokens ? (2 * params * m.tokens) / m.cpuSeconds / 1e9 : undefined);
const ratio = (m: Measured | undefined, base: Measured | undefined) => (m && base ? (m.docs / m.cpuSeconds / (base.docs / base.cpuSeconds)).toFixed(2) : '–');
const maxDiff = medirRow && peerRow ? Math.max(...peerRow.first.map((x, d) => Math.abs(x - medirRow.first[d]))) : undefined;

const table = [
  `bench/embed — ${args.model}, max ${maxLength} tokens, batch ${batchSize}, ${threads} threads; load average ${loadBefore} (start), ${load()} (end), ${(await import('node:os')).cpus().length} CPUs`,
  '',
  '| run | docs | docs/CPU-s | docs/s (wall) | GFLOP/CPU-s (2·params·tokens) | vs onnxruntime-Python defaults (CPU) |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(({ what, m }) =>
    m
      ? `| ${what} | ${m.docs} | ${(m.docs / m.cpuSeconds).toFixed(1)} | ${(m.docs / m.seconds).toFixed(1)} | ${gflopsPerCpuS(m)?.toFixed(1) ?? '–'} | ${m.docs === docs ? ratio(m, peerRow) : `${ratio(m, rows[3].m)} of medir's ${extraDocs}-doc row`} |`
      : `| ${what} | – | – | – | – | – |`,
  ),
  '',
  peak && medirRow
    ? `FLOP-bound ceiling: matmul peak ${peak.gflopsPerCpuS.toFixed(1)} GFLOP/CPU-s (${peak.gflopsWall.toFixed(1)} GFLOP/s wall, numpy 1024² float32, ${threads} threads) = ${((peak.gflopsPerCpuS * 1e9) / (2 * params * (medirRow.tokens! / medirRow.docs))).toFixed(1)} docs/CPU-s at ${(medirRow.tokens! / medirRow.docs).toFixed(0)} tokens/doc and ${(params / 1e6).toFixed(2)} M matmul parameters; medir reaches ${((100 * gflopsPerCpuS(medirRow)!) / peak.gflopsPerCpuS).toFixed(0)}% of it`
    : 'FLOP-bound ceiling: skipped (python3 with numpy needed)',
  `medir/peer with the same session options (CPU): ${ratio(medirRow, peerSameRow)}; max |Δ| first vector vs peer: ${maxDiff?.toExponential(1) ?? '–'}`,
];
process.stdout.write(table.join('\n') + '\n');
writeFileAtomic(
  join(PACKAGE_ROOT, 'bench', 'results', 'embed.json'),
  JSON.stringify({ date: new Date().toISOString(), model: args.model, docs, extraDocs, maxLength, batchSize, threads, load: { start: loadBefore, end: load() }, params, peak, rows, maxDiff }, null, 2) + '\n',
);
