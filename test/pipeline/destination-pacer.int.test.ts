import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/domain/subscription.js';
import { RedisDestinationPacer } from '../../src/store/redis/redis-destination-pacer.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

let t: TestRedis;
beforeEach(() => {
  t = testRedis();
});
afterEach(async () => {
  await t.cleanup();
});

const dest = (platform: 'slack' | 'discord', id: string): Destination => ({
  platform,
  workspaceId: 'W',
  kind: 'channel',
  id,
});

/** Send now or not at all: 0 when the slot is taken now, else the milliseconds to wait. */
function claimer(pacer: RedisDestinationPacer) {
  return async (d: Destination, now: number): Promise<number> => {
    const slot = await pacer.reserve(d, 0, now);
    return slot.reserved ? 0 : slot.wait;
  };
}

describe('RedisDestinationPacer', () => {
  it('paces one destination and, separately, one whole platform', async () => {
    const pacer = new RedisDestinationPacer(t.redis, t.prefix, 1000, (p) =>
      p === 'slack' ? 200 : 0,
    );
    const claim = claimer(pacer);
    const now = 1_000_000;
    expect(await claim(dest('slack', 'C1'), now)).toBe(0);
    // Same channel: its own 1 s interval.
    expect(await claim(dest('slack', 'C1'), now + 10)).toBe(990);
    // Another Slack channel: only the platform's 200 ms gap.
    expect(await claim(dest('slack', 'C2'), now + 10)).toBe(190);
    expect(await claim(dest('slack', 'C2'), now + 200)).toBe(0);
    // Discord has no platform gap here and its own destinations.
    expect(await claim(dest('discord', 'C1'), now + 10)).toBe(0);
    expect(await claim(dest('discord', 'C9'), now + 11)).toBe(0);
  });

  it('holds a destination back until a Retry-After has passed', async () => {
    const pacer = new RedisDestinationPacer(t.redis, t.prefix, 100);
    const claim = claimer(pacer);
    const now = 2_000_000;
    await pacer.pushBack(dest('slack', 'C1'), now + 5000, now);
    expect(await claim(dest('slack', 'C1'), now + 1000)).toBe(4000);
    expect(await claim(dest('slack', 'C1'), now + 5000)).toBe(0);
  });

  it('reserves consecutive slots for a burst, up to the longest wait it may hold', async () => {
    const pacer = new RedisDestinationPacer(t.redis, t.prefix, 5, (p) => (p === 'slack' ? 2 : 0));
    const now = 3_000_000;
    const slots = [];
    for (let i = 0; i < 4; i += 1) slots.push(await pacer.reserve(dest('slack', 'C1'), 12, now));
    expect(slots).toEqual([
      { reserved: true, wait: 0 },
      { reserved: true, wait: 5 },
      { reserved: true, wait: 10 },
      // 15 ms away: beyond the 12 ms the caller may wait, so not taken.
      { reserved: false, wait: 15 },
    ]);
    // The refused reservation took nothing: the slot is still there for the next caller.
    expect(await pacer.reserve(dest('slack', 'C1'), 20, now)).toEqual({ reserved: true, wait: 15 });
    // Another channel only waits for the platform's gap after the last reserved slot (15 + 2).
    expect(await pacer.reserve(dest('slack', 'C2'), 20, now)).toEqual({ reserved: true, wait: 17 });
    // A Retry-After pushes reservations past it.
    await pacer.pushBack(dest('slack', 'C1'), now + 1000, now);
    expect(await pacer.reserve(dest('slack', 'C1'), 20, now)).toEqual({
      reserved: false,
      wait: 1000,
    });
  });
});
