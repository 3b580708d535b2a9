const count = 100_000, dim = 384;
let s = 1; const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
const data = Float32Array.from({ length: count * dim }, rand);
const q = Float32Array.from({ length: dim }, rand);
function scan1(data: Float32Array, q: Float32Array, count: number, dim: number, out: Float32Array) {
  for (let r = 0; r < count; r++) { const o = r * dim; let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let d = 0; d < dim; d += 4) { s0 += data[o + d] * q[d]; s1 += data[o + d + 1] * q[d + 1]; s2 += data[o + d + 2] * q[d + 2]; s3 += data[o + d + 3] * q[d + 3]; }
    out[r] = s0 + s1 + s2 + s3; }
}
function scan2(data: Float32Array, q: Float32Array, count: number, dim: number, out: Float32Array) {
  for (let r = 0; r < count; r++) { const o = r * dim; let s0 = 0;
    for (let d = 0; d < dim; d++) s0 += data[o + d] * q[d];
    out[r] = s0; }
}
const out = new Float32Array(count);
for (const [name, f] of [['unroll4', scan1], ['plain', scan2], ['unroll4', scan1], ['plain', scan2]] as const) {
  f(data, q, count, dim, out);
  const t = performance.now(); for (let i = 0; i < 5; i++) f(data, q, count, dim, out); const ms = (performance.now() - t) / 5;
  console.log(name, ms.toFixed(1), 'ms', (count * dim * 4 / ms / 1e6).toFixed(2), 'GB/s');
}
