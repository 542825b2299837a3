/**
 * Runtime-added feeds in Redis:
 *   <p>:feeds:runtime  hash  feed id → JSON RuntimeFeed
 * Ids are the URL's host as a slug plus a short hash of the URL ("example-com-3f9a1c").
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RuntimeFeed, RuntimeFeedStore } from '../runtime-feed-store.js';

export function runtimeFeedId(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 6);
  return `${slug || 'feed'}-${hash}`;
}

export class RedisRuntimeFeedStore implements RuntimeFeedStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:feeds:runtime`;
  }

  async list(): Promise<RuntimeFeed[]> {
    const all = Object.values(await this.redis.hgetall(this.key));
    return all
      .map((json) => JSON.parse(json) as RuntimeFeed)
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  async add(feed: { url: string; name: string }, addedBy: string, now: Date): Promise<RuntimeFeed> {
    const stored: RuntimeFeed = {
      id: runtimeFeedId(feed.url),
      url: feed.url,
      name: feed.name,
      addedBy,
      addedAt: now.toISOString(),
    };
    await this.redis.hset(this.key, stored.id, JSON.stringify(stored));
    return stored;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, id)) > 0;
  }
}
