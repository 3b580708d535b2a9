import type { ParallelQueries } from './parallel.js';
import { pairs } from './parallel.js';
import type { Gap } from './report.js';
import { STATS_PLACEHOLDER } from './stats-placeholder.js';

export interface GapSettings {
  /** Bootstrap resamples of the groups. */
  samples: number;
  /** Confidence level of the interval (0.95). */
  level: number;
  seed: number;
}

export const DEFAULT_GAP: GapSettings = { samples: 10_000, level: 0.95, seed: 42 };

/** How p-values and intervals are computed, for the report's header. */
export function GAP_METHOD(s: GapSettings): { test: string; bootstrap: string } {
  return {
    test: 'paired t-test over parallel groups (two-sided)',
    bootstrap: `percentile bootstrap of the mean paired difference, ${s.samples} resamples of the groups, ${Math.round(s.level * 100)}% level, seed ${s.seed}`,
  };
}

/**
 * `lang`'s score minus `reference`'s over the groups asked in both languages (a missing value is
 * 0, as trec_eval -c counts it). Relative = absolute / the reference's mean over those groups.
 */
export function languageGap(values: ReadonlyMap<string, number>, parallel: ParallelQueries, lang: string, reference: string, s: GapSettings): Gap {
  const paired = pairs(parallel, lang, reference);
  const a = paired.map((p) => values.get(p.a) ?? 0);
  const b = paired.map((p) => values.get(p.b) ?? 0);
  const diffs = a.map((x, i) => x - b[i]);
  const absolute = mean(diffs);
  const refMean = mean(b);
  return {
    absolute,
    relative: refMean === 0 ? NaN : absolute / refMean,
    p: STATS_PLACEHOLDER.pairedT(a, b),
    ci: STATS_PLACEHOLDER.bootstrap(diffs, s),
    pairs: paired.length,
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}
