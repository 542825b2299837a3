/**
 * robots.txt files in Redis: `<p>:robots:<sha256 of origin>` → JSON `{ body }`, expiring
 * after the TTL the caller gives (`articles.robotsTtl`, a minute for an unreachable file).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CachedRobots, RobotsCache } from '../robots-cache.js';

export class RedisRobotsCache implements RobotsCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(origin: string): string {
    const hash = createHash('sha256').update(origin.toLowerCase()).digest('hex').slice(0, 32);
    return `${this.prefix}:robots:${hash}`;
  }

  async get(origin: string): Promise<CachedRobots | undefined> {
    const raw = await this.redis.get(this.key(origin));
    if (raw === null) return undefined;
    try {
      const parsed = JSON.parse(raw) as { body?: unknown };
      if (typeof parsed.body === 'string' || parsed.body === null) return { body: parsed.body };
    } catch {
      // A damaged entry is read again from the site.
    }
    return undefined;
  }

  async set(origin: string, entry: CachedRobots, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(origin), JSON.stringify(entry), 'PX', Math.max(1, ttlMs));
  }
}
