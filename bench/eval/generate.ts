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
    const ranked = new Set<string>();
    while (ranked.size < depth) ranked.add(doc());
    const docs = [...ranked];
    let judged = '';
    for (let j = 0; j < 30; j++) {
      const id = j < 20 ? docs[Math.floor(random() * depth)] : `X${qid}-${j}`;
      if (judged.includes(` ${id} `)) continue;
      judged += `${qid} 0 ${id} ${Math.floor(random() * 4)}\n`;
    }
    let score = 10;
    let lines = '';
    for (let r = 0; r < depth; r++) {
      score -= random() * 0.009;
      lines += `${qid} Q0 ${docs[r]} ${r + 1} ${score.toFixed(4)} run\n`;
    }
    if (!qrels.write(judged)) await once(qrels, 'drain');
    if (!run.write(lines)) await once(run, 'drain');
  }
  qrels.end();
  run.end();
  await Promise.all([once(qrels, 'finish'), once(run, 'finish')]);
  return { qrels: qrelsFile, run: runFile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, queries, depth] = process.argv.slice(2);
  console.log(await generate(dir ?? 'bench/results/eval-data', queries ? Number(queries) : undefined, depth ? Number(depth) : undefined));
}
