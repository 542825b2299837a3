import { describe, expect, it } from 'vitest';
import { eventFolds } from './event-folds.js';

const keys = ['a', 'b', 'a', 'c', 'd', 'b', 'e', 'a', 'f', 'g', 'c', 'h'];

describe('eventFolds', () => {
  it('puts every report of one event in the same fold', () => {
    const folds = eventFolds(keys, 3, 7);
    for (const key of new Set(keys)) {
      const of = new Set(folds.filter((_, i) => keys[i] === key));
      expect(of.size).toBe(1);
    }
  });

  it('uses every fold and keeps them close in size', () => {
    const folds = eventFolds(keys, 3, 7);
    const sizes = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(eventFolds(keys, 3, 7)).toEqual(eventFolds(keys, 3, 7));
    const seeds = [1, 2, 3, 4, 5].map((s) => eventFolds(keys, 3, s).join(''));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
