import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { fitLogistic } from './logistic.js';

/** Rows drawn from a known model: P(y=1) = σ(-1 + 3·x0 - 2·x1). */
function sample(n: number) {
  const random = seededRandom(42);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const row = [random(), random()];
    const z = -1 + 3 * (row[0] ?? 0) - 2 * (row[1] ?? 0);
    x.push(row);
    y.push(random() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { x, y };
}

describe('fitLogistic', () => {
  it('recovers the weights of the model the data came from', () => {
    const { x, y } = sample(20_000);
    const m = fitLogistic(x, y, { l2: 0 });
    expect(m.bias).toBeCloseTo(-1, 0);
    expect(m.weights[0]).toBeCloseTo(3, 0);
    expect(m.weights[1]).toBeCloseTo(-2, 0);
  });

  it('shrinks the weights, not the bias, as the penalty grows', () => {
    const { x, y } = sample(2_000);
    const loose = fitLogistic(x, y, { l2: 0 });
    const tight = fitLogistic(x, y, { l2: 1_000 });
    expect(Math.abs(tight.weights[0] ?? 0)).toBeLessThan(Math.abs(loose.weights[0] ?? 0) / 2);
    expect(Number.isFinite(tight.bias)).toBe(true);
  });
});
