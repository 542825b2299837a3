/**
 * The subscription index against a brute-force reference: `subscriptions` random queries,
 * `incidents` random incidents; the index must return exactly the subscriptions whose query
 * matches. The unit project runs a small sample, the property project (test/property/) the
 * full sizes.
 */
import { expect } from 'vitest';
import type { Gazetteer } from '../../src/gazetteer/gazetteer.js';
import { incidentFeatures } from '../../src/subscription/incident-features.js';
import { matchQuery } from '../../src/subscription/match-query.js';
import { parseQuery } from '../../src/subscription/query-parser.js';
import { SubscriptionIndex } from '../../src/subscription/subscription-index.js';
import { randomIncident, randomQuery, realisticQuery, seededRandom } from './random-corpus.js';

export interface BruteForceRun {
  readonly seed: number;
  readonly subscriptions: number;
  readonly incidents: number;
  /** realistic: the mix users write (many shared queries); random: anything the grammar allows. */
  readonly queries: 'random' | 'realistic';
}

export interface BruteForceResult {
  /** Matches over all incidents. */
  readonly total: number;
  /** Subscriptions the index verified per incident, on average. */
  readonly verifiedPerIncident: number;
  /** Distinct queries held by the index. */
  readonly queries: number;
}

export function indexAgainstBruteForce(run: BruteForceRun, gazetteer: Gazetteer): BruteForceResult {
  const r = seededRandom(run.seed);
  const subs = Array.from({ length: run.subscriptions }, (_, i) => {
    const text = run.queries === 'random' ? randomQuery(r) : realisticQuery(r);
    const parsed = parseQuery(text, { gazetteer });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return { id: `s${i}`, query: parsed.query };
  });
  const index = new SubscriptionIndex();
  for (const s of subs) index.add(s);
  let total = 0;
  let verified = 0;
  const stats = { verified: 0, exact: 0 };
  for (let i = 0; i < run.incidents; i += 1) {
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
  return { total, verifiedPerIncident: verified / run.incidents, queries: index.queries };
}
