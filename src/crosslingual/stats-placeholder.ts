// TEMPORARY until src/evaluate/stats lands: replaced by its paired t-test and bootstrap.
function lgamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const ci of c) ser += ci / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}
function betacf(a: number, b: number, x: number): number {
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d; c = 1 + aa / c; d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d; c = 1 + aa / c; d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}
function ibeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betacf(a, b, x)) / a : 1 - (bt * betacf(b, a, 1 - x)) / b;
}
function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
export const STATS_PLACEHOLDER = {
  pairedT(a: number[], b: number[]): number {
    const n = a.length;
    const d = a.map((x, i) => x - b[i]);
    const m = d.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
    if (n < 2) return NaN;
    if (sd === 0) return m === 0 ? 1 : 0;
    const t = m / (sd / Math.sqrt(n));
    const df = n - 1;
    return ibeta(df / 2, 0.5, df / (df + t * t));
  },
  bootstrap(diffs: number[], s: { samples: number; level: number; seed: number }): [number, number] {
    const rand = mulberry32(s.seed);
    const n = diffs.length;
    const means = new Float64Array(s.samples);
    for (let i = 0; i < s.samples; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += diffs[Math.floor(rand() * n)];
      means[i] = sum / n;
    }
    means.sort();
    const lo = means[Math.floor(((1 - s.level) / 2) * (s.samples - 1))];
    const hi = means[Math.ceil((1 - (1 - s.level) / 2) * (s.samples - 1))];
    return [lo, hi];
  },
};
