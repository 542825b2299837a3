/**
 * Routing against a brute-force reference on the real Redis store: 1,000 random subscriptions
 * and routes, 10,000 random incidents; the planner must address exactly the destinations whose
 * subscriptions' queries match, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDeliveries } from '../../src/alert/delivery-plan.js';
import { destinationKey, type Destination } from '../../src/domain/subscription.js';
import { SubscriptionMatcher } from '../../src/queue/subscription-matcher.js';
import { RedisSubscriptionStore } from '../../src/store/redis/redis-subscription-store.js';
import { incidentFeatures } from '../../src/subscription/incident-features.js';
import { matchQuery } from '../../src/subscription/match-query.js';
import { parseQuery } from '../../src/subscription/query-parser.js';
import type { Query } from '../../src/subscription/query.js';
import {
  corpusGazetteerExtras,
  randomIncident,
  randomQuery,
  seededRandom,
} from '../support/random-corpus.js';
import { testGazetteer } from '../support/test-gazetteer.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const gazetteer = testGazetteer(corpusGazetteerExtras());
let t: TestRedis;
const reference: { destination: Destination; query: Query }[] = [];

beforeAll(async () => {
  t = testRedis();
  const store = new RedisSubscriptionStore(t.redis, t.prefix);
  const r = seededRandom(7);
  const now = new Date('2026-03-01T00:00:00Z');
  for (let i = 0; i < 1000; i += 1) {
    const text = randomQuery(r);
    const parsed = parseQuery(text, { gazetteer });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    // 100 people (several subscriptions each, one DM) and 50 channels with routes.
    const route = i % 4 === 0;
    const destination: Destination = route
      ? { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: `C${i % 50}` }
      : { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: `U${i % 100}` };
    await store.create(
      {
        kind: route ? 'route' : 'personal',
        ownerId: route ? 'admin' : destination.id,
        destination,
        query: text,
        mode: 'live',
      },
      now,
    );
    reference.push({ destination, query: parsed.query });
  }
});

afterAll(async () => {
  await t.cleanup();
});

describe('routing through the subscription index and the planner', () => {
  it('delivers exactly the brute-force set, once per destination: 10,000 incidents × 1,000 subscriptions', async () => {
    const matcher = new SubscriptionMatcher(
      new RedisSubscriptionStore(t.redis, t.prefix),
      gazetteer,
    );
    const r = seededRandom(11);
    let deliveries = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const incident = randomIncident(r, i);
      const features = incidentFeatures(incident, gazetteer);
      const expected = [
        ...new Set(
          reference
            .filter((s) => matchQuery(s.query, features))
            .map((s) => destinationKey(s.destination)),
        ),
      ].sort();
      const plan = planDeliveries({
        incident,
        matched: await matcher.match(incident),
        previous: new Map(),
        mutes: new Map(),
        recentSent: new Map(),
        now: new Date('2026-03-01T12:00:00Z'),
        settings: { burstThreshold: 1_000_000, burstWindowMs: 600_000, dailyHourUtc: 8 },
      });
      const got = plan.deliveries.map((d) => destinationKey(d.destination)).sort();
      if (got.join() !== expected.join()) expect(got).toEqual(expected);
      expect(plan.held).toEqual([]);
      deliveries += got.length;
    }
    expect(matcher.size).toBe(1000);
    // Neither nothing nor everything matches.
    expect(deliveries).toBeGreaterThan(10_000);
    expect(deliveries).toBeLessThan(10_000 * 150);
  }, 120_000);
});
