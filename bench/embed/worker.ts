// Child of bench/embed/run.ts: embeds the texts of a JSONL file (one JSON string a line) with
// medir's embedder and the options given as JSON, and prints what it measured as one JSON line.
//   npx tsx bench/embed/worker.ts TEXTS.jsonl '{"model":…,"maxLength":256,"dtype":"fp32","batchSize":32,"threads":2,"spinning":false}'
import { readFileSync } from 'node:fs';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const [textsFile, json] = process.argv.slice(2);
const texts = readFileSync(textsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string);
const o = JSON.parse(json) as { model: string; maxLength: number; dtype: 'fp32' | 'q8'; batchSize: number; threads: number; spinning: boolean };
const embedder = await loadEmbedder(o.model, resolveLocations(), { maxLength: o.maxLength, dtype: o.dtype }, { batchSize: o.batchSize, threads: o.threads, spinning: o.spinning });
const start = performance.now();
const cpuStart = process.cpuUsage();
const vectors = await embedder.embedDocuments(texts);
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  JSON.stringify({
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    docs: texts.length,
    tokens: embedder.tokens,
    truncated: embedder.truncation.truncated,
    first: Array.from(vectors[0].slice(0, 8)),
  }) + '\n',
);
