import { RedisRobotsCache } from '../../src/store/redis/redis-robots-cache.js';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ArticleReader } from '../../src/queue/article-reader.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const STORY = readFileSync(new URL('../fixtures/articles/story.html', import.meta.url), 'utf8');
const PAYWALL = readFileSync(new URL('../fixtures/articles/paywall.html', import.meta.url));
const html = { 'content-type': 'text/html; charset=utf-8' };

let t: TestRedis;
let server: FeedServer;

function reader(articles: Record<string, unknown> = {}, allow = ['127.0.0.1']): ArticleReader {
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      feedAdmin: { allowAddresses: allow },
      articles: { hostInterval: '0ms', timeout: '5s', robotsTtl: '1h', ...articles },
    },
  });
  return new ArticleReader({
    redis: t.redis,
    prefix: t.prefix,
    config,
    robotsCache: new RedisRobotsCache(t.redis, t.prefix),
  });
}

const hits = (path: string): number => server.requests.filter((r) => r.path === path).length;

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  server.route('/robots.txt', (res) =>
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end('User-agent: *\nDisallow: /private/\n'),
  );
  server.route('/story', (res, headers) => {
    if (headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { ...html, etag: '"v1"' }).end(STORY);
  });
});

afterEach(async () => {
  await server.close();
  await t.cleanup();
});

