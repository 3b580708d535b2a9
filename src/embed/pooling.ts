import type { Pooling } from '../mirror/cards.js';

/**
 * Scales a vector to unit length in place. A zero vector (e.g. a text with no known GloVe word)
 * stays zero: its cosine with anything is then 0, never NaN.
 */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  if (sum === 0) return v;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/**
 * Sentence vectors from a model's token states `[batch, seq, dim]`: the mean of the tokens the
 * attention mask keeps, or the first ([CLS]) token; then optional L2 normalisation.
 */
export function poolTokens(
  hidden: Float32Array,
  mask: ArrayLike<bigint | number>,
  [batch, seq, dim]: readonly number[],
  pooling: Pooling,
  normalize: boolean,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dim);
    const base = b * seq * dim;
    if (pooling === 'cls') {
      v.set(hidden.subarray(base, base + dim));
    } else {
      let kept = 0;
      for (let t = 0; t < seq; t++) {
        if (Number(mask[b * seq + t]) === 0) continue;
        kept++;
        const row = base + t * dim;
        for (let d = 0; d < dim; d++) v[d] += hidden[row + d];
      }
      if (kept > 0) for (let d = 0; d < dim; d++) v[d] /= kept;
    }
    out.push(normalize ? normalizeInPlace(v) : v);
  }
  return out;
}
