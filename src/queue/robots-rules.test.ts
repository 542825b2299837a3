import { describe, expect, it } from 'vitest';
import type { CachedRobots, RobotsCache } from '../store/robots-cache.js';
import { RobotsRules, UNREACHABLE_TTL } from './robots-rules.js';

class MemoryCache implements RobotsCache {
  readonly entries = new Map<string, { entry: CachedRobots; ttl: number }>();
  async get(origin: string) {
    return this.entries.get(origin)?.entry;
  }
  async set(origin: string, entry: CachedRobots, ttl: number) {
    this.entries.set(origin, { entry, ttl });
  }
}

const broken: RobotsCache = {
  get: () => Promise.reject(new Error('redis down')),
  set: () => Promise.reject(new Error('redis down')),
};

function rules(cache: RobotsCache, fetchRobots: (o: string) => Promise<string | null>) {
  const errors: unknown[] = [];
  const r = new RobotsRules({
    fetchRobots,
    cache,
    userAgent: 'sitrep/0.1',
    ttlMs: 3_600_000,
    onCacheError: (e) => errors.push(e),
  });
  return { r, errors };
}

describe('RobotsRules', () => {
  it('honours Disallow and Crawl-delay for our agent, reading the file once per cache entry', async () => {
    let reads = 0;
    const cache = new MemoryCache();
    const { r } = rules(cache, async () => {
      reads += 1;
      return 'User-agent: sitrep\nDisallow: /private/\nCrawl-delay: 3\n';
    });
    expect(await r.check('https://news.example/private/a')).toEqual({
      allowed: false,
      crawlDelayMs: 3000,
    });
    expect((await r.check('https://news.example/story')).allowed).toBe(true);
    expect(reads).toBe(1);
    expect(cache.entries.get('https://news.example')?.ttl).toBe(3_600_000);
  });

  it('allows all without a robots.txt, disallows for a minute when it is unreachable', async () => {
    const cache = new MemoryCache();
    const { r } = rules(cache, async (origin) => {
      if (origin.includes('down')) throw Object.assign(new Error('503'), { reason: 'http-status' });
      return null;
    });
    expect((await r.check('https://none.example/a')).allowed).toBe(true);
    expect((await r.check('https://down.example/a')).allowed).toBe(false);
    expect(cache.entries.get('https://down.example')?.ttl).toBe(UNREACHABLE_TTL);
  });

  it('still answers when the cache is down, and says so', async () => {
    const { r, errors } = rules(broken, async () => 'User-agent: *\nDisallow: /x/\n');
    expect((await r.check('https://news.example/x/1')).allowed).toBe(false);
    expect(errors.length).toBe(2);
  });

  it('passes a refused address on as such, uncached', async () => {
    const cache = new MemoryCache();
    const { r } = rules(cache, () =>
      Promise.reject(Object.assign(new Error('blocked'), { reason: 'blocked-address' })),
    );
    await expect(r.check('http://10.0.0.1/a')).rejects.toMatchObject({ reason: 'blocked-address' });
    expect(cache.entries.size).toBe(0);
  });
});
