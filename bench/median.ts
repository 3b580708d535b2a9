// The median of a bench's repeats: with an even count, halfway between the middle two (numpy's
// median), not the upper one, which a table labelled "median" would misstate.
import { quantile } from '../src/evaluate/stats/bootstrap.js';

export function median(values: readonly number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}
