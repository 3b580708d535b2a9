import { inverseDiagonal, solve } from './linear.js';

export interface LogisticFit {
  /** One weight per column of X, then the intercept last when fitted with one. */
  coefficients: number[];
  /** Standard errors from the inverse Fisher information at the fit. */
  se: number[];
  iterations: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function logisticProbability(fit: LogisticFit, x: readonly number[]): number {
  let z = fit.coefficients[x.length] ?? 0;
  for (let k = 0; k < x.length; k++) z += fit.coefficients[k] * x[k];
  return sigmoid(z);
}

/**
 * Logistic regression by Newton's method (IRLS), with or without an intercept, with a tiny ridge
 * penalty on the weights (not the intercept) so separable data still converge. Standard errors come
 * from the inverse information matrix, as statsmodels reports them.
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], opts: { intercept?: boolean; ridge?: number } = {}, maxIterations = 100): LogisticFit {
  const intercept = opts.intercept ?? true;
  const ridge = opts.ridge ?? 1e-6;
  const features = x[0]?.length ?? 0;
  const p = features + Number(intercept);
  const beta = new Array<number>(p).fill(0);
  const row = (i: number) => (intercept ? [...x[i], 1] : [...x[i]]);
  let info: number[][] = [];
  for (let iter = 1; iter <= maxIterations; iter++) {
    const grad = beta.map((b, k) => (k < features ? -ridge * b : 0));
    info = Array.from({ length: p }, (_, k) => Array.from({ length: p }, (__, l) => (k === l && k < features ? ridge : 0)));
    for (let i = 0; i < x.length; i++) {
      const r = row(i);
      const mu = sigmoid(r.reduce((s, v, k) => s + v * beta[k], 0));
      const w = mu * (1 - mu);
      for (let k = 0; k < p; k++) {
        grad[k] += (y[i] - mu) * r[k];
        for (let l = k; l < p; l++) info[k][l] += w * r[k] * r[l];
      }
    }
    for (let k = 0; k < p; k++) for (let l = 0; l < k; l++) info[k][l] = info[l][k];
    const step = solve(info, grad);
    for (let k = 0; k < p; k++) beta[k] += step[k];
    if (Math.max(...step.map(Math.abs)) < 1e-10) return { coefficients: beta, se: inverseDiagonal(info).map(Math.sqrt), iterations: iter };
  }
  return { coefficients: beta, se: inverseDiagonal(info).map(Math.sqrt), iterations: maxIterations };
}
