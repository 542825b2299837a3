/**
 * The destination pacer (store/destination-pacer.ts) in Redis, one timestamp each
 * (`<p>:pace:<destination>`, `<p>:pace-platform:<platform>`): a delivery may go when both next
 * free times have come, and then claims both slots (the destination's for its interval, the
 * platform's for the platform's); `reserve` takes the next slot ahead of time. Atomic (one Lua script), so several workers share one pace.
 */
import type { Redis } from 'ioredis';
import { destinationKey, type Destination, type Platform } from '../../domain/subscription.js';
import type { DestinationPacer, PaceSlot } from '../destination-pacer.js';

// KEYS: destination pace key, platform pace key; ARGV: now ms, destination interval ms,
// platform interval ms, longest wait that may be reserved. The slot is the later of both next
// free times (or now); within the longest wait it is reserved (both keys move past it).
// Returns {1, wait} (reserved) or {0, wait}.
const RESERVE = `
local now = tonumber(ARGV[1])
local slot = now
for i = 1, 2 do
  local nextFree = tonumber(redis.call('GET', KEYS[i]) or '0')
  if nextFree > slot then slot = nextFree end
end
if slot - now > tonumber(ARGV[4]) then return {0, slot - now} end
for i = 1, 2 do
  local interval = tonumber(ARGV[i + 1])
  if interval > 0 then
    redis.call('SET', KEYS[i], slot + interval, 'PX', slot - now + interval + 60000)
  end
end
return {1, slot - now}`;

// Pushes the next free time out (never earlier), e.g. after a Retry-After.
const PUSH = `
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = tonumber(ARGV[1])
if at > nextFree then redis.call('SET', KEYS[1], at, 'PX', at - tonumber(ARGV[2]) + 60000) end
return 0`;

export class RedisDestinationPacer implements DestinationPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly intervalMs: number,
    /** Minimum gap between any two messages on one platform (its global rate). */
    private readonly platformIntervalMs: (platform: Platform) => number = () => 0,
  ) {}

  private key(d: Destination): string {
    return `${this.prefix}:pace:${destinationKey(d)}`;
  }

  async reserve(d: Destination, maxWaitMs: number, now = Date.now()): Promise<PaceSlot> {
    const platformMs = this.platformIntervalMs(d.platform);
    if (this.intervalMs <= 0 && platformMs <= 0) return { reserved: true, wait: 0 };
    const platformKey = `${this.prefix}:pace-platform:${d.platform}`;
    const [reserved, wait] = (await this.redis.eval(
      RESERVE,
      2,
      this.key(d),
      platformKey,
      now,
      this.intervalMs,
      platformMs,
      Math.max(0, maxWaitMs),
    )) as [number, number];
    return { reserved: reserved === 1, wait: Number(wait) };
  }

  async pushBack(d: Destination, untilMs: number, now = Date.now()): Promise<void> {
    await this.redis.eval(PUSH, 1, this.key(d), untilMs, now);
  }
}
