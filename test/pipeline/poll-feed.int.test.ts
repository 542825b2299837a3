import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Config, FeedConfig } from '../../src/config/schema.js';
import { createLogger } from '../../src/log/logger.js';
import type { ItemsQueueJob } from '../../src/queue/jobs.js';
import { createMetrics } from '../../src/queue/metrics.js';
import { ingestFeedBody, pollFeed, type PollDeps } from '../../src/queue/poll.processor.js';
import { createRedisFeedStateStore } from '../../src/store/redis/redis-feed-state-store.js';
import {
  rssDocument,
  startFeedServer,
  type FeedItemFixture,
  type FeedServer,
} from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const log = createLogger({ level: 'silent', pretty: false });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const item = (n: number, extra: Partial<FeedItemFixture> = {}): FeedItemFixture => ({
  guid: `guid-${n}`,
  title: `Story ${n}`,
  summary: `Summary of story ${n}.`,
  link: `https://news.example.test/story-${n}`,
  pubDate: hoursAgo(1),
  ...extra,
});

let t: TestRedis;
let server: FeedServer;
let queue: Queue<ItemsQueueJob>;

function deps(feeds: Record<string, string>, overrides: Record<string, unknown> = {}): PollDeps {
  const config: Readonly<Config> = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      fetch: { timeout: '1s', maxBytes: 1024 * 1024 },
      polling: { alertOnFirstFetch: true },
      feeds: Object.entries(feeds).map(([id, path]) => ({ id, url: `${server.base}${path}` })),
      ...overrides,
    },
  });
  return {
    config,
    feeds: new Map(config.feeds.map((f) => [f.id, f])),
    state: createRedisFeedStateStore(t.redis, t.prefix),
    itemQueue: queue,
    metrics: createMetrics(),
  };
}

async function enqueuedIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs
    .flatMap((j) => ('items' in j.data ? j.data.items : [j.data.item]).map((i) => i.link))
    .sort();
}

/** The store, whose first state read is followed by the feed's first fetch recorded elsewhere. */
function seededAfterRead(real: PollDeps['state']): PollDeps['state'] {
  let stale = true;
  return Object.assign(Object.create(real) as PollDeps['state'], {
    pollState: async (feedId: string) => {
      const read = await real.pollState(feedId);
      if (stale) {
        stale = false;
        await real.markSeeded(feedId);
      }
      return read;
    },
  });
}

/** Polls now (the schedule, not pollFeed, decides when a feed is due). */
function pollNow(d: PollDeps, feedId: string) {
  return pollFeed(d, feedId, log);
}

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  queue = new Queue<ItemsQueueJob>('items', { connection: t.redis, prefix: t.prefix });
});

afterEach(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await server.close();
  await t.cleanup();
});

