/**
 * Writes the bench data set of issue 6 part 5, deterministically: 10,000 queries × 1,000 retrieved
 * documents (a ~314 MB TREC run, sorted by query and score as retrieval writes it) and graded qrels
 * with 30 judged documents per query (relevance 0–3; 20 of them inside the run, 10 outside).
 *   tsx bench/eval/generate.ts DIR [QUERIES] [DEPTH]   →   DIR/bench.qrels, DIR/bench.run
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { seededRandom } from '../../src/evaluate/stats/random.js';
import { readLines } from '../../src/io/lines.js';

export async function generate(dir: string, queries = 10_000, depth = 1_000): Promise<{ qrels: string; run: string }> {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(2026);
  const qrelsFile = join(dir, 'bench.qrels');
  const runFile = join(dir, 'bench.run');
  const qrels = createWriteStream(qrelsFile);
  const run = createWriteStream(runFile);
  const doc = () => `D${Math.floor(random() * 9e5 + 1e5)}`;
  for (let q = 1; q <= queries; q++) {
    const qid = String(10000 + q);
    const unique = new Set<string>();
    while (unique.size < depth) unique.add(doc());
    const docs = [...unique];
    let judged = '';
    for (let j = 0; j < 30; j++) {
      const id = j < 20 ? docs[Math.floor(random() * depth)] : `X${qid}-${j}`;
      if (judged.includes(` ${id} `)) continue;
      judged += `${qid} 0 ${id} ${Math.floor(random() * 4)}\n`;
    }
    // Scores with 4 decimals tie now and then; ties are written in trec_eval's order (docid
    // descending), as medir's writeRun does, so the file is sorted the way retrieval writes it.
    let score = 10;
    const ranked = docs.map((docId) => ({ docId, score: (score -= random() * 0.009).toFixed(4) }));
    ranked.sort((a, b) => Number(b.score) - Number(a.score) || (a.docId < b.docId ? 1 : a.docId > b.docId ? -1 : 0));
    let lines = '';
    ranked.forEach((d, r) => (lines += `${qid} Q0 ${d.docId} ${r + 1} ${d.score} run\n`));
    if (!qrels.write(judged)) await once(qrels, 'drain');
    if (!run.write(lines)) await once(run, 'drain');
  }
  qrels.end();
  run.end();
  await Promise.all([once(qrels, 'finish'), once(run, 'finish')]);
  return { qrels: qrelsFile, run: runFile };
}

/**
 * The same run ungrouped: the first half of every query's lines (in query order), then every second
 * half, so each query's lines come back after all the others. Two streaming passes over the sorted run.
 */
export async function splitHalves(sortedRun: string, out: string, depth: number): Promise<string> {
  const writer = createWriteStream(out);
  for (const firstHalf of [true, false]) {
    let batch = '';
    for await (const { text } of readLines(sortedRun)) {
      const rank = Number(text.split(' ')[3]);
      if (rank <= depth / 2 === firstHalf) batch += text + '\n';
      if (batch.length > 1 << 20) {
        if (!writer.write(batch)) await once(writer, 'drain');
        batch = '';
      }
    }
    if (!writer.write(batch)) await once(writer, 'drain');
  }
  writer.end();
  await once(writer, 'finish');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, queries, depth] = process.argv.slice(2);
  console.log(await generate(dir ?? 'bench/results/eval-data', queries ? Number(queries) : undefined, depth ? Number(depth) : undefined));
}
