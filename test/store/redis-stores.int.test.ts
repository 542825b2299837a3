import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeldAlert } from '../../src/domain/held-alert.js';
import type { Destination } from '../../src/domain/subscription.js';
import { createRedisFeedStateStore } from '../../src/store/redis/redis-feed-state-store.js';
import { RedisDeliveryStore } from '../../src/store/redis/redis-delivery-store.js';
import { RedisMuteStore } from '../../src/store/redis/redis-mute-store.js';
import { RedisSubscriptionStore } from '../../src/store/redis/redis-subscription-store.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const now = new Date('2026-03-01T12:00:00Z');
const dm: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: 'U1' };
const channel: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C1' };

let t: TestRedis;
beforeEach(() => {
  t = testRedis();
});
afterEach(async () => {
  await t.cleanup();
});

describe('RedisSubscriptionStore', () => {
  it('creates, lists by owner and destination, disables and removes', async () => {
    const store = new RedisSubscriptionStore(t.redis, t.prefix);
    const a = await store.create(
      { kind: 'personal', ownerId: 'U1', destination: dm, query: 'drone', mode: 'live' },
      now,
    );
    const b = await store.create(
      {
        kind: 'route',
        ownerId: 'U1',
        destination: channel,
        query: 'topic:casualties',
        mode: 'hourly',
      },
      now,
    );
    expect([a.id, b.id]).toEqual(['s1', 's2']);
    expect((await store.listByOwner('slack', 'T1', 'U1')).map((s) => s.id)).toEqual(['s1']);
    expect((await store.listByDestination(channel)).map((s) => s.id)).toEqual(['s2']);
    const rev = await store.revision();
    await store.setDisabled('s2', 'channel_not_found', now);
    expect((await store.get('s2'))?.disabled).toEqual({
      reason: 'channel_not_found',
      at: now.toISOString(),
    });
    await store.setDisabled('s2', null, now);
    expect((await store.get('s2'))?.disabled).toBeUndefined();
    expect(await store.revision()).toBeGreaterThan(rev);
    expect(await store.remove('s1')).toBe(true);
    expect(await store.remove('s1')).toBe(false);
    expect(await store.listByOwner('slack', 'T1', 'U1')).toEqual([]);
    expect((await store.listAll()).map((s) => s.id)).toEqual(['s2']);
  });
});

describe('RedisMuteStore', () => {
  it('lists only mutes in force and forgets expired ones', async () => {
    const store = new RedisMuteStore(t.redis, t.prefix);
    const base = { destination: channel, createdBy: 'U1' };
    await store.add(
      { ...base, target: { kind: 'topic', topic: 'a' }, until: '2026-03-01T20:00:00Z' },
      now,
    );
    await store.add(
      { ...base, target: { kind: 'incident', incidentId: 'i1' }, until: '2026-03-01T12:30:00Z' },
      now,
    );
    expect((await store.listActive(channel, now)).map((m) => m.id).sort()).toEqual(['m1', 'm2']);
    const later = new Date('2026-03-01T13:00:00Z');
    expect((await store.listActive(channel, later)).map((m) => m.id)).toEqual(['m1']);
    expect(await store.remove('m2')).toBe(false);
    expect(await store.remove('m1')).toBe(true);
    expect(await store.listActive(channel, now)).toEqual([]);
    expect(await store.listActive(dm, now)).toEqual([]);
  });
});

