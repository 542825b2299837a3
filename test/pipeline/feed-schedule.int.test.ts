import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { FeedPoller } from '../../src/queue/schedule/feed-poller.js';
import { FeedSchedule } from '../../src/queue/schedule/feed-schedule.js';
import { HostSlots } from '../../src/queue/schedule/host-slots.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: 'silent', pretty: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let t: TestRedis;
let schedule: FeedSchedule;
const extra: Redis[] = [];

/** The schedule as another worker sees it (its own connection). */
function otherWorker(): FeedSchedule {
  const redis = t.redis.duplicate();
  extra.push(redis);
  return new FeedSchedule(redis, t.prefix);
}

beforeEach(() => {
  t = testRedis();
  schedule = new FeedSchedule(t.redis, t.prefix);
});

afterEach(async () => {
  await Promise.all(extra.splice(0).map((r) => r.quit()));
  await t.cleanup();
});

describe('FeedSchedule', () => {
  it('adds new feeds as due now and removes feeds no longer configured', async () => {
    expect(await schedule.sync(['a', 'b', 'c'])).toEqual({ added: 3, removed: [] });
    expect(await schedule.sync(['a', 'c', 'd'])).toEqual({ added: 1, removed: ['b'] });
    expect(await schedule.feedIds()).toEqual(['a', 'c', 'd']);
  });

  it('gives each due feed to one claimer only, however many claim at once', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `f${i}`);
    await schedule.sync(ids);
    const other = otherWorker();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? schedule : other).claim(30, 60_000)),
    );
    const got = claims.flatMap((c) => c.feedIds);
    expect(got).toHaveLength(200);
    expect(new Set(got).size).toBe(200);
    expect((await schedule.claim(10, 60_000)).feedIds).toEqual([]);
  });

  it("gives a feed back when its claimer's lease runs out (a crashed worker)", async () => {
    await schedule.sync(['a']);
    const first = await schedule.claim(10, 100);
    expect(first.feedIds).toEqual(['a']);
    expect((await schedule.claim(10, 100)).feedIds).toEqual([]);
    await sleep(150);
    const second = await schedule.claim(10, 60_000);
    expect(second.feedIds).toEqual(['a']);
    // The crashed worker's late completion no longer counts: the feed stays with the second.
    expect(await schedule.complete([{ feedId: 'a', token: first.token, delayMs: 0 }])).toBe(0);
    expect((await schedule.claim(10, 60_000)).feedIds).toEqual([]);
    expect(await schedule.complete([{ feedId: 'a', token: second.token, delayMs: 0 }])).toBe(1);
    expect((await schedule.claim(10, 60_000)).feedIds).toEqual(['a']);
  });

  it('keeps a completed feed until its next poll time, and reports when that is', async () => {
    await schedule.sync(['a']);
    const c = await schedule.claim(10, 60_000);
    await schedule.complete([{ feedId: 'a', token: c.token, delayMs: 60_000 }]);
    const next = await schedule.claim(10, 60_000);
    expect(next.feedIds).toEqual([]);
    expect(next.nextDueMs).toBeGreaterThan(55_000);
  });

  it('extends the leases it still holds and reports the lost ones', async () => {
    await schedule.sync(['a', 'b']);
    const c = await schedule.claim(10, 100);
    await sleep(150);
    // Another worker takes the expired leases back and claims both.
    const other = await schedule.claim(1, 60_000);
    const lostId = other.feedIds[0] ?? '';
    const { lost } = await schedule.extend(
      c.feedIds.filter((f) => f !== lostId).map((feedId) => ({ feedId, token: c.token })),
      60_000,
    );
    expect(lost.length).toBe(1);
  });

  it("keeps a claim's token through extensions: late and repeated calls with it still count", async () => {
    await schedule.sync(['a']);
    const c = await schedule.claim(10, 60_000);
    const held = [{ feedId: 'a', token: c.token }];
    // An extension re-sent after a reconnect, and a hand-back that did not wait for the answer.
    expect((await schedule.extend(held, 60_000)).lost).toEqual([]);
    expect((await schedule.extend(held, 60_000)).lost).toEqual([]);
    expect(await schedule.complete([{ feedId: 'a', token: c.token, delayMs: 0 }])).toBe(1);
    // Handed back, the token no longer holds it; another claim's token is another.
    expect((await schedule.extend(held, 60_000)).lost).toEqual(['a']);
    const again = await schedule.claim(10, 60_000);
    expect(again.feedIds).toEqual(['a']);
    expect(again.token).not.toBe(c.token);
    expect(await schedule.complete([{ feedId: 'a', token: c.token, delayMs: 0 }])).toBe(0);
  });

  it('does not take a feed back that a worker of an earlier version claimed again (no owner entry)', async () => {
    await schedule.sync(['a']);
    const c = await schedule.claim(10, 100);
    await sleep(150);
    // A worker from before the owner hash reclaims the expired lease and claims the feed: it
    // sets the lease's expiry (its token) and leaves the owner entry as it was.
    const lease = `${t.prefix}:schedule:lease`;
    await t.redis.zadd(lease, Date.now() + 60_000, 'a');
    const held = [{ feedId: 'a', token: c.token }];
    expect((await schedule.extend(held, 60_000)).lost).toEqual(['a']);
    expect(await schedule.complete([{ feedId: 'a', token: c.token, delayMs: 0 }])).toBe(0);
    expect(await t.redis.zscore(lease, 'a')).not.toBeNull();
  });

  it('markDue: a feed due later is due now; a feed being polled is polled again at once', async () => {
    await schedule.sync(['a', 'b']);
    // New feeds fall due a fraction of a millisecond apart, in config order: let both be due.
    await new Promise((r) => setTimeout(r, 20));
    const c = await schedule.claim(10, 60_000);
    expect(c.feedIds).toEqual(['a', 'b']);
    await schedule.complete([{ feedId: 'a', token: c.token, delayMs: 3_600_000 }]);
    expect(await schedule.markDue('a')).toBe(true);
    expect((await schedule.claim(10, 60_000)).feedIds).toEqual(['a']);
    // b is still being polled (claimed above): it comes back with no delay.
    expect(await schedule.markDue('b')).toBe(true);
    await schedule.complete([{ feedId: 'b', token: c.token, delayMs: 3_600_000 }]);
    expect((await schedule.claim(10, 60_000)).feedIds).toEqual(['b']);
    expect(await schedule.markDue('unknown')).toBe(false);
  });
});

