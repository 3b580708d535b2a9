import { solve } from './linear.js';

/**
 * Bradley–Terry by maximum likelihood: P(i beats j) = σ(θ_i − θ_j), natural-log strengths,
 * mean-centred (the convention of choix, which MIRAGE-Bench calls). Newton's method on the exact
 * log-likelihood, so the fit is the MLE itself, not an iteration stopped early.
 */

/** Weighted wins: `wins[i][j]` = how often model i beat model j (a tie counted as half adds 0.5 to both). */
export type WinMatrix = number[][];

export type BtFit = { ok: true; theta: number[]; iterations: number } | { ok: false; reason: string };

export function emptyWins(n: number): WinMatrix {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

function reached(n: number, edge: (i: number, j: number) => boolean): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  const stack = [0];
  seen[0] = true;
  while (stack.length) {
    const i = stack.pop()!;
    for (let j = 0; j < n; j++) if (!seen[j] && edge(i, j)) (seen[j] = true), stack.push(j);
  }
  return seen;
}

/**
 * Why the MLE does not exist, or null when it does. It exists iff the "beat" graph is strongly
 * connected (Zermelo/Ford): otherwise some group never loses to the rest and its strengths run to infinity.
 */
export function whyNoMle(models: readonly string[], wins: WinMatrix): string | null {
  const n = models.length;
  if (n < 2) return 'fewer than two models';
  const won = (i: number) => wins[i].some((w) => w > 0);
  const lost = (i: number) => wins.some((row) => row[i] > 0);
  const never = (pred: (i: number) => boolean) => models.filter((_, i) => !pred(i));
  if (never(won).length) return `never wins: ${never(won).join(', ')}`;
  if (never(lost).length) return `never loses: ${never(lost).join(', ')}`;
  const forward = reached(n, (i, j) => wins[i][j] > 0);
  const backward = reached(n, (i, j) => wins[j][i] > 0);
  const apart = models.filter((_, i) => !forward[i] || !backward[i]);
  if (apart.length) return `the models split into groups that never beat each other (${apart.join(', ')} apart from ${models[0]})`;
  return null;
}

function logLikelihood(wins: WinMatrix, theta: readonly number[]): number {
  let ll = 0;
  for (let i = 0; i < theta.length; i++) {
    for (let j = 0; j < theta.length; j++) {
      // log σ(d) = −log(1 + e^−d), written to stay finite for large |d|
      if (wins[i][j] > 0) {
        const d = theta[i] - theta[j];
        ll -= wins[i][j] * (d > 0 ? Math.log1p(Math.exp(-d)) : -d + Math.log1p(Math.exp(d)));
      }
    }
  }
  return ll;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The maximum-likelihood strengths, or why none exist (a model never wins or never loses…). */
export function fitBradleyTerry(models: readonly string[], wins: WinMatrix, maxIterations = 100): BtFit {
  const why = whyNoMle(models, wins);
  if (why) return { ok: false, reason: why };
  const n = models.length;
  const theta = new Array<number>(n).fill(0);
  // The last strength is held at 0 (the likelihood is shift-invariant); the rest follow Newton steps.
  const m = n - 1;
  for (let iter = 1; iter <= maxIterations; iter++) {
    const grad = new Array<number>(m).fill(0);
    const info = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const games = wins[i][j] + wins[j][i];
        if (games === 0) continue;
        const p = sigmoid(theta[i] - theta[j]);
        const g = wins[i][j] - games * p;
        const h = games * p * (1 - p);
        if (i < m) (grad[i] += g), (info[i][i] += h);
        if (j < m) (grad[j] -= g), (info[j][j] += h);
        if (i < m && j < m) (info[i][j] -= h), (info[j][i] -= h);
      }
    }
    const step = solve(info, grad);
    // Step halving keeps each iteration an ascent step, whatever the start.
    const before = logLikelihood(wins, theta);
    let scale = 1;
    let next = theta;
    for (let k = 0; k < 30; k++, scale /= 2) {
      next = theta.map((t, i) => (i < m ? t + scale * step[i] : t));
      if (logLikelihood(wins, next) >= before - 1e-12) break;
    }
    for (let i = 0; i < m; i++) theta[i] = next[i];
    if (Math.max(...step.map(Math.abs)) * scale < 1e-12) {
      const mean = theta.reduce((a, b) => a + b, 0) / n;
      return { ok: true, theta: theta.map((t) => t - mean), iterations: iter };
    }
  }
  return { ok: false, reason: `Newton's method did not converge in ${maxIterations} iterations` };
}

/** Elo on Chatbot Arena's scale: 1000 + 400/ln 10 · θ (θ mean-centred, natural log). */
export function elo(theta: number): number {
  return 1000 + (400 / Math.LN10) * theta;
}
