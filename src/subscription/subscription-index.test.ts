import { describe, expect, it } from 'vitest';
import {
  corpusGazetteerExtras,
  randomIncident,
  randomQuery,
  seededRandom,
} from '../../test/support/random-corpus.js';
import { makeIncident } from '../../test/support/make-incident.js';
import { testGazetteer } from '../../test/support/test-gazetteer.js';
import { incidentFeatures } from './incident-features.js';
import { matchQuery } from './match-query.js';
import { parseQuery } from './query-parser.js';
import type { Query } from './query.js';
import { SubscriptionIndex } from './subscription-index.js';

const gazetteer = testGazetteer(corpusGazetteerExtras());

function query(text: string): Query {
  const r = parseQuery(text, { gazetteer });
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.query;
}

describe('SubscriptionIndex', () => {
  it('returns exactly the brute-force set: 10,000 incidents × 1,000 subscriptions', () => {
    const r = seededRandom(42);
    const subs = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i}`,
      query: query(randomQuery(r)),
    }));
    const index = new SubscriptionIndex();
    for (const s of subs) index.add(s);
    let total = 0;
    let verified = 0;
    const stats = { verified: 0 };
    for (let i = 0; i < 10_000; i += 1) {
      const f = incidentFeatures(randomIncident(r, i), gazetteer);
      const expected = subs.filter((s) => matchQuery(s.query, f)).map((s) => s.id);
      const got = index
        .match(f, stats)
        .map((s) => s.id)
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      verified += stats.verified;
      if (got.join() !== expected.join()) expect(got).toEqual(expected);
      total += got.length;
    }
    // The corpus is realistic enough that matches are neither none nor everything.
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(10_000 * 500);
    // …and the index looks at a fraction of the subscriptions, not all of them.
    expect(verified / 10_000).toBeLessThan(subs.length * 0.35);
  }, 120_000);

  it('forgets removed subscriptions and replaces re-added ones', () => {
    const index = new SubscriptionIndex();
    index.add({ id: 'a', query: query('drone') });
    index.add({ id: 'b', query: query('-rocket') });
    const f = incidentFeatures(makeIncident({ headline: 'Drone strike' }), gazetteer);
    expect(
      index
        .match(f)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'b']);
    index.remove('a');
    index.add({ id: 'b', query: query('rocket') });
    expect(index.match(f)).toEqual([]);
    expect(index.size).toBe(1);
  });
});
