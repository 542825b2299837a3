/**
 * L2-regularised logistic regression over sparse rows, trained by full-batch Adam. Small data
 * (hundreds of items, thousands of features) makes full batches cheap, and a full batch with a
 * fixed number of steps is deterministic: the same data gives the same weights on every machine.
 */

/** One item: feature indices and their values (same length). */
export interface SparseRow {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), per item: loss = mean log loss + l2/2·|w|². */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
  /** Per-feature multiplier of the L2 penalty (default 1 for every feature). */
  readonly penaltyScale?: Float64Array;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 0.01, iterations: 300, learningRate: 0.05 };

export interface LogisticWeights {
  readonly bias: number;
  readonly weights: Float64Array;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function dot(row: SparseRow, w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < row.index.length; k += 1)
    s += (w[row.index[k] ?? 0] ?? 0) * (row.value[k] ?? 0);
  return s;
}

export function predict(model: LogisticWeights, row: SparseRow): number {
  return sigmoid(model.bias + dot(row, model.weights));
}

interface Adam {
  readonly m: Float64Array;
  readonly v: Float64Array;
}

const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

function gradient(
  rows: readonly SparseRow[],
  labels: readonly number[],
  w: Float64Array,
  bias: number,
  l2: number,
  scale: Float64Array | undefined,
): { g: Float64Array; gBias: number } {
  const g = new Float64Array(w.length);
  let gBias = 0;
  const n = rows.length;
  rows.forEach((row, i) => {
    const err = (sigmoid(bias + dot(row, w)) - (labels[i] ?? 0)) / n;
    gBias += err;
    for (let k = 0; k < row.index.length; k += 1) {
      const j = row.index[k] ?? 0;
      g[j] = (g[j] ?? 0) + err * (row.value[k] ?? 0);
    }
  });
  for (let j = 0; j < w.length; j += 1) g[j] = (g[j] ?? 0) + l2 * (scale?.[j] ?? 1) * (w[j] ?? 0);
  return { g, gBias };
}

function adamStep(p: Float64Array, g: Float64Array, s: Adam, t: number, lr: number): void {
  const c1 = 1 - B1 ** t;
  const c2 = 1 - B2 ** t;
  for (let j = 0; j < p.length; j += 1) {
    const gj = g[j] ?? 0;
    const m = B1 * (s.m[j] ?? 0) + (1 - B1) * gj;
    const v = B2 * (s.v[j] ?? 0) + (1 - B2) * gj * gj;
    s.m[j] = m;
    s.v[j] = v;
    p[j] = (p[j] ?? 0) - (lr * (m / c1)) / (Math.sqrt(v / c2) + EPS);
  }
}

/** Fits weights for `dimensions` features to 0/1 labels. */
export function trainLogistic(
  rows: readonly SparseRow[],
  labels: readonly number[],
  dimensions: number,
  options: LogisticOptions = DEFAULT_LOGISTIC,
): LogisticWeights {
  // the bias is the last parameter, unregularised
  const p = new Float64Array(dimensions + 1);
  const state: Adam = { m: new Float64Array(dimensions + 1), v: new Float64Array(dimensions + 1) };
  for (let t = 1; t <= options.iterations; t += 1) {
    const w = p.subarray(0, dimensions);
    const { g, gBias } = gradient(
      rows,
      labels,
      w,
      p[dimensions] ?? 0,
      options.l2,
      options.penaltyScale,
    );
    const full = new Float64Array(dimensions + 1);
    full.set(g);
    full[dimensions] = gBias;
    adamStep(p, full, state, t, options.learningRate);
  }
  return { bias: p[dimensions] ?? 0, weights: p.slice(0, dimensions) };
}
