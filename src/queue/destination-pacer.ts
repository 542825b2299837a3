/**
 * Paces messages per destination with one Redis timestamp each (`<p>:pace:<destination>`): a
 * delivery may go when the destination's next free time has come, and then claims the slot
 * for `intervalMs`. Atomic (one Lua script), so several workers share one pace.
 */
import type { Redis } from 'ioredis';
import { destinationKey, type Destination } from '../domain/subscription.js';

// KEYS[1] pace key; ARGV: now ms, interval ms. Returns 0 (slot taken) or ms to wait.
const CLAIM = `
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if nextFree > now then return nextFree - now end
redis.call('SET', KEYS[1], now + tonumber(ARGV[2]), 'PX', tonumber(ARGV[2]) + 60000)
return 0`;

// Pushes the next free time out (never earlier), e.g. after a Retry-After.
const PUSH = `
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = tonumber(ARGV[1])
if at > nextFree then redis.call('SET', KEYS[1], at, 'PX', at - tonumber(ARGV[2]) + 60000) end
return 0`;

export class DestinationPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly intervalMs: number,
  ) {}

  private key(d: Destination): string {
    return `${this.prefix}:pace:${destinationKey(d)}`;
  }

  /** 0 when the caller may send now (the slot is claimed), else the milliseconds to wait. */
  async claim(d: Destination, now = Date.now()): Promise<number> {
    if (this.intervalMs <= 0) return 0;
    return Number(await this.redis.eval(CLAIM, 1, this.key(d), now, this.intervalMs));
  }

  /** Nothing goes to `d` before `untilMs` (the platform asked us to back off). */
  async pushBack(d: Destination, untilMs: number, now = Date.now()): Promise<void> {
    await this.redis.eval(PUSH, 1, this.key(d), untilMs, now);
  }
}