describe('RedisDeliveryStore', () => {
  it('keeps the latest record per destination and incident with its message reference', async () => {
    const store = new RedisDeliveryStore(t.redis, t.prefix);
    const rec = {
      destination: channel,
      incidentId: 'i1',
      version: 1,
      status: 'sent' as const,
      at: now.toISOString(),
      messageRef: { channelId: 'C1', messageId: '111.222' },
      subscriptionIds: ['s2'],
    };
    await store.put(rec);
    await store.put({ ...rec, destination: dm, status: 'held', reason: 'quiet hours' });
    await store.put({ ...rec, version: 2, at: '2026-03-01T12:05:00Z' });
    expect(await store.get(channel, 'i1')).toMatchObject({
      version: 2,
      messageRef: { messageId: '111.222' },
    });
    expect(await store.get(channel, 'i2')).toBeNull();
    expect((await store.listByIncident('i1')).map((r) => r.status).sort()).toEqual([
      'held',
      'sent',
    ]);
    expect(await store.countSentSince(channel, new Date('2026-03-01T11:00:00Z'))).toBe(2);
    expect(await store.countSentSince(channel, new Date('2026-03-01T12:01:00Z'))).toBe(1);
    expect(await store.countSentSince(dm, new Date(0))).toBe(0);
  });

  it('holds alerts until their release time and hands each out once', async () => {
    const store = new RedisDeliveryStore(t.redis, t.prefix);
    const held = (incidentId: string, releaseAt: string): HeldAlert => ({
      destination: dm,
      incidentId,
      version: 1,
      reason: 'quiet-hours',
      heldAt: now.toISOString(),
      releaseAt,
      subscriptionIds: ['s1'],
    });
    await store.hold(held('i1', '2026-03-01T13:00:00.000Z'));
    await store.hold(held('i2', '2026-03-01T15:00:00.000Z'));
    expect(await store.dueDigests(now)).toEqual([]);
    const at13 = new Date('2026-03-01T13:00:00Z');
    expect(await store.dueDigests(at13)).toEqual([dm]);
    expect((await store.takeHeld(dm, at13)).map((h) => h.incidentId)).toEqual(['i1']);
    expect(await store.takeHeld(dm, at13)).toEqual([]);
    expect(await store.dueDigests(at13)).toEqual([]);
    const at15 = new Date('2026-03-01T15:00:00Z');
    expect(await store.dueDigests(at15)).toEqual([dm]);
    expect((await store.takeHeld(dm, at15)).map((h) => h.incidentId)).toEqual(['i2']);
    expect(await store.dueDigests(at15)).toEqual([]);
  });

  it('claims a chat call once and hands later attempts the note of the latest one', async () => {
    const store = new RedisDeliveryStore(t.redis, t.prefix);
    expect(await store.claimAttempt('slack:T1:channel:C1|alert:i1', '1')).toBeNull();
    expect(await store.claimAttempt('slack:T1:channel:C1|alert:i1', '2')).toBe('1');
    await store.noteAttempt('slack:T1:channel:C1|alert:i1', '2');
    expect(await store.claimAttempt('slack:T1:channel:C1|alert:i1', '3')).toBe('2');
    expect(await store.claimAttempt('slack:T1:channel:C2|alert:i1', '3')).toBeNull();
  });
});

