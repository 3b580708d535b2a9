/**
 * Golden comparison with trec_eval 10.0 itself, built from the mirror's source in a temp folder: on
 * files exercising every input form both accept (extra fields, comments, blank lines, CRLF, tabs,
 * leading spaces, every score notation, ties, large relevance values, a changing tag), medir's
 * `--per-query --format trec_eval` output is byte for byte trec_eval's. Skipped with a message where
 * gcc or make are missing (CI has both).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { formatTrecEval } from '../../src/evaluate/format/trec-eval.js';
import { readQrels } from '../../src/formats/qrels.js';
import { buildTrecEval } from '../helpers/trec-eval.js';

const built = buildTrecEval();
const trecEval = 'binary' in built ? built : undefined;
if (!trecEval) console.warn(`trec_eval golden comparison skipped: ${'skipped' in built ? built.skipped : ''}`);
afterAll(() => trecEval && rmSync(trecEval.folder, { recursive: true, force: true }));

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Qrels and run in every accepted form; scores repeat so that ties (broken by docid) matter. */
function inputs(): { qrels: string; run: string } {
  const next = random(13);
  const scoreForms = (s: number) => [`${s}`, `+${s}`, `${s}e0`, `${s * 10}E-1`, `${s}.`, `${s}.000`];
  let qrels = '# judgments\n';
  let run = '# a run with comments\n\n';
  for (let q = 1; q <= 12; q++) {
    for (let d = 0; d < 25; d++) {
      const rel = d % 7 === 0 ? 1000 + q : Math.floor(next() * 4) - (d % 11 === 0 ? 1 : 0);
      const sep = d % 3 === 0 ? '\t' : d % 3 === 1 ? ' ' : '  ';
      qrels += `${d % 5 === 0 ? '  ' : ''}q${q}${sep}0${sep}doc${d}${sep}${d % 4 === 0 ? `+${rel >= 0 ? rel : 0}` : rel}${d % 6 === 0 ? ' \r' : ''}\n`;
    }
    const docs = Array.from({ length: 40 }, (_, d) => d).sort(() => next() - 0.5);
    for (const [rank, d] of docs.entries()) {
      const score = Math.floor(next() * 10);
      const form = scoreForms(score)[rank % 6];
      const fraction = rank % 5 === 0 ? `.${Math.floor(next() * 1000)}` : '';
      const text = fraction && !/[.eE]/.test(form) ? `${form}${fraction}` : form;
      const tag = q === 12 && rank === docs.length - 1 ? 'last_tag' : 'tag';
      const extra = rank % 4 === 0 ? '\textra fields ignored' : '';
      run += `${rank % 9 === 0 ? ' ' : ''}q${q} Q0 doc${d} ${rank + 1} ${text} ${tag}${extra}${rank % 8 === 0 ? '\r' : ''}\n`;
      if (rank % 13 === 0) run += '\n';
    }
  }
  return { qrels, run };
}

describe.skipIf(!trecEval)('medir reads every accepted input form as trec_eval 10.0 does', () => {
  const folder = trecEval?.folder ?? '';
  const { qrels, run } = inputs();
  const qrelsFile = join(folder, 'forms.qrels');
  const runFile = join(folder, 'forms.run');
  if (trecEval) {
    writeFileSync(qrelsFile, qrels);
    writeFileSync(runFile, run);
  }

  it.each([true, false])('all_trec, per query, complete=%s', async (complete) => {
    const args = ['-q', '-m', 'all_trec', ...(complete ? ['-c'] : []), qrelsFile, runFile];
    const expected = spawnSync(trecEval!.binary, args, { encoding: 'utf8' });
    expect(expected.status, expected.stderr).toBe(0);
    const got = formatTrecEval(await evaluateRunFile(await readQrels(qrelsFile), runFile, 'all_trec', { complete }), true);
    expect(got.split('\n')).toEqual(expected.stdout.split('\n'));
    expect(got).toBe(expected.stdout);
    expect(got).toMatch(/^runid\s+\tall\tlast_tag$/m);
  });
});