describe('FeedPoller', () => {
  it('two workers poll every feed, never one feed twice at once, within the per-host limit', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `f${i}`);
    await schedule.sync(ids);
    const inFlight = new Set<string>();
    const perHost = new Map<string, number>();
    const polls = new Map<string, number>();
    let overlap = 0;
    let hostPeak = 0;
    // Each worker is told the feeds of its claims before their polls (to read their state).
    let unannounced = 0;
    const poller = (s: FeedSchedule, worker: string, announced = new Set<string>()) =>
      new FeedPoller({
        schedule: s,
        concurrency: 8,
        perHost: 2,
        slots: new HostSlots(t.redis, t.prefix, worker, 2),
        leaseMs: 10_000,
        retryMs: 1000,
        idleMs: 20,
        hostOf: (id) => `host-${Number(id.slice(1)) % 3}`,
        claimed: (claimed) => claimed.forEach((id) => announced.add(id)),
        poll: async (id) => {
          if (!announced.delete(id)) unannounced += 1;
          if (inFlight.has(id)) overlap += 1;
          inFlight.add(id);
          const host = `host-${Number(id.slice(1)) % 3}`;
          perHost.set(host, (perHost.get(host) ?? 0) + 1);
          hostPeak = Math.max(hostPeak, perHost.get(host) ?? 0);
          await sleep(5);
          perHost.set(host, (perHost.get(host) ?? 1) - 1);
          inFlight.delete(id);
          polls.set(id, (polls.get(id) ?? 0) + 1);
          return 50;
        },
        log,
      });
    const a = poller(schedule, 'a');
    const b = poller(otherWorker(), 'b');
    a.start();
    b.start();
    await waitFor(() => ids.every((id) => (polls.get(id) ?? 0) >= 3));
    await Promise.all([a.close(), b.close()]);
    expect(overlap).toBe(0);
    expect(unannounced).toBe(0);
    // Two workers, at most 2 per host between them (the limit is shared through Redis).
    expect(hostPeak).toBeLessThanOrEqual(2);
    expect(await t.redis.keys(`${t.prefix}:schedule:host:*`)).toEqual([]);
    expect(await schedule.feedIds()).toEqual([...ids].sort());
  });

  it('a feed whose poll throws is tried again later, not lost', async () => {
    await schedule.sync(['bad']);
    let calls = 0;
    const p = new FeedPoller({
      schedule,
      concurrency: 2,
      perHost: 1,
      leaseMs: 10_000,
      retryMs: 30,
      idleMs: 10,
      hostOf: () => 'h',
      poll: () => {
        calls += 1;
        return Promise.reject(new Error('boom'));
      },
      log,
    });
    p.start();
    await waitFor(() => calls >= 3);
    await p.close();
    expect(await schedule.feedIds()).toEqual(['bad']);
  });
});

