import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createWebSub, type WebSub } from '../../src/feed/websub/create-websub.js';
import { CALLBACK_PATH, type WebSubNotification } from '../../src/feed/websub/websub-callback.js';
import { callbackFor } from '../../src/feed/websub/websub-subscriber.js';
import { startHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/log/logger.js';
import { fetchOptionsFor } from '../../src/feed/fetch-options.js';
import { RedisWebSubLeaseStore } from '../../src/store/redis/redis-websub-lease-store.js';
import { rssDocument, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { startLocalHub, type LocalHub } from '../support/websub-hub.js';

const log = createLogger({ level: 'silent', pretty: false });
const config = loadConfig({ env: {}, overrides: { http: { enabled: false } } });

let t: TestRedis;
let hub: LocalHub;
let feeds: FeedServer;
let http: HttpServer;
let leases: RedisWebSubLeaseStore;
let registry: Registry;
let clock: number;
let received: WebSubNotification[];
/** Feeds WebSub asked to poll at once (push stopped). */
let polledNow: string[];
let handler: WebSub['callback'] | undefined;
const started: WebSub[] = [];

/** An RSS feed advertising `hub` in the document (atom:link) and a self URL. */
function rssWithHub(hubUrl: string, self: string): string {
  return rssDocument('Outlet', []).replace(
    '<channel>',
    `<channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="${hubUrl}"/>` +
      `<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="${self}"/>`,
  );
}

/** One worker's WebSub; a second worker gets its own metrics registry, as its own process would. */
function websub(): WebSub {
  const w = createWebSub({
    config: {
      ...config.websub,
      callbackUrl: `http://127.0.0.1:${http.port}${CALLBACK_PATH}`,
      leaseSeconds: 600,
    },
    leases,
    registry: started.length === 0 ? registry : new Registry(),
    log,
    feeds: async () => [],
    fetchOptions: (origin) => fetchOptionsFor(config, origin),
    onNotification: async (n) => void received.push(n),
    pollNow: async (feedId) => void polledNow.push(feedId),
    now: () => new Date(clock),
  });
  handler ??= w.callback;
  started.push(w);
  return w;
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

const FEED = (path: string) => ({
  id: 'one',
  url: `${feeds.base}${path}`,
  origin: 'config' as const,
});

beforeEach(async () => {
  t = testRedis();
  hub = await startLocalHub();
  feeds = await startFeedServer();
  leases = new RedisWebSubLeaseStore(t.redis, t.prefix);
  registry = new Registry();
  received = [];
  polledNow = [];
  handler = undefined;
  clock = Date.now();
  http = await startHttpServer(
    {
      registry,
      redisOk: async () => true,
      routes: [{ prefix: CALLBACK_PATH, handle: (req, res) => handler!.handle(req, res) }],
    },
    '127.0.0.1',
    0,
  );
  feeds.route('/doc.xml', (res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(rssWithHub(hub.url, 'https://outlet.example.test/feed.xml')),
  );
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop()));
  await http.close();
  await hub.close();
  await feeds.close();
  await t.cleanup();
});

/** Subscribes feed `one` served at `path` and waits for the hub's verification. */
async function subscribed(w: WebSub, path = '/doc.xml') {
  await w.subscriber.sync([FEED(path)]);
  await hub.settled();
  const sub = await leases.ofFeed('one');
  if (!sub) throw new Error('no subscription');
  return sub;
}

describe('WebSub subscriber against a local hub', () => {
  it('finds the hub in the feed document, subscribes with a secret and answers the verification', async () => {
    const sub = await subscribed(websub());
    expect(hub.requests).toEqual([
      {
        mode: 'subscribe',
        topic: 'https://outlet.example.test/feed.xml',
        callback: callbackFor(`http://127.0.0.1:${http.port}${CALLBACK_PATH}`, sub.id),
        secret: sub.secret,
        leaseSeconds: 600,
      },
    ]);
    expect(sub.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(hub.verifications).toMatchObject([{ mode: 'subscribe', confirmed: true }]);
    expect(sub.state).toBe('active');
    expect(await leases.isActive('one')).toBe(true);
  });

  it('finds the hub in the Link header, which wins over the document', async () => {
    feeds.route('/header.xml', (res) =>
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml',
          link: `<${hub.url}>; rel="hub", <https://outlet.example.test/canonical.xml>; rel="self"`,
        })
        .end(rssWithHub('https://elsewhere.example.test/hub', 'https://x.example.test/')),
    );
    const sub = await subscribed(websub(), '/header.xml');
    expect(sub.hub).toBe(hub.url);
    expect(hub.requests[0]?.topic).toBe('https://outlet.example.test/canonical.xml');
    expect(sub.state).toBe('active');
  });

  it('leaves a feed without a hub to polling and does not fetch it again on every pass', async () => {
    feeds.rss('/plain.xml', 'Plain', []);
    const w = websub();
    await w.subscriber.sync([FEED('/plain.xml')]);
    await w.subscriber.sync([FEED('/plain.xml')]);
    expect(await leases.ofFeed('one')).toBeNull();
    expect(hub.requests).toHaveLength(0);
    expect(feeds.requests.filter((r) => r.path === '/plain.xml')).toHaveLength(1);
  });

  it('passes on correctly signed content and ignores, answers 2xx to and counts bad or missing signatures', async () => {
    const sub = await subscribed(websub());
    const body = rssDocument('Outlet', []);
    expect(await hub.publish(sub.topic, body)).toEqual([202]);
    expect(await hub.publish(sub.topic, body, { method: 'sha1' })).toEqual([202]);
    expect(received.map((n) => [n.feedId, n.body.toString()])).toEqual([
      ['one', body],
      ['one', body],
    ]);
    expect(await hub.publish(sub.topic, '<rss>forged</rss>', { signature: 'bad' })).toEqual([202]);
    expect(await hub.publish(sub.topic, '<rss>unsigned</rss>', { signature: 'none' })).toEqual([
      202,
    ]);
    expect(received).toHaveLength(2);
    const n = 'sitrep_websub_notifications_total';
    expect(await metric(n, 'outcome="accepted"')).toBe(2);
    expect(await metric(n, 'outcome="bad_signature"')).toBe(1);
    expect(await metric(n, 'outcome="missing_signature"')).toBe(1);
  });

  it('refuses verifications it never asked for with 404', async () => {
    const w = websub();
    const sub = await subscribed(w);
    const callback = callbackFor(`http://127.0.0.1:${http.port}${CALLBACK_PATH}`, sub.id);
    const ask = (params: Record<string, string>) =>
      hub.verify(callback, { 'hub.challenge': 'c123', 'hub.lease_seconds': '60', ...params });
    expect(
      await ask({ 'hub.mode': 'subscribe', 'hub.topic': 'https://evil.example.test/' }),
    ).toEqual({ status: 404, body: 'not found\n' });
    expect(await ask({ 'hub.mode': 'unsubscribe', 'hub.topic': sub.topic })).toMatchObject({
      status: 404,
    });
    const unknown = callbackFor(`http://127.0.0.1:${http.port}${CALLBACK_PATH}`, 'f'.repeat(32));
    expect(
      await hub.verify(unknown, {
        'hub.mode': 'subscribe',
        'hub.topic': sub.topic,
        'hub.challenge': 'x',
      }),
    ).toMatchObject({ status: 404 });
    expect((await leases.get(sub.id))?.state).toBe('active');
    expect(
      await metric('sitrep_websub_verifications_total', 'mode="subscribe",outcome="refused"'),
    ).toBe(2);
    // Content for a subscription that does not exist: 410 Gone, so the hub drops it.
    const res = await fetch(unknown, { method: 'POST', body: 'x' });
    expect(res.status).toBe(410);
  });

  it('renews the lease once, before it expires, when two workers share the store', async () => {
    hub.grantLease = 100;
    const [a, b] = [websub(), websub()];
    const sub = await subscribed(a);
    const firstExpiry = Date.parse((await leases.get(sub.id))?.expiresAt ?? '');
    expect(firstExpiry).toBe(clock + 100_000);
    clock += 70_000;
    await Promise.all([
      a.subscriber.tick([FEED('/doc.xml')]),
      b.subscriber.tick([FEED('/doc.xml')]),
    ]);
    expect(hub.requests).toHaveLength(1);
    clock += 6_000; // 76 s: past three quarters of the lease, 24 s before it runs out
    await Promise.all([
      a.subscriber.tick([FEED('/doc.xml')]),
      b.subscriber.tick([FEED('/doc.xml')]),
    ]);
    await hub.settled();
    expect(hub.requests.map((r) => r.mode)).toEqual(['subscribe', 'subscribe']);
    expect(hub.requests[1]?.callback).toBe(hub.requests[0]?.callback);
    expect(hub.verifications.map((v) => v.confirmed)).toEqual([true, true]);
    const renewed = await leases.get(sub.id);
    expect(Date.parse(renewed?.expiresAt ?? '')).toBe(clock + 100_000);
    expect(clock).toBeLessThan(firstExpiry);
    // Nothing more is due until three quarters of the new lease.
    clock += 30_000;
    await Promise.all([
      a.subscriber.tick([FEED('/doc.xml')]),
      b.subscriber.tick([FEED('/doc.xml')]),
    ]);
    expect(hub.requests).toHaveLength(2);
  });

  it('asks again when the hub never verifies, with the same subscription', async () => {
    hub.answer = 503;
    const w = websub();
    await w.subscriber.sync([FEED('/doc.xml')]);
    const failed = await leases.ofFeed('one');
    expect(failed).toMatchObject({ state: 'failed', failures: 1 });
    expect(failed?.lastError).toMatch(/HTTP 503/);
    hub.answer = 202;
    clock += config.websub.checkInterval;
    await w.subscriber.tick([FEED('/doc.xml')]);
    await hub.settled();
    expect(await leases.ofFeed('one')).toMatchObject({ id: failed?.id, state: 'active' });
  });

  it('unsubscribes when the feed is removed, and forgets it once the hub confirms', async () => {
    const w = websub();
    const sub = await subscribed(w);
    await w.subscriber.sync([]);
    expect(await leases.isActive('one')).toBe(false);
    await w.subscriber.tick([]);
    await hub.settled();
    expect(hub.requests.map((r) => r.mode)).toEqual(['subscribe', 'unsubscribe']);
    expect(hub.verifications.at(-1)).toMatchObject({ mode: 'unsubscribe', confirmed: true });
    expect(await leases.get(sub.id)).toBeNull();
    expect(hub.subscriptions.size).toBe(0);
  });

  it('falls back to polling when the hub denies the subscription', async () => {
    hub.deny = true;
    const w = websub();
    await w.subscriber.sync([FEED('/doc.xml')]);
    await hub.settled();
    const sub = await leases.ofFeed('one');
    expect(sub).toMatchObject({ state: 'denied', lastError: 'hub denied: not allowed in tests' });
    expect(await leases.isActive('one')).toBe(false);
    expect(polledNow).toEqual(['one']);
  });

  it('refuses a body over websub.maxBodyBytes with 413 and counts it', async () => {
    const sub = await subscribed(websub());
    const big = 'x'.repeat(config.websub.maxBodyBytes + 1);
    expect(await hub.publish(sub.topic, big)).toEqual([413]);
    expect(received).toHaveLength(0);
    expect(await metric('sitrep_websub_notifications_total', 'outcome="too_large"')).toBe(1);
  });
});
