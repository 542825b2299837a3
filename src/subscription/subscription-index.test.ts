import { describe, expect, it } from 'vitest';
import { indexAgainstBruteForce } from '../../test/support/index-brute-force.js';
import { corpusGazetteerExtras } from '../../test/support/random-corpus.js';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import { testGazetteer } from '../../test/support/test-gazetteer.js';
import { incidentFeatures } from './incident-features.js';
import { parseQuery } from './query-parser.js';
import type { Query } from './query.js';
import { SubscriptionIndex } from './subscription-index.js';

const gazetteer = testGazetteer(corpusGazetteerExtras());

function query(text: string): Query {
  const r = parseQuery(text, { gazetteer });
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.query;
}

function ids(subs: readonly { id: string }[]): string[] {
  return subs.map((s) => s.id).sort();
}

describe('SubscriptionIndex', () => {
  // A sample for quick feedback; the full sizes run in test/property/.
  it('returns exactly the brute-force set on a sample of random queries', () => {
    const run = { seed: 42, subscriptions: 200, incidents: 200, queries: 'random' } as const;
    const result = indexAgainstBruteForce(run, gazetteer);
    expect(result.total).toBeGreaterThan(200);
    expect(result.verifiedPerIncident).toBeLessThan(200 * 0.5);
  });

  it('returns exactly the brute-force set on a sample of the realistic mix', () => {
    const run = { seed: 5, subscriptions: 300, incidents: 100, queries: 'realistic' } as const;
    expect(indexAgainstBruteForce(run, gazetteer).queries).toBeLessThan(300);
  });

  it('keeps a shared query for its other holders when one removes it', () => {
    const index = new SubscriptionIndex();
    index.add({ id: 'a', query: query('topic:casualties killed>=2') });
    index.add({ id: 'b', query: query('topic:casualties killed>=2') });
    index.add({ id: 'c', query: query('-drone') });
    const f = incidentFeatures(
      makeIncident({
        headline: 'Drone strike',
        topics: ['casualties'],
        casualties: [casualty('us', 3, null)],
      }),
      gazetteer,
    );
    expect(ids(index.match(f))).toEqual(['a', 'b']);
    index.remove('a');
    index.remove('c');
    expect(ids(index.match(f))).toEqual(['b']);
    index.remove('b');
    expect(index.match(f)).toEqual([]);
    index.add({ id: 'a', query: query('topic:casualties killed>=2') });
    expect(ids(index.match(f))).toEqual(['a']);
    expect(index.size).toBe(1);
  });

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
