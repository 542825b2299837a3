/**
 * The destination pacer (store/destination-pacer.ts) in Redis, one timestamp each
 * (`<p>:pace:<destination>`, `<p>:pace-platform:<platform>`): a delivery may go when both next
 * free times have come, and then claims both slots (the destination's for its interval, the
 * platform's for the platform's). Atomic (one Lua script), so several workers share one pace.
 */
import type { Redis } from 'ioredis';
import { destinationKey, type Destination, type Platform } from '../../domain/subscription.js';
import type { DestinationPacer } from '../destination-pacer.js';

// KEYS: destination pace key, platform pace key; ARGV: now ms, destination interval ms,
// platform interval ms. Returns 0 (both slots taken) or the ms to wait.
const CLAIM = `
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, 2 do
  local nextFree = tonumber(redis.call('GET', KEYS[i]) or '0')
  if nextFree - now > wait then wait = nextFree - now end
end
if wait > 0 then return wait end
for i = 1, 2 do
  local interval = tonumber(ARGV[i + 1])
  if interval > 0 then redis.call('SET', KEYS[i], now + interval, 'PX', interval + 60000) end
end
return 0`;

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

  async claim(d: Destination, now = Date.now()): Promise<number> {
    const platformMs = this.platformIntervalMs(d.platform);
    if (this.intervalMs <= 0 && platformMs <= 0) return 0;
    const platformKey = `${this.prefix}:pace-platform:${d.platform}`;
    return Number(
      await this.redis.eval(CLAIM, 2, this.key(d), platformKey, now, this.intervalMs, platformMs),
    );
  }

  async pushBack(d: Destination, untilMs: number, now = Date.now()): Promise<void> {
    await this.redis.eval(PUSH, 1, this.key(d), untilMs, now);
  }
}
