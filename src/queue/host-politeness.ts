/**
 * Per-host politeness for article fetches, shared by all workers through one Redis key per host
 * (`<p>:article-host:<host>`): while a request is in flight the key holds it (at most one per
 * host); when it ends the key is kept for the minimum gap, so the next request waits for both.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// KEYS: host key; ARGV: token, hold ms. Returns 0 (claimed) or the ms to wait.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl`;

// KEYS: host key; ARGV: token, gap ms. Only the holder releases; the gap keeps the slot busy.
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[1], 'gap', 'PX', ARGV[2])
else redis.call('DEL', KEYS[1]) end
return 1`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class HostPoliteness {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Minimum gap between the end of one request to a host and the start of the next. */
    private readonly gapMs: number,
    /** Longest a request may hold its host (the fetch's total timeout). */
    private readonly holdMs: number,
  ) {}

  private key(host: string): string {
    return `${this.prefix}:article-host:${host.toLowerCase()}`;
  }

  /**
   * Runs `work` once the host is free, holding it meanwhile. Returns null without running it
   * when the host is not free before `until` (epoch ms).
   */
  async run<T>(
    host: string,
    until: number,
    work: () => Promise<T>,
    crawlDelayMs = 0,
  ): Promise<{ value: T } | null> {
    const token = randomUUID();
    for (;;) {
      const wait = Number(await this.redis.eval(CLAIM, 1, this.key(host), token, this.holdMs));
      if (wait === 0) break;
      // An in-flight hold's TTL is only an upper bound: look again soon.
      const left = until - Date.now();
      if (left <= 0) return null;
      await sleep(Math.min(wait, 100, left));
    }
    try {
      return { value: await work() };
    } finally {
      const gap = Math.max(this.gapMs, crawlDelayMs);
      await this.redis.eval(RELEASE, 1, this.key(host), token, gap).catch(() => undefined);
    }
  }
}