describe('polling a feed', () => {
  it('sends a conditional GET the second time, gets 304 and enqueues nothing twice', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2)]);
    const d = deps({ a: '/a.xml' });
    expect(await pollNow(d, 'a')).toMatchObject({ outcome: 'fetched', fresh: 2, enqueued: 2 });
    expect(await pollNow(d, 'a')).toMatchObject({ outcome: 'not-modified' });
    const second = server.requests.at(-1);
    expect(second?.headers['if-none-match']).toMatch(/^"/);
    expect(second?.headers['user-agent']).toMatch(/sitrep/);
    expect(await enqueuedIds()).toHaveLength(2);
  });

  it('does not process an item again when its pubDate or guid formatting changes, or it moves', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2)]);
    const d = deps({ a: '/a.xml' });
    await pollNow(d, 'a');
    server.rss('/a.xml', 'A', [
      item(2, { pubDate: hoursAgo(0.5) }),
      item(1, { guid: ' guid-1-v2 ' }),
      item(3),
    ]);
    expect(await pollNow(d, 'a')).toMatchObject({ outcome: 'fetched', fresh: 1 });
    expect(await enqueuedIds()).toEqual(
      [1, 2, 3].map((n) => `https://news.example.test/story-${n}`),
    );
  });

  it('treats one story URL in two feeds as one item (tracking parameters ignored)', async () => {
    server.rss('/a.xml', 'A', [item(1)]);
    server.rss('/b.xml', 'B', [
      item(9, { link: 'https://news.example.test/story-1?utm_source=rss&utm_medium=feed' }),
    ]);
    const d = deps({ a: '/a.xml', b: '/b.xml' });
    await pollNow(d, 'a');
    expect(await pollNow(d, 'b')).toMatchObject({ outcome: 'fetched', fresh: 0 });
    expect(await enqueuedIds()).toHaveLength(1);
  });

  it('records the first fetch of a new feed silently and never alerts items older than the cut-off', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2)]);
    const d = deps({ a: '/a.xml' }, { polling: { alertOnFirstFetch: false } });
    expect(await pollNow(d, 'a')).toMatchObject({ fresh: 2, enqueued: 0 });
    server.rss('/a.xml', 'A', [item(1), item(2), item(3), item(4, { pubDate: hoursAgo(30) })]);
    expect(await pollNow(d, 'a')).toMatchObject({ fresh: 2, enqueued: 1 });
    expect(await enqueuedIds()).toEqual(['https://news.example.test/story-3']);
  });

  it('does the silent first fetch again as a later one when the feed was seeded meanwhile (a WebSub push)', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2)]);
    const d = deps({ a: '/a.xml' }, { polling: { alertOnFirstFetch: false } });
    // The state is read as "first fetch to come"; a push records the first fetch before this
    // poll records its own. Recording this one silently would drop its items' alerts.
    const state = seededAfterRead(d.state);
    expect(await pollNow({ ...d, state }, 'a')).toMatchObject({ fresh: 2, enqueued: 2 });
    expect(await enqueuedIds()).toEqual([
      'https://news.example.test/story-1',
      'https://news.example.test/story-2',
    ]);
  });

  it('takes a pushed document again as a later one when its silent record is refused', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2)]);
    const d = deps({ a: '/a.xml' }, { polling: { alertOnFirstFetch: false } });
    const body = Buffer.from(await (await fetch(`${server.base}/a.xml`)).arrayBuffer());
    const state = seededAfterRead(d.state); // a poll recorded the first fetch meanwhile
    expect(
      await ingestFeedBody({ ...d, state }, 'a', body, 'application/rss+xml', log),
    ).toMatchObject({ fresh: 2, enqueued: 2 });
    expect(await enqueuedIds()).toHaveLength(2);
  });
});

