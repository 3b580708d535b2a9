import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { formatTrecEval } from '../../src/evaluate/format/trec-eval.js';
import { readQrels } from '../../src/formats/qrels.js';
import { mirrorSearchPath } from '../../src/mirror/locations.js';

/** trec_eval 10.0 outputs (`-q -m all_trec`, with and without -c) in the mirror's golden folder. */
const golden = mirrorSearchPath()
  .map((m) => join(m, 'golden', 'trec_eval'))
  .find((dir) => existsSync(dir));

async function medir(name: string, complete: boolean): Promise<string> {
  const qrels = await readQrels(join(golden!, `${name}.qrels`));
  return formatTrecEval(await evaluateRunFile(qrels, join(golden!, `${name}.run`), 'all_trec', { complete }), true);
}

describe('all_trec output equals trec_eval 10.0 byte for byte', () => {
  it('finds the golden folder in the mirror', () => {
    expect(golden, 'no golden/trec_eval in the mirror search path').toMatch(/golden\/trec_eval$/);
    for (const name of ['A', 'B', 'C']) for (const ext of ['qrels', 'run', 'all_trec.q.c.txt']) expect(existsSync(join(golden!, `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
  });

  it.each([
    ['A', true],
    ['A', false],
    ['B', true],
    ['C', true],
    ['C', false],
  ] as const)('case %s, complete=%s', async (name, complete) => {
    const expected = readFileSync(join(golden!, `${name}.all_trec.q${complete ? '.c' : ''}.txt`), 'utf8');
    const got = await medir(name, complete);
    // Line-level diff first for a readable failure, then the whole text byte for byte.
    expect(got.split('\n')).toEqual(expected.split('\n'));
    expect(got).toBe(expected);
  });

  it('case B without -c skips the 5 judged queries missing from the run (trec_eval 9 behaviour)', async () => {
    const out = await medir('B', false);
    const withC = readFileSync(join(golden!, 'B.all_trec.q.c.txt'), 'utf8');
    expect(out).toMatch(/^num_q {17}\tall\t25$/m);
    expect(withC).toMatch(/^num_q {17}\tall\t30$/m);
    const perQuery = new Set(out.split('\n').map((l) => l.split('\t')[1]).filter((q) => q && q !== 'all'));
    expect(perQuery.size).toBe(25);
    // A query present in the run has the same lines with or without -c.
    const q1 = (text: string) => text.split('\n').filter((l) => l.split('\t')[1] === '1');
    expect(q1(out)).toEqual(q1(withC));
  });
});
