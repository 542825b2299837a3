import { describe, expect, it } from 'vitest';
import {
  corpusGazetteerExtras,
  randomIncident,
  randomQuery,
  realisticQuery,
  seededRandom,
} from '../../test/support/random-corpus.js';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
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

function ids(subs: readonly { id: string }[]): string[] {
  return subs.map((s) => s.id).sort();
}

describe('SubscriptionIndex', () => {
  it('returns exactly the brute-force set: 2,000 incidents × 1,000 subscriptions (10,000 through the Redis store in test/alert)', () => {
    const r = seededRandom(42);
    const subs = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i}`,
      query: query(randomQuery(r)),
    }));
    const index = new SubscriptionIndex();
    for (const s of subs) index.add(s);
    let total = 0;
    let verified = 0;
    const stats = { verified: 0, exact: 0 };
    for (let i = 0; i < 2_000; i += 1) {
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
    expect(total).toBeGreaterThan(2_000);
    expect(total).toBeLessThan(2_000 * 500);
    // …and the index looks at a fraction of the subscriptions, not all of them.
    expect(verified / 2_000).toBeLessThan(subs.length * 0.35);
  }, 120_000);

  it('returns exactly the brute-force set on the realistic mix, shared queries included', () => {
    const r = seededRandom(5);
    const subs = Array.from({ length: 3000 }, (_, i) => ({
      id: `s${i}`,
      query: query(realisticQuery(r)),
    }));
    const index = new SubscriptionIndex();
    for (const s of subs) index.add(s);
    expect(index.queries).toBeLessThan(subs.length);
    for (let i = 0; i < 1000; i += 1) {
      const f = incidentFeatures(randomIncident(r, i), gazetteer);
      const expected = subs.filter((s) => matchQuery(s.query, f)).map((s) => s.id);
      const got = index
        .match(f)
        .map((s) => s.id)
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      if (got.join() !== expected.join()) expect(got).toEqual(expected);
    }
  }, 120_000);

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
