/**
 * A clustering round decides its later items against the open incidents as Redis will list
 * them once the round's earlier saves are in (`listedAfter`). That prediction must be the
 * listing Redis gives: the same incidents, in the same order (newest update first, equal times
 * in reverse id order), cut at the same lookback and limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { DEFAULT_CLUSTER_CONFIG } from '../../src/incident/cluster/cluster-config.js';
import { listedAfter, listOpen } from '../../src/queue/item.processor.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
import { makeIncident } from '../support/make-incident.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-03-10T12:00:00.000Z');
let t: TestRedis;

afterEach(async () => {
  await t.cleanup();
});

/** An incident last updated `hoursAgo` before NOW (only its id and update time matter here). */
function incident(id: string, hoursAgo: number): Incident {
  const at = new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();
  return makeIncident({ id, firstSeen: at, updatedAt: at });
}

/** The store on a fresh prefix, and the cluster settings a round lists with. */
function setup(max: number, lookbackHours: number) {
  t = testRedis();
  const store = createRedisIncidentStore(t.redis, {
    prefix: t.prefix,
    retentionMs: 30 * 24 * HOUR,
  });
  const cluster = {
    ...DEFAULT_CLUSTER_CONFIG,
    openIncidents: { lookback: lookbackHours * HOUR, max },
  };
  // The listing a round reads from Redis.
  const list = () => listOpen({ cluster, incidents: store }, NOW);
  return { store, cluster, list };
}

async function saveNew(store: ReturnType<typeof setup>['store'], inc: Incident): Promise<string> {
  const saved = await store.save(inc, null);
  if (!saved.ok) throw new Error(`could not save ${inc.id}`);
  return saved.revision;
}

/** Only the id and update time of an open incident are read to list it. */
const openOf = (incident: Incident) => ({ incident });

describe('a round predicts the open-incident listing Redis gives after its save', () => {
  it('orders equal update times in reverse id order, and cuts at the limit', async () => {
    const { store, cluster, list } = setup(4, 48);
    // Three at the same time, ids out of order, and one older.
    const held = [incident('inc-b', 1), incident('inc-d', 1), incident('inc-a', 1)];
    const older = incident('inc-c', 5);
    for (const inc of [...held, older]) await saveNew(store, inc);
    const listed = await list();
    const recent = [...held, older].map(openOf);
    // The round's save: a new incident at the same time as the three, with an id between them.
    const saved = incident('inc-bb', 1);
    const revision = await saveNew(store, saved);

    const predicted = listedAfter({ cluster }, NOW, listed, recent, saved, revision);

    const actual = await list();
    expect(predicted).toEqual(actual);
    // The limit of 4 drops the oldest; equal times list the higher id first.
    expect(actual.map((l) => l.id)).toEqual(['inc-d', 'inc-bb', 'inc-b', 'inc-a']);
  });

  it('moves an incident saved again to the front', async () => {
    const { store, cluster, list } = setup(10, 6);
    const early = incident('inc-x', 5);
    const later = incident('inc-y', 2);
    for (const inc of [early, later]) await saveNew(store, inc);
    const listed = await list();
    const recent = [early, later].map(openOf);
    // The round revises the earlier one: its update time is now.
    const revised = { ...early, version: 2, updatedAt: NOW.toISOString() };
    const saved = await store.save(revised, 1);
    if (!saved.ok) throw new Error('could not revise inc-x');

    const predicted = listedAfter({ cluster }, NOW, listed, recent, revised, saved.revision);

    const actual = await list();
    expect(predicted).toEqual(actual);
    expect(actual.map((l) => l.id)).toEqual(['inc-x', 'inc-y']);
  });

  it.each([
    { edge: 'past the lookback: left out', hoursAgo: 8, ids: ['inc-y'] },
    { edge: 'exactly at the lookback: kept', hoursAgo: 6, ids: ['inc-y', 'inc-w'] },
  ])('a saved incident updated $edge, as Redis does', async ({ hoursAgo, ids }) => {
    const { store, cluster, list } = setup(10, 6);
    const open = incident('inc-y', 2);
    await saveNew(store, open);
    const listed = await list();
    const saved = incident('inc-w', hoursAgo);
    const revision = await saveNew(store, saved);

    const predicted = listedAfter({ cluster }, NOW, listed, [openOf(open)], saved, revision);

    const actual = await list();
    expect(predicted).toEqual(actual);
    expect(actual.map((l) => l.id)).toEqual(ids);
  });
});
