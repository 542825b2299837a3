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

describe('RedisDestinationPacer', () => {
  it('paces one destination and, separately, one whole platform', async () => {
    const pacer = new RedisDestinationPacer(t.redis, t.prefix, 1000, (p) =>
      p === 'slack' ? 200 : 0,
    );
    const now = 1_000_000;
    expect(await pacer.claim(dest('slack', 'C1'), now)).toBe(0);
    // Same channel: its own 1 s interval.
    expect(await pacer.claim(dest('slack', 'C1'), now + 10)).toBe(990);
    // Another Slack channel: only the platform's 200 ms gap.
    expect(await pacer.claim(dest('slack', 'C2'), now + 10)).toBe(190);
    expect(await pacer.claim(dest('slack', 'C2'), now + 200)).toBe(0);
    // Discord has no platform gap here and its own destinations.
    expect(await pacer.claim(dest('discord', 'C1'), now + 10)).toBe(0);
    expect(await pacer.claim(dest('discord', 'C9'), now + 11)).toBe(0);
  });

  it('holds a destination back until a Retry-After has passed', async () => {
    const pacer = new RedisDestinationPacer(t.redis, t.prefix, 100);
    const now = 2_000_000;
    await pacer.pushBack(dest('slack', 'C1'), now + 5000, now);
    expect(await pacer.claim(dest('slack', 'C1'), now + 1000)).toBe(4000);
    expect(await pacer.claim(dest('slack', 'C1'), now + 5000)).toBe(0);
  });
});
