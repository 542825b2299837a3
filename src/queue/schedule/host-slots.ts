/**
 * The per-host limit (`polling.perHost`) across every worker that shares the Redis: one sorted
 * set per host (`<p>:schedule:host:<host>`, holder → slot expiry on the Redis clock). A worker
 * takes a slot before it fetches from a host and gives it back when the fetch is done; a slot
 * of a worker that died expires with the feed's lease, so a host is never blocked for longer.
 * Slots are taken and given back in batches: one Lua call for all the feeds a worker is about to
 * start, one for all it has finished.
 */
import type { Redis } from 'ioredis';
import { LuaScript, REDIS_NOW } from './lua-script.js';

// KEYS: the host keys of the slots given back, then one per request. ARGV: slot ms, per host,
// number given back, then a holder per key. Gives back first, then returns 1/0 per request.
const TAKE = new LuaScript(`
${REDIS_NOW}
local ms = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
local back = tonumber(ARGV[3])
for i = 1, back do
  redis.call('ZREM', KEYS[i], ARGV[i + 3])
end
local out = {}
for i = back + 1, #KEYS do
  local key = KEYS[i]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local holder = ARGV[i + 3]
  if redis.call('ZSCORE', key, holder) or redis.call('ZCARD', key) < per then
    redis.call('ZADD', key, now + ms, holder)
    redis.call('PEXPIRE', key, ms)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out`);

// KEYS: one host key per slot. ARGV: slot ms, holder per key. Extends the slots still held.
const EXTEND = new LuaScript(`
${REDIS_NOW}
local ms = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if redis.call('ZADD', key, 'XX', 'CH', now + ms, ARGV[i + 1]) == 1 then
    redis.call('PEXPIRE', key, ms)
  end
end
return 1`);

/** A slot request: a feed about to be fetched from `host`. */
export interface HostSlot {
  readonly host: string;
  readonly feedId: string;
}

export class HostSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** This worker (slots are held per worker and feed). */
    private readonly workerId: string,
    private readonly perHost: number,
  ) {}

  private key(host: string): string {
    return `${this.prefix}:schedule:host:${host}`;
  }

  private holder(feedId: string): string {
    return `${this.workerId}|${feedId}`;
  }

  /**
   * Gives `back` slots back, then takes a slot for each request its host has room for, in one
   * call; returns which requests were granted.
   */
  async take(
    requests: readonly HostSlot[],
    slotMs: number,
    back: readonly HostSlot[] = [],
  ): Promise<boolean[]> {
    if (requests.length === 0) {
      await this.release(back);
      return [];
    }
    const all = [...back, ...requests];
    const granted = (await TAKE.run(
      this.redis,
      all.map((r) => this.key(r.host)),
      [slotMs, this.perHost, back.length, ...all.map((r) => this.holder(r.feedId))],
    )) as number[];
    return requests.map((_, i) => granted[i] === 1);
  }

  /** Gives slots back (fetches done). */
  async release(slots: readonly HostSlot[]): Promise<void> {
    if (slots.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const s of slots) pipeline.zrem(this.key(s.host), this.holder(s.feedId));
    await pipeline.exec();
  }

  /** Keeps held slots from expiring during a long fetch (renewed with the feed leases). */
  async extend(slots: readonly HostSlot[], slotMs: number): Promise<void> {
    if (slots.length === 0) return;
    await EXTEND.run(
      this.redis,
      slots.map((s) => this.key(s.host)),
      [slotMs, ...slots.map((s) => this.holder(s.feedId))],
    );
  }
}
