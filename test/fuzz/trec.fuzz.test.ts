import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { formatTrecEval } from '../../src/evaluate/format/trec-eval.js';
import { readQrels } from '../../src/formats/qrels.js';
import { readRun } from '../../src/formats/run.js';
import { buildTrecEval } from '../helpers/trec-eval.js';
import { bounded, expectCleanError, idArb, outcome, params, scratch } from './fuzz.js';

/**
 * Scores written in issue 13's decimal grammar, `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`, which
 * trec_eval's atof reads the same. A small pool, so ties (broken by document id) are common.
 */
const scoreArb = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('0.5', '.5', '-.25', '+3', '1.', '2.50', '1e1', '2.5E-1', '-1e+0', '10.0'),
);

/** Judgments and a run over a few queries and documents (ASCII ids: strcmp and JS order agree). */
const caseArb = fc
  .record({
    qids: fc.uniqueArray(idArb, { minLength: 1, maxLength: 4 }),
    docs: fc.uniqueArray(idArb, { minLength: 1, maxLength: 12 }),
  })
  .chain(({ qids, docs }) =>
    fc.record({
      qrels: fc.array(fc.tuple(fc.constantFrom(...qids), fc.constantFrom(...docs), fc.integer({ min: 0, max: 3 })), { maxLength: 30 }),
      run: fc.array(fc.tuple(fc.constantFrom(...qids), fc.constantFrom(...docs), scoreArb), { minLength: 1, maxLength: 40 }),
    }),
  )
  .map(({ qrels, run }) => {
    // Where trec_eval 10.0 reads correctly: one judgment and one retrieval per (query, document), and
    // every judged query in the run (it stops with "result qid … not found in qrels" otherwise).
    const retrieved = [...run];
    for (const [q, d] of qrels) if (!retrieved.some(([rq]) => rq === q)) retrieved.push([q, d, '0']);
    return {
      qrels: [...new Map(qrels.map((j) => [`${j[0]} ${j[1]}`, j])).values()],
      run: [...new Map(retrieved.map((r) => [`${r[0]} ${r[1]}`, r])).values()],
    };
  })
  .filter(({ qrels }) => qrels.length > 0);

const trecEval = buildTrecEval();
afterAll(() => {
  if ('folder' in trecEval) rmSync(trecEval.folder, { recursive: true, force: true });
});

describe.skipIf('skipped' in trecEval)('TREC run and qrels: medir equals trec_eval built from the mirror', () => {
  const dir = scratch();

  it('all_trec, per query, on generated runs with ties and every score form', async () => {
    const binary = (trecEval as { binary: string }).binary;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ qrels, run }) => {
        const qrelsFile = join(dir, 'q.qrels');
        const runFile = join(dir, 'r.run');
        writeFileSync(qrelsFile, qrels.map(([q, d, r]) => `${q} 0 ${d} ${r}\n`).join(''));
        writeFileSync(runFile, run.map(([q, d, s], i) => `${q} Q0 ${d} ${i + 1} ${s} tag\n`).join(''));
        const reference = spawnSync(binary, ['-q', '-m', 'all_trec', qrelsFile, runFile], { encoding: 'utf8' });
        expect(reference.status, reference.stderr).toBe(0);
        const ours = await bounded(async () => formatTrecEval(await evaluateRunFile(await readQrels(qrelsFile), runFile, 'all_trec', { complete: false }), true));
        expect(ours.split('\n')).toEqual(reference.stdout.split('\n'));
      }),
      params(),
    );
  });
});

describe('TREC run and qrels: an invalid line is an error naming the file and that line', () => {
  const dir = scratch();
  const runBreakages: Record<string, (cols: string[]) => string> = {
    'score not a number': (c) => [...c.slice(0, 4), 'x1', c[5]].join(' '),
    'three columns': (c) => c.slice(0, 3).join(' '),
    'score NaN': (c) => [...c.slice(0, 4), 'NaN', c[5]].join(' '),
  };
  const qrelsBreakages: Record<string, (cols: string[]) => string> = {
    'relevance not a number': (c) => [...c.slice(0, 3), 'rel'].join(' '),
    'relevance fractional': (c) => [...c.slice(0, 3), '1.5'].join(' '),
    'two columns': (c) => c.slice(0, 2).join(' '),
  };

  it('runs and qrels broken in each way, at any line', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.nat(), fc.constantFrom(...Object.keys(runBreakages)), fc.constantFrom(...Object.keys(qrelsBreakages)), async ({ qrels, run }, pick, runHow, qrelsHow) => {
        const runLines = run.map(([q, d, s], i) => [q, 'Q0', d, String(i + 1), s, 'tag']);
        const at = pick % runLines.length;
        const runFile = join(dir, 'bad.run');
        writeFileSync(runFile, runLines.map((c, i) => (i === at ? runBreakages[runHow](c) : c.join(' '))).join('\n') + '\n');
        expectCleanError(await outcome(() => readRun(runFile)), runFile, at + 1);
        const qrelsLines = qrels.map(([q, d, r]) => [q, '0', d, String(r)]);
        const qat = pick % qrelsLines.length;
        const qrelsFile = join(dir, 'bad.qrels');
        writeFileSync(qrelsFile, qrelsLines.map((c, i) => (i === qat ? qrelsBreakages[qrelsHow](c) : c.join(' '))).join('\n') + '\n');
        expectCleanError(await outcome(() => readQrels(qrelsFile)), qrelsFile, qat + 1);
      }),
      params(),
    );
  });
});
