/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): small, deterministic and
 * exact for the dozen dense features of the join model. The bias is not regularised. (The topic
 * model's `src/match/model/logistic.ts` fits thousands of sparse features by Adam instead; a
 * Hessian there would be thousands squared.)
 */
import { sigmoid } from '../../match/model/logistic.js';

export interface LogisticModel {
  readonly bias: number;
  readonly weights: readonly number[];
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  readonly l2: number;
  readonly maxIterations?: number;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) {
      if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    }
    [m[c], m[pivot]] = [m[pivot] ?? [], m[c] ?? []];
    const row = m[c] ?? [];
    const d = row[c] ?? 1;
    for (let r = 0; r < n; r += 1) {
      const other = m[r] ?? [];
      if (r === c || other[c] === 0) continue;
      const f = (other[c] ?? 0) / d;
      for (let k = c; k <= n; k += 1) other[k] = (other[k] ?? 0) - f * (row[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** One Newton step's gradient and Hessian of the penalised negative log-likelihood. */
function newtonStep(x: readonly number[][], y: readonly number[], theta: number[], l2: number) {
  const n = theta.length;
  const grad = new Array<number>(n).fill(0);
  const hess = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  x.forEach((row, i) => {
    const z = row.reduce((s, v, j) => s + v * (theta[j] ?? 0), 0);
    const p = sigmoid(z);
    const w = Math.max(p * (1 - p), 1e-9);
    const err = p - (y[i] ?? 0);
    for (let j = 0; j < n; j += 1) {
      grad[j] = (grad[j] ?? 0) + err * (row[j] ?? 0);
      const hj = hess[j] ?? [];
      for (let k = 0; k < n; k += 1) hj[k] = (hj[k] ?? 0) + w * (row[j] ?? 0) * (row[k] ?? 0);
    }
  });
  for (let j = 1; j < n; j += 1) {
    grad[j] = (grad[j] ?? 0) + l2 * (theta[j] ?? 0);
    const hj = hess[j] ?? [];
    hj[j] = (hj[j] ?? 0) + l2;
  }
  return { grad, hess };
}

/** Fits P(y=1 | x) = σ(bias + w·x) to the rows of `x` (labels 0/1). */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: FitOptions,
): LogisticModel {
  const rows = x.map((r) => [1, ...r]);
  const n = (x[0]?.length ?? 0) + 1;
  let theta = new Array<number>(n).fill(0);
  for (let it = 0; it < (options.maxIterations ?? 50); it += 1) {
    const { grad, hess } = newtonStep(rows, y, theta, options.l2);
    const step = solve(hess, grad);
    theta = theta.map((t, j) => t - (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: theta[0] ?? 0, weights: theta.slice(1) };
}
