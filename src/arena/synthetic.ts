import { seededRandom } from '../evaluate/stats/random.js';
import { FEATURE_NAMES, type AnswerFeatures, type FeatureName } from './features/features.js';
import { parseJudgment, type Judgment } from './judgments.js';
import { allPairs } from './pairs.js';

/**
 * A seeded synthetic arena with a known answer: each answer's features are standard normal (the
 * first one shifted per system, so the systems have an order), and each pair's verdict is drawn from
 * logistic(w · (features A − features B)). A weight of 0 makes a pure-noise feature. Used to check
 * that the surrogate judge recovers w (test/arena/surrogate.test.ts, bench/arena).
 */
export function syntheticArena(opts: { seed: number; features: readonly FeatureName[]; weights: readonly number[]; queries: number; systems: number }) {
  const random = seededRandom(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const systems = Array.from({ length: opts.systems }, (_, i) => `s${i + 1}`);
  const offset = (i: number) => ((opts.systems - 1) / 2 - i) * 0.4;
  const table: AnswerFeatures[] = [];
  const judgments: Judgment[] = [];
  let line = 0;
  for (let q = 0; q < opts.queries; q++) {
    const queryId = `q${q}`;
    const x = new Map<string, number[]>();
    systems.forEach((system, i) => {
      const v = opts.features.map(() => gauss());
      v[0] += offset(i);
      x.set(system, v);
      const values = Object.fromEntries(FEATURE_NAMES.map((n) => [n, null])) as Record<FeatureName, number | null>;
      opts.features.forEach((n, k) => (values[n] = v[k]));
      table.push({ queryId, system, detectedLang: '', values });
    });
    for (const [a, b] of allPairs(systems)) {
      const [xa, xb] = [x.get(a)!, x.get(b)!];
      const z = opts.weights.reduce((sum, w, k) => sum + w * (xa[k] - xb[k]), 0);
      const verdict = random() < 1 / (1 + Math.exp(-z)) ? 'A' : 'B';
      judgments.push(parseJudgment({ query_id: queryId, judge: 'synthetic', model_A: a, model_B: b, verdict }, 'synthetic', ++line));
    }
  }
  return { systems, table, judgments };
}