describe('reading an article page', () => {
  it('extracts the story once per URL: the second read comes from the cache', async () => {
    const r = reader();
    const first = await r.read(`${server.base}/story`);
    expect(first.outcome).toBe('fetched');
    expect(first.article?.paragraphs.join(' ')).toContain('Four US service members');
    expect((await r.read(`${server.base}/story`)).outcome).toBe('cached');
    expect(hits('/story')).toBe(1);
  });

  it('fetches a story once when five feeds link it at once, tracking tags and all', async () => {
    server.route('/slow-story', (res) => {
      setTimeout(() => res.writeHead(200, html).end(STORY), 300);
    });
    const reads = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((feed) =>
        reader().read(`${server.base}/slow-story?utm_source=${feed}&utm_medium=rss`),
      ),
    );
    expect(reads.filter((r) => r.outcome === 'fetched')).toHaveLength(1);
    expect(reads.filter((r) => r.outcome === 'cached')).toHaveLength(4);
    expect(reads.every((r) => r.article?.title.includes('Ain al-Asad'))).toBe(true);
    expect(server.requests.filter((q) => q.path.startsWith('/slow-story'))).toHaveLength(1);
  });

  it('answers "error" without throwing when Redis is unavailable (the feed text is used)', async () => {
    const down = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    const config = loadConfig({
      env: {},
      overrides: { redis: { prefix: t.prefix }, feedAdmin: { allowAddresses: ['127.0.0.1'] } },
    });
    try {
      const r = new ArticleReader({
        redis: down,
        prefix: t.prefix,
        config,
        robotsCache: new RedisRobotsCache(down, t.prefix),
      });
      expect(await r.read(`${server.base}/story`)).toEqual({ outcome: 'error' });
    } finally {
      down.disconnect();
    }
  });

  it('re-fetches a stale entry with a conditional GET and keeps the article on 304', async () => {
    const r = reader({ refreshAfter: '0ms' });
    await r.read(`${server.base}/story`);
    const again = await r.read(`${server.base}/story`);
    expect(again.outcome).toBe('not-modified');
    expect(again.article?.title).toContain('Ain al-Asad');
    expect(server.requests.filter((q) => q.path === '/story')[1]?.headers['if-none-match']).toBe(
      '"v1"',
    );
  });

  it('falls back on a paywall stub, a 404 and a non-HTML document', async () => {
    server.route('/paywalled', (res) => res.writeHead(200, html).end(PAYWALL));
    server.route('/report.pdf', (res) =>
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
    );
    const r = reader();
    expect(await r.read(`${server.base}/paywalled`)).toEqual({ outcome: 'no-text' });
    expect(await r.read(`${server.base}/gone`)).toEqual({ outcome: 'http-status' });
    expect(await r.read(`${server.base}/report.pdf`)).toEqual({ outcome: 'wrong-type' });
  });

  it('refuses a private address unless feedAdmin.allowAddresses names it, also after a redirect', async () => {
    expect(await reader({}, []).read(`${server.base}/story`)).toEqual({
      outcome: 'blocked-address',
    });
    server.route('/hop', (res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    expect(await reader({}, ['127.0.0.1']).read(`${server.base}/hop`)).toEqual({
      outcome: 'blocked-address',
    });
    expect(hits('/story')).toBe(0);
  });

  it('respects robots.txt Disallow without requesting the page', async () => {
    server.route('/private/story', (res) => res.writeHead(200, html).end(STORY));
    expect(await reader().read(`${server.base}/private/story`)).toEqual({ outcome: 'robots' });
    expect(hits('/private/story')).toBe(0);
  });

  it('reads robots.txt once per TTL for all workers, through Redis', async () => {
    server.route('/private/story', (res) => res.writeHead(200, html).end(STORY));
    server.route('/other', (res) => res.writeHead(200, html).end(STORY));
    expect((await reader().read(`${server.base}/story`)).outcome).toBe('fetched');
    // A second worker (its own reader) uses the file the first one read.
    expect((await reader().read(`${server.base}/private/story`)).outcome).toBe('robots');
    expect(hits('/robots.txt')).toBe(1);
    const keys = await t.redis.keys(`${t.prefix}:robots:*`);
    expect(keys).toHaveLength(1);
    const ttl = await t.redis.pttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    // Once the entry is gone (TTL), the file is read again.
    await t.redis.del(keys[0] ?? '');
    expect((await reader().read(`${server.base}/other`)).outcome).toBe('fetched');
    expect(hits('/robots.txt')).toBe(2);
  });

  it('treats an unreachable robots.txt as disallowing, for a minute only', async () => {
    server.route('/robots.txt', (res) => res.writeHead(503).end());
    expect(await reader().read(`${server.base}/story`)).toEqual({ outcome: 'robots' });
    expect(hits('/story')).toBe(0);
    const [key = ''] = await t.redis.keys(`${t.prefix}:robots:*`);
    expect(await t.redis.pttl(key)).toBeLessThanOrEqual(60_000);
  });

  it('cuts off a 1 GB gzip bomb and a 50 MB page with bounded memory', async () => {
    // 16 MB of gzip from zeros inflates to about 1 GB; sent in a loop until the client hangs up.
    const chunk = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    server.route('/bomb', (res) => {
      res.writeHead(200, { ...html, 'content-encoding': 'gzip' });
      let sent = 0;
      const more = (): void => {
        while (sent < 16 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    let bigSent = 0;
    server.route('/big', (res) => {
      res.writeHead(200, html);
      const block = Buffer.alloc(256 * 1024, 0x61);
      const more = (): void => {
        while (bigSent < 50 * 1024 * 1024 && !res.destroyed) {
          bigSent += block.length;
          if (!res.write(block)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const before = process.memoryUsage().rss;
    const r = reader({ maxBytes: 2 * 1024 * 1024 });
    expect(await r.read(`${server.base}/bomb`)).toEqual({ outcome: 'too-large' });
    expect(await r.read(`${server.base}/big`)).toEqual({ outcome: 'too-large' });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    expect(bigSent).toBeLessThan(50 * 1024 * 1024);
  });

  it('keeps one request in flight per host and a gap between them, across readers', async () => {
    const starts: number[] = [];
    for (const p of ['/a', '/b']) {
      server.route(p, (res) => {
        starts.push(Date.now());
        setTimeout(() => res.writeHead(200, html).end(STORY), 200);
      });
    }
    const settings = { hostInterval: '300ms' };
    const reads = await Promise.all([
      reader(settings).read(`${server.base}/a`),
      reader(settings).read(`${server.base}/b`),
    ]);
    expect(reads.map((r) => r.outcome)).toEqual(['fetched', 'fetched']);
    const [s1 = 0, s2 = 0] = starts.sort((x, y) => x - y);
    expect(s2 - s1).toBeGreaterThanOrEqual(480);
  });
});
