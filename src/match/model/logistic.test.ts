import { describe, expect, it } from 'vitest';
import { predict, trainLogistic, type SparseRow } from './logistic.js';

const row = (pairs: [number, number][]): SparseRow => ({
  index: Int32Array.from(pairs.map(([i]) => i)),
  value: Float64Array.from(pairs.map(([, v]) => v)),
});

// feature 0 means yes, feature 1 means no, feature 2 is noise present everywhere
const rows = [
  row([
    [0, 1],
    [2, 1],
  ]),
  row([[0, 1]]),
  row([
    [1, 1],
    [2, 1],
  ]),
  row([[1, 1]]),
];
const labels = [1, 1, 0, 0];

describe('trainLogistic', () => {
  it('learns which features say yes and which say no', () => {
    const m = trainLogistic(rows, labels, 3);
    expect(predict(m, row([[0, 1]]))).toBeGreaterThan(0.8);
    expect(predict(m, row([[1, 1]]))).toBeLessThan(0.2);
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(m.weights[1]).toBeLessThan(0);
    expect(Math.abs(m.weights[2] ?? 0)).toBeLessThan(Math.abs(m.weights[0] ?? 0));
  });

  it('is deterministic: the same data gives the same weights', () => {
    const a = trainLogistic(rows, labels, 3);
    const b = trainLogistic(rows, labels, 3);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
  });

  it('shrinks weights under a stronger penalty, and more where the penalty scale is higher', () => {
    const weak = trainLogistic(rows, labels, 3, { l2: 0.001, iterations: 300, learningRate: 0.05 });
    const strong = trainLogistic(rows, labels, 3, { l2: 0.3, iterations: 300, learningRate: 0.05 });
    expect(Math.abs(strong.weights[0] ?? 0)).toBeLessThan(Math.abs(weak.weights[0] ?? 0));
    const scaled = trainLogistic(rows, labels, 3, {
      l2: 0.03,
      iterations: 300,
      learningRate: 0.05,
      penaltyScale: Float64Array.from([10, 1, 1]),
    });
    expect(Math.abs(scaled.weights[0] ?? 0)).toBeLessThan(Math.abs(scaled.weights[1] ?? 0));
  });
});
