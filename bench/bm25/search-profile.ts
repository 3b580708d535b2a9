/**
 * Where a BM25 query's CPU time goes (issue 20): V8's sampling profiler (node:inspector) over the
 * fast engine's searches of one corpus's queries, repeated for a few CPU seconds; self time per
 * function, counting only samples taken inside FastIndex.search (not the index build).
 *   npx tsx bench/bm25/search-profile.ts [--corpus scifact] [--k 10] [--seconds 6]
 * Prints the table and writes bench/results/bm25-search-profile.json. The shares are what to make
 * faster; the µs per query beside them is this process's CPU time, like the other benches'.
 */
import { Session, type Profiler } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { cpuSeconds } from '../cpu.js';
import { searchCorpus } from './corpora.js';

const CORPORA = ['nfcorpus', 'scifact', 'zipf-50k', 'zipf-500k'];
/** The flags, or exit 2 naming the one that is wrong (parseArgs names an unknown or valueless one). */
function flags() {
  try {
    return parseArgs({ options: { corpus: { type: 'string', default: 'scifact' }, k: { type: 'string', default: '10' }, seconds: { type: 'string', default: '6' } } }).values;
  } catch (e) {
    console.error(`bench/bm25/search-profile: ${(e as Error).message}`);
    process.exit(2);
  }
}
const args = flags();
const k = Number(args.k);
const seconds = Number(args.seconds);
const problems = [
  ...(CORPORA.includes(args.corpus) ? [] : [`--corpus ${args.corpus}: valid: ${CORPORA.join(', ')}`]),
  ...(Number.isInteger(k) && k >= 1 ? [] : [`--k takes a whole number ≥ 1, got ${args.k}`]),
  ...(seconds > 0 ? [] : [`--seconds takes a positive number, got ${args.seconds}`]),
];
if (problems.length) {
  console.error(`bench/bm25/search-profile: ${problems.join('; ')}`);
  process.exit(2);
}

const { index, queries } = await searchCorpus(args.corpus);
for (const q of queries) index.search(q, k); // compiled before the profile starts

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const start = cpuSeconds();
let searched = 0;
while (cpuSeconds() - start < seconds) {
  for (const q of queries) index.search(q, k);
  searched += queries.length;
}
const usPerQuery = ((cpuSeconds() - start) * 1e6) / searched;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

// The kernel's WebAssembly functions carry no names: they are numbered in the order kernel.ts declares
// them, and V8 may inline one into its JS-to-wasm wrapper, named by its signature (i32 i32 f64 … → i32).
const WASM_NAMES: Record<string, string> = {
  'wasm-function[0]': 'addRow (WebAssembly)',
  'js-to-wasm:iiii:': 'addRow (WebAssembly)',
  'wasm-function[1]': 'collect (WebAssembly)',
  'js-to-wasm:iidiii:i': 'collect (WebAssembly)',
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inSearch = new Map<number, boolean>();
/** Whether the node or one of its callers is FastIndex.search. */
function underSearch(id: number): boolean {
  const known = inSearch.get(id);
  if (known !== undefined) return known;
  const frame = byId.get(id)!.callFrame;
  const up = parent.get(id);
  const answer = (frame.functionName === 'search' && frame.url.endsWith('fast-index.ts')) || (up !== undefined && underSearch(up));
  inSearch.set(id, answer);
  return answer;
}
const label = (n: Profiler.ProfileNode) => WASM_NAMES[n.callFrame.functionName] ?? `${n.callFrame.functionName || '(anonymous)'} (${n.callFrame.url.split('/').pop() || 'V8'})`;
const self = new Map<string, number>();
let total = 0;
for (const id of profile.samples ?? []) {
  if (!underSearch(id)) continue;
  total++;
  const name = label(byId.get(id)!);
  self.set(name, (self.get(name) ?? 0) + 1);
}
if (total === 0) {
  console.error('bench/bm25/search-profile: the profiler took no sample inside FastIndex.search');
  process.exit(1);
}
const rows = [...self].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, share: n / total, us: (usPerQuery * n) / total }));
const load = loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`${args.corpus}, k = ${k}: ${index.documents} documents, ${queries.length} queries searched ${searched / queries.length} times; ${usPerQuery.toFixed(2)} CPU µs a query; ${total} samples in search; load average ${load}\n`);
console.log(formatTable(['function (self time)', 'share', 'µs a query'], rows.map((r) => [r.name, `${(100 * r.share).toFixed(1)}%`, r.us.toFixed(2)])));
writeFileAtomic(
  join('bench', 'results', 'bm25-search-profile.json'),
  JSON.stringify({ createdAt: new Date().toISOString(), corpus: args.corpus, k, documents: index.documents, queries: queries.length, usPerQuery, samples: total, load, rows }, null, 2) + '\n',
);
