// bench/embed: document-embedding throughput of medir (transformers.js + onnxruntime-node) against
// onnxruntime in Python on the same texts, model, truncation, batching and threads.
//   npx tsx bench/embed/run.ts [--model bench-minilm-l6-shape] [--docs 1000] [--max-length 256] [--batch 32] [--threads 2]
// Prints a table and writes bench/results/embed.json. Reference (model README, this machine kind):
// onnxruntime-Python 23.9 docs/s for bench-minilm-l6-shape, 1,000 NFCorpus docs, 256 tokens, 2 threads.
// The compared figure is documents per CPU second (all threads): on a shared machine wall time
// measures the neighbours too (the wall-time ratio swung from 0.46 to 1.43 between two runs here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentText } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder, resolveEmbeddingModel } from '../../src/embed/embedder.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'bench-minilm-l6-shape' },
    docs: { type: 'string', default: '1000' },
    'max-length': { type: 'string', default: '256' },
    batch: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
  },
});
const [docs, maxLength, batchSize, threads] = [args.docs, args['max-length'], args.batch, args.threads].map(Number);

const loc = resolveLocations();
const dataset = await loadDataset('nfcorpus', {}, loc);
const texts: string[] = [];
for await (const doc of dataset.corpus.docs()) {
  if (texts.length === docs) break;
  texts.push(documentText(doc));
}

const embedder = await loadEmbedder(args.model, loc, { maxLength }, { batchSize, threads });
const start = performance.now();
const cpuStart = process.cpuUsage();
const vectors = await embedder.embedDocuments(texts);
const cpu = process.cpuUsage(cpuStart);
const medirS = (performance.now() - start) / 1000;
const medirCpuS = (cpu.user + cpu.system) / 1e6;

let peer: { docsPerS: number; docsPerCpuS: number; seconds: number; onnxruntime: string; first: number[] } | undefined;
let note = '';
const work = mkdtempSync(join(tmpdir(), 'medir-bench-embed-'));
try {
  const textsFile = join(work, 'texts.jsonl');
  writeFileSync(textsFile, texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
  const { dir } = await resolveEmbeddingModel(args.model, loc);
  peer = JSON.parse(execFileSync('python3', [join(HERE, 'peer.py'), dir, textsFile, String(maxLength), String(batchSize), String(threads)], { encoding: 'utf8' }));
} catch (err) {
  note = `peer skipped: ${(err as Error).message.split('\n')[0]} (pip install onnxruntime tokenizers numpy)`;
} finally {
  rmSync(work, { recursive: true, force: true });
}

const medirRate = texts.length / medirS;
const medirCpuRate = texts.length / medirCpuS;
// Same vectors as the peer (first document), so the two did the same work.
const maxDiff = peer ? Math.max(...peer.first.map((x, d) => Math.abs(x - vectors[0][d]))) : undefined;
const rows = [
  '| model | docs | max tokens | batch | threads | medir docs/CPU-s (docs/s) | onnxruntime-Python docs/CPU-s (docs/s) | medir/peer (CPU) | truncated | max |Δ| first vector |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${args.model} | ${texts.length} | ${maxLength} | ${batchSize} | ${threads} | ${medirCpuRate.toFixed(1)} (${medirRate.toFixed(1)}) | ${peer ? `${peer.docsPerCpuS.toFixed(1)} (${peer.docsPerS.toFixed(1)})` : '–'} | ${peer ? (medirCpuRate / peer.docsPerCpuS).toFixed(2) : '–'} | ${embedder.truncation.truncated} | ${maxDiff?.toExponential(1) ?? '–'} |`,
];
process.stdout.write(rows.join('\n') + '\n' + (note ? note + '\n' : ''));
writeFileAtomic(
  join(PACKAGE_ROOT, 'bench', 'results', 'embed.json'),
  JSON.stringify({ date: new Date().toISOString(), model: args.model, docs: texts.length, maxLength, batchSize, threads, medir: { seconds: medirS, cpuSeconds: medirCpuS, docsPerS: medirRate, docsPerCpuS: medirCpuRate, truncated: embedder.truncation.truncated }, peer, maxDiff }, null, 2) + '\n',
);