describe('the Redis feed state store', () => {
  it('records a fetch in one call: seen fingerprints with their TTL, the seeded flag, validators and health', async () => {
    const store = createRedisFeedStateStore(t.redis, t.prefix);
    const at = new Date('2026-03-01T12:00:00Z');
    const success = { at, nextPollAt: new Date('2026-03-01T12:05:00Z'), newItems: 2 };
    await store.recordFetch('f1', {
      success: { ...success, updateEveryMs: 90_000.4 },
      validators: { etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 11:00:00 GMT' },
      seen: ['id:a', 'link:b', 'id:c'],
      seenTtlMs: 60_000,
      seeded: true,
    });
    expect(await store.unseen([['id:a'], ['id:x', 'link:b'], ['id:y']])).toEqual([
      false,
      false,
      true,
    ]);
    const ttl = await t.redis.pttl(`${t.prefix}:seen:id:c`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const state = await store.pollState('f1');
    expect(state.seeded).toBe(true);
    expect(state.validators).toEqual({
      etag: '"v1"',
      lastModified: 'Sun, 01 Mar 2026 11:00:00 GMT',
    });
    expect(state.health).toMatchObject({
      status: 'ok',
      itemsSeen: 2,
      lastSuccessAt: at.toISOString(),
      lastNewItemAt: at.toISOString(),
      updateEveryMs: 90_000,
    });
    // A later fetch: validators replaced (no Last-Modified now), counts added, seeded kept; a
    // Redis that lost its scripts (restart, SCRIPT FLUSH) is sent the script again.
    await t.redis.script('FLUSH');
    await store.recordFetch('f1', {
      success: { ...success, newItems: 1 },
      validators: { etag: '"v2"' },
      seen: ['id:d'],
      seenTtlMs: 60_000,
      seeded: false,
    });
    const later = await store.pollState('f1');
    expect(later.validators).toEqual({ etag: '"v2"' });
    expect(later.health.itemsSeen).toBe(3);
    expect(later.seeded).toBe(true);
    expect(await store.unseen([['id:d']])).toEqual([false]);
  });

  it("reads several feeds' poll states, and writes their successes, in one call each", async () => {
    const store = createRedisFeedStateStore(t.redis, t.prefix);
    const at = new Date('2026-03-01T12:00:00Z');
    const nextPollAt = new Date('2026-03-01T12:05:00Z');
    await store.recordFetch('busy', {
      success: { at, nextPollAt, newItems: 2, updateEveryMs: 60_000 },
      validators: { etag: '"e1"', lastModified: 'Sun, 01 Mar 2026 11:00:00 GMT' },
      seen: ['id:a'],
      seenTtlMs: 60_000,
      seeded: true,
    });
    await store.recordFailure('down', { at, nextPollAt, reason: 'http', message: 'HTTP 503' });
    const states = await store.pollStates(['busy', 'new', 'down']);
    expect(states).toEqual([
      {
        validators: { etag: '"e1"', lastModified: 'Sun, 01 Mar 2026 11:00:00 GMT' },
        health: {
          feedId: 'busy',
          status: 'ok',
          consecutiveFailures: 0,
          itemsSeen: 2,
          lastPollAt: at.toISOString(),
          lastSuccessAt: at.toISOString(),
          nextPollAt: nextPollAt.toISOString(),
          lastNewItemAt: at.toISOString(),
          updateEveryMs: 60_000,
        },
        seeded: true,
      },
      {
        validators: {},
        health: { feedId: 'new', status: 'pending', consecutiveFailures: 0, itemsSeen: 0 },
        seeded: false,
      },
      {
        validators: {},
        health: {
          feedId: 'down',
          status: 'failing',
          consecutiveFailures: 1,
          itemsSeen: 0,
          lastPollAt: at.toISOString(),
          lastErrorAt: at.toISOString(),
          lastError: 'HTTP 503',
          lastErrorReason: 'http',
          nextPollAt: nextPollAt.toISOString(),
        },
        seeded: false,
      },
    ]);
    expect(await store.pollState('down')).toEqual(states[2]);

    const later = new Date('2026-03-01T12:06:00Z');
    const stale = new Date('2026-03-01T11:59:00Z');
    await t.redis.set(`${t.prefix}:feed:odd:health`, 'not a hash');
    await t.redis.script('FLUSH');
    await store.recordSuccesses([
      { feedId: 'busy', success: { at: later, nextPollAt, newItems: 0 } },
      // Not written: a key of another type, a feed with no health (removed), an older poll.
      { feedId: 'odd', success: { at: later, nextPollAt, newItems: 0 } },
      { feedId: 'gone', success: { at: later, nextPollAt, newItems: 0 } },
      { feedId: 'down', success: { at: later, nextPollAt, newItems: 3 } },
      { feedId: 'busy', success: { at: stale, nextPollAt, newItems: 0 } },
    ]);
    expect(await store.health('busy')).toEqual({
      ...states[0]?.health,
      lastPollAt: later.toISOString(),
      lastSuccessAt: later.toISOString(),
    });
    expect(await store.health('down')).toEqual({
      ...states[2]?.health,
      status: 'ok',
      consecutiveFailures: 0,
      itemsSeen: 3,
      lastPollAt: later.toISOString(),
      lastSuccessAt: later.toISOString(),
      lastNewItemAt: later.toISOString(),
    });
    expect(await t.redis.exists(`${t.prefix}:feed:gone:health`)).toBe(0);
    expect(await t.redis.get(`${t.prefix}:feed:odd:health`)).toBe('not a hash');
    expect(await store.pollStates([])).toEqual([]);
    await store.recordSuccesses([]);
  });
});
