/** Solves `a x = b` by Gaussian elimination with partial pivoting, on copies (the systems here are small: one row per model or feature). */
export function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const a = matrix.map((row) => [...row]);
  const b = [...rhs];
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/** The diagonal of a symmetric positive-definite matrix's inverse (variances from an information matrix). */
export function inverseDiagonal(matrix: readonly (readonly number[])[]): number[] {
  return matrix.map((_, i) => solve(matrix, matrix.map((__, k) => (k === i ? 1 : 0)))[i]);
}
