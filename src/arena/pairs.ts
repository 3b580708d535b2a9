import { MedirError } from '../core/errors.js';
import { shufflePassages } from '../rag/context.js';

/** Which pairs of a query's systems the judge sees: all, a seeded sample of N per query, or a knockout tournament. */
export type PairBudget = { kind: 'all' } | { kind: 'sample'; n: number } | { kind: 'tournament' };

export function parseBudget(text: string): PairBudget {
  if (text === 'all' || text === 'tournament') return { kind: text };
  const m = /^sample:(\d+)$/.exec(text);
  if (m && Number(m[1]) > 0) return { kind: 'sample', n: Number(m[1]) };
  throw new MedirError('BAD_OPTION', `--pairs: expected all, sample:N (N ≥ 1) or tournament, got '${text}'`);
}

/** Every unordered pair of systems, in sorted order. */
export function allPairs(systems: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < systems.length; i++) for (let k = i + 1; k < systems.length; k++) out.push([systems[i], systems[k]]);
  return out;
}

/** The pairs of one query under an `all` or `sample` budget; the sample is seeded per query (same pairs whatever else runs). */
export function plannedPairs(systems: readonly string[], budget: PairBudget, seed: number, queryId: string): [string, string][] {
  const pairs = allPairs(systems);
  if (budget.kind !== 'sample') return pairs;
  return shufflePassages(pairs, seed, `pairs\0${queryId}`).slice(0, budget.n);
}

/** A tournament's first-round order: the systems shuffled by (seed, query). */
export function tournamentSeeding(systems: readonly string[], seed: number, queryId: string): string[] {
  return shufflePassages(systems, seed, `tournament\0${queryId}`);
}
