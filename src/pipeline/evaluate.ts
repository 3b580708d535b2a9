import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Qrels } from '../core/types.js';
import { evaluate as evaluateRun, type EvalResult } from '../evaluate/evaluate.js';
import { resolvePolicy, type EvalPolicy } from '../evaluate/policy.js';
import { reportPolicy } from '../evaluate/report-spec.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import { MEDIR_VERSION, provenanceStamp } from '../provenance/provenance.js';
import { cachedStage, stageKey, type StageRun } from './stage-cache.js';

/** What the evaluate stage keeps of an evaluation: every number, the policy, the counts. */
export type Scores = Pick<EvalResult, 'names' | 'perQuery' | 'mean' | 'policy' | 'numQueries' | 'judged' | 'missing'>;

/** The identity of a set of judgments: every (query, document, relevance), in sorted order. */
export function qrelsKey(qrels: Qrels): string {
  const hash = createHash('sha256');
  for (const qid of [...qrels.keys()].sort()) {
    for (const [doc, rel] of [...qrels.get(qid)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${qid}\0${doc}\0${rel}\n`);
  }
  return hash.digest('hex').slice(0, 24);
}

const SCORES_IO = {
  async read(dir: string): Promise<Scores> {
    const s = JSON.parse(readFileSync(join(dir, 'scores.json'), 'utf8')) as Omit<Scores, 'perQuery' | 'mean'> & { perQuery: Record<string, Record<string, number>>; mean: Record<string, number> };
    return { ...s, mean: new Map(Object.entries(s.mean)), perQuery: new Map(Object.entries(s.perQuery).map(([q, v]) => [q, new Map(Object.entries(v))])) };
  },
  async write(dir: string, s: Scores): Promise<void> {
    const perQuery = Object.fromEntries([...s.perQuery].map(([q, v]) => [q, Object.fromEntries(v)]));
    writeFileAtomic(join(dir, 'scores.json'), JSON.stringify({ ...s, mean: Object.fromEntries(s.mean), perQuery }) + '\n');
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify({ ...provenanceStamp(), policy: s.policy }, null, 2) + '\n');
  },
};

/**
 * The evaluate stage: (run, qrels, measures, policy) → scores. The policy is medir's report policy
 * with `policy` on top (src/evaluate/report-spec.ts); the key is the run's key, the qrels' and both.
 */
/** The stage key of evaluating the run stored under `runKey`, computed without evaluating (`medir experiment plan`). */
export function evaluateKey(runKey: string, qrels: Qrels, measures: readonly string[], policy: Partial<EvalPolicy>): string {
  return stageKey('evaluate', [runKey, qrelsKey(qrels)], { measures, policy: resolvePolicy(reportPolicy(policy)), medir: MEDIR_VERSION });
}

export async function evaluate(run: StageRun, qrels: Qrels, measures: readonly string[], policy: Partial<EvalPolicy>, loc: Pick<Locations, 'cache'>): Promise<Scores> {
  const resolved = resolvePolicy(reportPolicy(policy));
  const key = evaluateKey(run.key, qrels, measures, policy);
  return cachedStage(loc, 'evaluate', key, SCORES_IO, async () => {
    const { names, perQuery, mean, numQueries, judged, missing } = evaluateRun(qrels, run.run, measures, resolved);
    return { names, perQuery, mean, policy: resolved, numQueries, judged, missing };
  });
}
