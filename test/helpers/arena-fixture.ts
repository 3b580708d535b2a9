import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Answers of four systems to 12 queries whose length grows with the system's rank, judgments in
 * which the judge prefers the longer answer (except on two queries) with a third of the pairs left
 * unjudged, and qrels where d1 is relevant: `answers.jsonl`, `judgments.jsonl`, `qrels.txt` in `dir`.
 */
export function writeSurrogateFixture(dir: string): { answers: string; judgments: string; qrels: string } {
  const systems = ['terse', 'short', 'medium', 'long'];
  const answers: string[] = [];
  const judgments: string[] = [];
  const passages = [{ id: 'd1', text: 'relevant' }, { id: 'd2', text: 'other' }];
  for (let q = 0; q < 12; q++) {
    // Answer length grows with the system's rank plus a per-query wobble; the judge prefers the longer answer.
    const len = (s: number) => 2 + 3 * s + ((q * (s + 1)) % 3);
    systems.forEach((system, s) => answers.push(JSON.stringify({ query_id: `q${q}`, system, answer: `${'word '.repeat(len(s))}[${(s % 2) + 1}]`, passages })));
    // On two queries the judge errs and prefers the shorter answer.
    const reversed = q === 3 || q === 7;
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        if ((q + a + b) % 3 === 0) continue; // a third of the pairs left unjudged
        judgments.push(JSON.stringify({ query_id: `q${q}`, judge: 'j', model_A: systems[b], model_B: systems[a], verdict: (len(b) > len(a)) !== reversed ? 'A' : 'B' }));
      }
    }
  }
  const files = { answers: join(dir, 'answers.jsonl'), judgments: join(dir, 'judgments.jsonl'), qrels: join(dir, 'qrels.txt') };
  writeFileSync(files.answers, answers.join('\n') + '\n');
  writeFileSync(files.judgments, judgments.join('\n') + '\n');
  writeFileSync(files.qrels, Array.from({ length: 12 }, (_, q) => `q${q} 0 d1 1`).join('\n') + '\n');
  return files;
}
