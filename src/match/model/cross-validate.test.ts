import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  chooseTopicThreshold,
  groupFolds,
  operatingCurve,
  seededRandom,
} from './cross-validate.js';

describe('groupFolds', () => {
  const groups = Array.from({ length: 60 }, (_, i) => (i < 40 ? `event-${i % 10}` : `item-${i}`));

  it('never splits a group across folds', () => {
    const folds = groupFolds(groups, 5, 1);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      const f = folds[i] ?? -1;
      expect(foldOf.get(g) ?? f).toBe(f);
      foldOf.set(g, f);
    });
  });

  it('makes folds of similar size, and the same folds for the same seed', () => {
    const folds = groupFolds(groups, 5, 7);
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4);
    expect(groupFolds(groups, 5, 7)).toEqual(folds);
    expect(groupFolds(groups, 5, 8)).not.toEqual(folds);
  });

  it('has a seeded random source in 0..1', () => {
    const r = seededRandom(3);
    const xs = Array.from({ length: 100 }, () => r());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(3)()).toBe(xs[0]);
  });
});

describe('operating threshold', () => {
  // 4 on items, 4 near misses; one near miss scores high
  const probs = [0.9, 0.8, 0.6, 0.3, 0.7, 0.2, 0.1, 0.05];
  const on = [true, true, true, true, false, false, false, false];
  const nearMiss = [false, false, false, false, true, true, true, true];

  it('takes the highest recall whose near-miss false-positive rate stays within the limit', () => {
    const curve = operatingCurve(probs, on, nearMiss);
    // recall 1 needs threshold ≤ 0.3, which also lets 1 of 4 near misses through (0.25)
    expect(chooseThreshold(curve, 0.25)).toBe(0.3);
    // with no near miss allowed, the threshold must clear 0.7: recall 2/4
    expect(chooseThreshold(curve, 0)).toBe(0.8);
  });

  it('picks a topic threshold for the best F1, the likeliest topic always counting', () => {
    const p = [0.9, 0.4, 0.35, 0.1];
    const gold = [true, true, false, false];
    expect(chooseTopicThreshold(p, gold, [false, false, false, false])).toBeGreaterThan(0.35);
    expect(chooseTopicThreshold(p, gold, [false, false, false, false])).toBeLessThanOrEqual(0.4);
    // the fourth item is this topic's likeliest: it counts whatever the threshold
    expect(
      chooseTopicThreshold(p, [true, true, false, true], [false, false, false, true]),
    ).toBeLessThanOrEqual(0.4);
  });
});
