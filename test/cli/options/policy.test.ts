import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyFrom } from '../../../src/cli/options/policy.js';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { missingQueriesNote, REPORT_SPECS } from '../../../src/evaluate/report-spec.js';
import { mirrorSearchPath } from '../../../src/mirror/locations.js';
import { medir } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const golden = mirrorSearchPath().map((m) => join(m, 'golden', 'trec_eval')).find((d) => existsSync(d))!;

describe('one evaluation policy, said out loud', () => {
  it("medir's reports count missing queries as 0; trec_eval's format skips them unless -c", () => {
    expect(policyFrom({}).complete).toBe(true);
    expect(policyFrom({}, { trecEval: true }).complete).toBe(false);
    expect(policyFrom({ complete: true }, { trecEval: true }).complete).toBe(true);
    expect(policyFrom({ skipMissing: true }).complete).toBe(false);
    expect(policyFrom({ relevanceLevel: 2 }, { base: { ignoreIdenticalIds: true } })).toMatchObject({ relevanceLevel: 2, ignoreIdenticalIds: true, complete: true });
    expect(() => policyFrom({ complete: true, skipMissing: true })).toThrow(/--complete and --skip-missing exclude each other/);
  });

  it('counts judged queries missing from a run and says what was done with them', () => {
    const qrels = new Map([['q1', new Map([['d1', 1]])], ['q2', new Map([['d2', 1]])], ['q3', new Map([['d3', 1]])]]);
    const run = new Map([['q1', [{ docId: 'd1', score: 1 }]], ['other', [{ docId: 'd9', score: 1 }]]]);
    const complete = evaluate(qrels, run, REPORT_SPECS.demo.measures, policyFrom({}));
    expect(complete.mean.get('ndcg_cut_10')).toBeCloseTo(1 / 3, 12);
    expect(missingQueriesNote(complete)).toBe('2 of 3 judged queries are missing from the run: counted as 0');
    const skipped = evaluate(qrels, run, REPORT_SPECS.demo.measures, policyFrom({ skipMissing: true }));
    expect(skipped.mean.get('ndcg_cut_10')).toBe(1);
    expect(missingQueriesNote(skipped)).toBe('2 of 3 judged queries are missing from the run: skipped');
    expect(missingQueriesNote(evaluate(qrels, new Map([...run, ['q2', []], ['q3', []]]), 'map', {}))).toBeUndefined();
  });

  it('eval prints its policy and warns; compare refuses to compare intersections', () => {
    const dir = tempDir();
    // Case A's run without its first five queries.
    const lines = readFileSync(join(golden, 'A.run'), 'utf8').trim().split('\n');
    const first = [...new Set(lines.map((l) => l.split(/\s+/)[0]))].slice(0, 5);
    const partial = join(dir, 'partial.run');
    writeFileSync(partial, lines.filter((l) => !first.includes(l.split(/\s+/)[0])).join('\n') + '\n');
    const e = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', partial, '-m', 'map']);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stderr).toMatch(/warning: 5 of \d+ judged queries are missing from the run: counted as 0/);
    expect(e.stdout).toMatch(/missing queries count as 0 \(-c\)/);
    const c = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', join(golden, 'A.run'), partial, '-m', 'map', '--skip-missing']);
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/the runs rank different judged queries .*intersection/);
  });
});
