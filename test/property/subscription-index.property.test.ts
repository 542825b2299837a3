/**
 * The subscription index against a brute-force reference at full size (the unit project runs
 * a sample of the same check).
 */
import { describe, expect, it } from 'vitest';
import { indexAgainstBruteForce } from '../support/index-brute-force.js';
import { corpusGazetteerExtras } from '../support/random-corpus.js';
import { testGazetteer } from '../support/test-gazetteer.js';

const gazetteer = testGazetteer(corpusGazetteerExtras());

describe('SubscriptionIndex at full size', () => {
  it('returns exactly the brute-force set: 2,000 incidents × 1,000 random queries', () => {
    const run = { seed: 42, subscriptions: 1000, incidents: 2000, queries: 'random' } as const;
    const result = indexAgainstBruteForce(run, gazetteer);
    // The corpus is realistic enough that matches are neither none nor everything…
    expect(result.total).toBeGreaterThan(2_000);
    expect(result.total).toBeLessThan(2_000 * 500);
    // …and the index looks at a fraction of the subscriptions, not all of them.
    expect(result.verifiedPerIncident).toBeLessThan(1000 * 0.35);
  });

  it('returns exactly the brute-force set on the realistic mix, shared queries included', () => {
    const run = { seed: 5, subscriptions: 3000, incidents: 1000, queries: 'realistic' } as const;
    expect(indexAgainstBruteForce(run, gazetteer).queries).toBeLessThan(3000);
  });
});
