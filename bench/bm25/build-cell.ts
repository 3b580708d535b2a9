/**
 * One BM25 build in its own process, for build-threads.ts (a real `medir index` starts its
 * threads once too):  tsx bench/bm25/build-cell.ts SPEC.json  →  one JSON object on stdout.
 * SPEC: {"kind": "text"|"zipf", files as in cell.ts, "threads": N, "minDocs": N}. The corpus is
 * read into memory before the clock starts; wall and CPU seconds (every thread) cover the build
 * alone; the index is then saved and its files hashed, so thread counts can be checked for
 * identical bytes. Each thread's profile is in CPU seconds of that thread (`profileClock`).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../../src/analyze/registry.js';
import { saveFastIndex } from '../../src/retrieve/bm25/format.js';
import { buildFastIndex, type BuildOptions } from '../../src/retrieve/bm25/parallel-build.js';
import { zipfDocuments } from './zipf.js';
import { cpuSeconds } from '../cpu.js';

interface Spec {
  kind: 'text' | 'zipf';
  docs?: string;
  tokens?: string;
  offsets?: string;
  threads: number;
  minDocs: number;
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec;
const language = spec.kind === 'text' ? 'en' : 'plain';
const docs =
  spec.kind === 'text'
    ? readFileSync(spec.docs!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string })
    : zipfDocuments(spec.tokens!, spec.offsets!);
const report: NonNullable<BuildOptions['report']> = { seconds: {}, cpuClock: true };
const cpu = cpuSeconds();
const start = performance.now();
const index = await buildFastIndex(toAsync(docs), { variant: 'lucene', params: { k1: 1.5, b: 0.75, delta: 0.5 }, analyzer: createAnalyzer(language), language, threads: spec.threads }, { minDocs: spec.minDocs, report });
const wall = (performance.now() - start) / 1000;
const cpuUsed = cpuSeconds() - cpu;
const dir = mkdtempSync(join(tmpdir(), 'medir-bench-build-'));
saveFastIndex(dir, index);
const hash = createHash('sha256');
for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ documents: index.documents, wall_s: wall, cpu_s: cpuUsed, phases: report.seconds, batches: report.batches, threads: report.threads, sha256: hash.digest('hex') }) + '\n');
