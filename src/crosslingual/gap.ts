import { mean } from '../evaluate/stats/paired.js';
import { bootstrapCi, pairedTest, type PairedTestName } from '../evaluate/stats/registry.js';
import { pairs, type ParallelQueries } from './parallel.js';
import type { Gap } from './report.js';

export interface GapSettings {
  /** Paired test over the groups (`--test`). */
  test: PairedTestName;
  /** Bootstrap resamples of the groups (and permutations of the randomization test). */
  samples: number;
  /** 1 − confidence level of the interval. */
  alpha: number;
  seed: number;
}

export const DEFAULT_GAP: GapSettings = { test: 'paired-t', samples: 10_000, alpha: 0.05, seed: 42 };

/** How p-values and intervals are computed, for the report's header. */
export function gapMethod(s: GapSettings): { test: string; bootstrap: string } {
  return {
    test: `${s.test} test over the parallel groups (two-sided)`,
    bootstrap: `percentile bootstrap of the mean paired difference, ${s.samples} resamples of the groups, ${Math.round((1 - s.alpha) * 100)}% level, seed ${s.seed}`,
  };
}

/**
 * `lang`'s score minus `reference`'s over the groups asked in both languages (a query without a
 * value scores 0, as trec_eval -c counts it); relative = absolute / the reference's mean there.
 */
export function languageGap(values: ReadonlyMap<string, number>, parallel: ParallelQueries, lang: string, reference: string, s: GapSettings): Gap {
  const paired = pairs(parallel, lang, reference);
  const a = paired.map((p) => values.get(p.a) ?? 0);
  const b = paired.map((p) => values.get(p.b) ?? 0);
  const test = pairedTest(s.test, a, b, { seed: s.seed, samples: s.samples, permutations: s.samples, alpha: s.alpha });
  const ci = bootstrapCi(a.map((x, i) => x - b[i]), { samples: s.samples, seed: s.seed, alpha: s.alpha });
  const refMean = mean(b);
  return {
    absolute: test.meanDiff,
    relative: refMean === 0 ? NaN : test.meanDiff / refMean,
    p: test.p,
    ci: [ci.low, ci.high],
    pairs: paired.length,
  };
}