describe('feed failures', () => {
  it('gives each broken feed its own clear error and backoff while a good feed keeps flowing', async () => {
    server.rss('/good.xml', 'Good', [item(1)]);
    server.route('/slow.xml', () => undefined); // never answers
    server.route('/500.xml', (res) => res.writeHead(500).end('boom'));
    server.route('/html.xml', (res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body>Hello</body></html>'),
    );
    server.route('/huge.xml', (res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 20; i += 1) res.write(chunk);
      res.end();
    });
    server.route('/broken.xml', (res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<rss><channel>\n<title>x</title>\n<item></channel>'),
    );
    const d = deps({
      good: '/good.xml',
      slow: '/slow.xml',
      e500: '/500.xml',
      html: '/html.xml',
      huge: '/huge.xml',
      broken: '/broken.xml',
    });
    const results = await Promise.all(
      ['slow', 'e500', 'html', 'huge', 'broken', 'good'].map((id) => pollNow(d, id)),
    );
    expect(results.at(-1)).toMatchObject({ outcome: 'fetched', enqueued: 1 });
    const health = Object.fromEntries(
      await Promise.all(
        ['slow', 'e500', 'html', 'huge', 'broken', 'good'].map(async (id) => [
          id,
          await d.state.health(id),
        ]),
      ),
    );
    expect(health.slow).toMatchObject({ status: 'failing', lastErrorReason: 'timeout' });
    expect(health.e500).toMatchObject({
      status: 'failing',
      lastErrorReason: 'http-status',
      lastError: expect.stringContaining('500'),
    });
    expect(health.html).toMatchObject({ lastErrorReason: 'not-a-feed' });
    expect(health.huge).toMatchObject({ lastErrorReason: 'too-large' });
    expect(health.broken).toMatchObject({
      lastErrorReason: 'parse-error',
      lastError: expect.stringMatching(/line \d+/),
    });
    expect(health.good).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    // Exponential backoff: the second failure waits twice as long as the first.
    const first = Date.parse(health.e500.nextPollAt) - Date.parse(health.e500.lastErrorAt);
    await pollNow(d, 'e500');
    const again = await d.state.health('e500');
    expect(again.consecutiveFailures).toBe(2);
    expect(Date.parse(again.nextPollAt ?? '') - Date.parse(again.lastErrorAt ?? '')).toBe(
      first * 2,
    );
    expect(await enqueuedIds()).toHaveLength(1);
  });

  it('waits the whole Retry-After from the answer, however long the answer took', async () => {
    server.route('/busy.xml', (res) => {
      setTimeout(() => res.writeHead(429, { 'retry-after': '7200' }).end(), 300);
    });
    const result = await pollNow(deps({ busy: '/busy.xml' }), 'busy');
    // The next poll is counted from the poll's start: two hours plus the 300 ms answer.
    expect(result).toMatchObject({ outcome: 'failed', reason: 'http-status' });
    expect(result.outcome === 'failed' && result.nextPollMs).toBeGreaterThanOrEqual(7_200_300);
  });

  it('gives items the topic filter rejects no job, yet remembers them as seen', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2), item(3)]);
    const d = { ...deps({ a: '/a.xml' }), onTopic: (i: { link: string }) => i.link.endsWith('-2') };
    expect(await pollNow(d, 'a')).toMatchObject({ fresh: 3, enqueued: 1 });
    expect(await enqueuedIds()).toEqual(['https://news.example.test/story-2']);
    server.rss('/a.xml', 'A', [item(1), item(2), item(3), item(4)]);
    expect(await pollNow(d, 'a')).toMatchObject({ fresh: 1, enqueued: 0 });
  });

  it('enqueues the new items of one fetch as one job', async () => {
    server.rss('/a.xml', 'A', [item(1), item(2), item(3)]);
    const d = deps({ a: '/a.xml' });
    await pollNow(d, 'a');
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.name).toBe('items');
  });

  it('polls a busy feed often, a quiet one rarely and a pinned one at its own interval', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const every = (gap: number) =>
      [0, 1, 2, 3, 4].map((n) => item(n, { pubDate: minutesAgo(1 + n * gap) }));
    server.rss('/busy.xml', 'Busy', every(3));
    server.rss('/quiet.xml', 'Quiet', every(24 * 60));
    const d = {
      ...deps(
        { busy: '/busy.xml', quiet: '/quiet.xml' },
        { polling: { minInterval: '1m', maxInterval: '2h', jitter: 0 } },
      ),
      random: () => 0.5,
    };
    const busy = await pollNow(d, 'busy');
    const quiet = await pollNow(d, 'quiet');
    expect(busy).toMatchObject({ outcome: 'fetched', nextPollMs: 90_000 });
    expect(quiet).toMatchObject({ outcome: 'fetched', nextPollMs: 2 * 3_600_000 });
    // The 304 that follows keeps the rate learned from the items.
    expect(await pollNow(d, 'busy')).toMatchObject({ outcome: 'not-modified', nextPollMs: 90_000 });
    const pinned = deps({ busy: '/busy.xml' }, { polling: { minInterval: '10s' } });
    const withInterval = {
      ...pinned,
      feeds: new Map([['busy', { ...(pinned.config.feeds[0] as FeedConfig), interval: 45_000 }]]),
    };
    expect(await pollNow(withInterval, 'busy')).toMatchObject({ nextPollMs: 45_000 });
  });

  it('never polls sooner than Cache-Control max-age allows', async () => {
    const doc = rssDocument('A', [item(1), item(2, { pubDate: hoursAgo(2) })]);
    server.route('/a.xml', (res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=7200' })
        .end(doc),
    );
    const d = deps({ a: '/a.xml' }, { polling: { minInterval: '1m', maxInterval: '1h' } });
    expect(await pollNow(d, 'a')).toMatchObject({ nextPollMs: 7_200_000 });
  });
});