describe('FeedPoller, handing feeds back', () => {
  it('hands back a feed that finished while the last hand-back was still in flight', async () => {
    await schedule.sync(['first', 'second']);
    // The first hand-back takes 300 ms; "second" finishes meanwhile, and no poll comes after it.
    let slowOnce = true;
    const slow = Object.assign(Object.create(schedule) as FeedSchedule, {
      complete: async (...args: Parameters<FeedSchedule['complete']>) => {
        if (slowOnce) {
          slowOnce = false;
          await sleep(300);
        }
        return schedule.complete(...args);
      },
    });
    const polled = new Set<string>();
    const p = new FeedPoller({
      schedule: slow,
      concurrency: 2,
      perHost: 2,
      leaseMs: 30_000,
      retryMs: 1000,
      idleMs: 50,
      hostOf: () => 'h',
      poll: async (feedId) => {
        if (polled.size > 0) await sleep(100);
        polled.add(feedId);
        return 60_000;
      },
      log,
    });
    const rescheduled = async (feedId: string) =>
      ((await schedule.dueAt(feedId)) ?? 0) > Date.now() + 30_000;
    p.start();
    try {
      await waitFor(() => polled.size === 2, 2000);
      // Both due again in a minute within a second, not leased until their leases run out.
      await waitFor(
        async () => (await rescheduled('first')) && (await rescheduled('second')),
        1000,
      );
      expect(await rescheduled('second')).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('hands back a feed that finished while its lease was being extended', async () => {
    await schedule.sync(['long']);
    // Leases of 3 s are extended every second; the reply to an extension takes 600 ms, and the
    // poll ends (1.3 s) while it is on its way. Extending gives a new token: a hand-back with
    // the old one would be refused and the feed left leased, unpolled, until that lease ran out.
    const slow = Object.assign(Object.create(schedule) as FeedSchedule, {
      extend: async (...args: Parameters<FeedSchedule['extend']>) => {
        const extended = await schedule.extend(...args);
        await sleep(600);
        return extended;
      },
    });
    let polled = false;
    const p = new FeedPoller({
      schedule: slow,
      concurrency: 1,
      perHost: 1,
      leaseMs: 3000,
      retryMs: 1000,
      idleMs: 50,
      hostOf: () => 'h',
      poll: async () => {
        await sleep(1300);
        polled = true;
        return 60_000;
      },
      log,
    });
    p.start();
    try {
      await waitFor(() => polled, 3000);
      // Due again in a minute once the extension is answered, not leased for 3 s more and then
      // due at once.
      await waitFor(async () => ((await schedule.dueAt('long')) ?? 0) > Date.now() + 30_000, 1500);
      expect((await schedule.size()).leased).toBe(0);
    } finally {
      await p.close();
    }
  });
});

describe('FeedPoller, the next poll', () => {
  it("counts a feed's interval from the start of its poll, not from its end", async () => {
    await schedule.sync(['slow']);
    const starts: number[] = [];
    const p = new FeedPoller({
      schedule,
      concurrency: 1,
      perHost: 1,
      leaseMs: 10_000,
      retryMs: 1000,
      idleMs: 20,
      hostOf: () => 'h',
      // Each poll takes 800 ms and asks for the next one a second after it began.
      poll: async () => {
        starts.push(Date.now());
        await sleep(800);
        return 1000;
      },
      log,
    });
    p.start();
    try {
      await waitFor(() => starts.length >= 3, 10_000);
    } finally {
      await p.close();
    }
    const gaps = starts.slice(1, 3).map((s, i) => s - (starts[i] ?? 0));
    // About a second apart (1.8 s if counted from the end); the claim loop adds a few ms.
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(1500);
    }
  });
});

describe('HostSlots', () => {
  it('gives at most perHost slots per host over all workers; a dead worker’s slots expire', async () => {
    const a = new HostSlots(t.redis, t.prefix, 'a', 2);
    const b = new HostSlots(t.redis, t.prefix, 'b', 2);
    const req = (feedId: string, host = 'h') => ({ feedId, host });
    expect(await a.take([req('1'), req('2'), req('3'), req('4', 'other')], 300)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(await b.take([req('3')], 60_000)).toEqual([false]);
    // Giving one back and asking in the same call.
    expect(await a.take([req('5')], 300, [req('1')])).toEqual([true]);
    // Worker a dies holding its slots: they expire with their lease.
    await sleep(400);
    expect(await b.take([req('3'), req('6')], 60_000)).toEqual([true, true]);
    await b.release([req('3'), req('6')]);
    expect(await t.redis.zcard(`${t.prefix}:schedule:host:h`)).toBe(0);
  });
});
