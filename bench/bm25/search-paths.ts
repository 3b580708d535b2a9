/**
 * Which way a query should go (issue 20): the two settings of SEARCH_TUNING, measured.
 *  1. denseShare — each corpus's queries binned by postings per document; every bin timed on the
 *     tracked path (the documents a query touches) and on the kernel's (the whole accumulator),
 *     two indexes over the same postings tuned to send every query one way.
 *  2. chunkDocs — on corpora above one block, the kernel's queries at k = 10 and 1000 summed over
 *     the whole accumulator at once against blocks of 2^15–2^18 documents.
 * CPU µs per query, the fastest of 5 alternating passes; results checked equal across settings.
 *   npx tsx bench/bm25/search-paths.ts [--only nfcorpus,scifact,zipf-50k,zipf-500k]
 * Prints the tables and writes bench/results/bm25-search-paths.json. One thread, no peer: the
 * figures are ratios of medir's own paths, the peer comparison is bench/bm25/run.ts.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { FastIndex, SEARCH_TUNING, type SearchTuning } from '../../src/retrieve/bm25/fast-index.js';
import { cpuSeconds } from '../cpu.js';
import { searchCorpus } from './corpora.js';

const CORPORA = ['nfcorpus', 'scifact', 'zipf-50k', 'zipf-500k'];
const { values: args } = parseArgs({ options: { only: { type: 'string', default: CORPORA.join(',') } } });
const only = args.only.split(',');
const unknown = only.filter((c) => !CORPORA.includes(c));
if (unknown.length) {
  console.error(`bench/bm25/search-paths: unknown corpus ${unknown.join(', ')}; valid: ${CORPORA.join(', ')}`);
  process.exit(2);
}
const PASSES = 5;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();

/** CPU µs per query of each index over the same queries (fastest of PASSES alternating passes), after checking they agree. */
function time(indexes: FastIndex[], queries: Int32Array[], k: number): number[] {
  const first = queries.map((q) => indexes[0].search(q, k));
  for (const index of indexes.slice(1)) {
    queries.forEach((q, i) => {
      const hits = index.search(q, k);
      if (hits.docs.join() !== first[i].docs.join() || hits.scores.join() !== first[i].scores.join()) throw new Error(`query ${i}: the settings disagree at k = ${k}`);
    });
  }
  const best = indexes.map(() => Infinity);
  for (let pass = 0; pass < PASSES; pass++) {
    indexes.forEach((index, j) => {
      const start = cpuSeconds();
      for (const q of queries) index.search(q, k);
      best[j] = Math.min(best[j], ((cpuSeconds() - start) * 1e6) / queries.length);
    });
  }
  return best;
}

const pathRows: string[][] = [];
const chunkRows: string[][] = [];
const results: Record<string, unknown>[] = [];
const CHUNKS = [1 << 15, 1 << 16, 1 << 17, 1 << 18];
for (const name of only) {
  const { index, queries } = await searchCorpus(name);
  const n = index.documents;
  const tuned = (tuning: SearchTuning) => new FastIndex(index.data, tuning);
  // share 0: every query tracked; Infinity: every query through the kernel
  const paths = [tuned({ denseShare: 0 }), tuned({ denseShare: Infinity })];
  const { termPtr } = index.data;
  const bins = new Map<number, Int32Array[]>();
  for (const q of queries) {
    let postings = 0;
    for (const t of q) postings += termPtr[t + 1] - termPtr[t];
    if (postings === 0) continue;
    // bins of postings per document: [1/256, 1/128), …, [1/2, 1), with everything beyond in the ends
    const bin = Math.min(-1, Math.max(-8, Math.floor(Math.log2(postings / n))));
    bins.set(bin, [...(bins.get(bin) ?? []), q]);
  }
  for (const [bin, qs] of [...bins].sort((a, b) => a[0] - b[0])) {
    const [tracked, kernel] = time(paths, qs, 10);
    const range = `${bin === -8 ? '<' : ''} 1/${2 ** -bin}${bin === -1 ? '+' : ''}`;
    pathRows.push([name, range, String(qs.length), tracked.toFixed(1), kernel.toFixed(1), (tracked / kernel).toFixed(2)]);
    results.push({ corpus: name, setting: 'denseShare', postingsPerDocFrom: 2 ** bin, queries: qs.length, trackedUs: tracked, kernelUs: kernel });
  }
  if (n > CHUNKS[0]) {
    const dense = queries.filter((q) => q.length > 0);
    // the whole accumulator at once (one block of every document) against blocks
    const blocks = [tuned({ denseShare: Infinity, chunkDocs: n }), ...CHUNKS.filter((c) => c < n).map((chunkDocs) => tuned({ denseShare: Infinity, chunkDocs }))];
    for (const k of [10, 1000]) {
      const [whole, ...chunked] = time(blocks, dense, k);
      chunked.forEach((us, j) => {
        chunkRows.push([name, String(k), String(CHUNKS[j]), whole.toFixed(1), us.toFixed(1), (whole / us).toFixed(2)]);
        results.push({ corpus: name, setting: 'chunkDocs', k, chunkDocs: CHUNKS[j], queries: dense.length, wholeUs: whole, chunkedUs: us });
      });
    }
  }
}
console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${load()}; defaults: denseShare ${SEARCH_TUNING.denseShare}, chunkDocs ${SEARCH_TUNING.chunkDocs}`);
console.log('\nk = 10: tracked path against the kernel, CPU µs per query (tracked / kernel > 1: the kernel wins)\n');
console.log(formatTable(['corpus', 'postings per document from', 'queries', 'tracked µs', 'kernel µs', 'tracked / kernel'], pathRows));
if (chunkRows.length) {
  console.log('\nthe kernel over the whole accumulator against blocks of documents, CPU µs per query (whole / blocks > 1: blocks win)\n');
  console.log(formatTable(['corpus', 'k', 'block documents', 'whole µs', 'blocks µs', 'whole / blocks'], chunkRows));
}
writeFileAtomic(join('bench', 'results', 'bm25-search-paths.json'), JSON.stringify({ createdAt: new Date().toISOString(), load: { before: loadBefore, after: load() }, results }, null, 2) + '\n');
