import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { RedisWebSubLeaseStore } from '../../src/store/redis/redis-websub-lease-store.js';
import {
  rssDocument,
  startFeedServer,
  type FeedItemFixture,
  type FeedServer,
} from '../support/feed-server.js';
import { consoleCapture, type ConsoleAlert } from '../support/console-capture.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';
import { freePort, startLocalHub, type LocalHub } from '../support/websub-hub.js';

const log = createLogger({ level: 'silent', pretty: false });
const ago = (h: number) => new Date(Date.now() - h * 3_600_000);
const TOPIC = 'https://outlet.example.test/feed.xml';

const OLD: FeedItemFixture = {
  guid: 'old-1',
  title: 'Iraq signs oil export deal with Turkey',
  summary: 'The oil ministry said exports through the Kirkuk-Ceyhan pipeline would resume.',
  link: 'https://outlet.example.test/oil-deal',
  pubDate: ago(3),
};
const DRONE: FeedItemFixture = {
  guid: 'new-1',
  title: 'Drone attack hits Ain al-Asad air base, two US troops hurt',
  summary:
    'A drone struck Ain al-Asad air base in Anbar province on Monday, injuring two American service members. Kataib Hezbollah praised the attack.',
  link: 'https://outlet.example.test/ain-al-asad-drone',
  pubDate: ago(1),
};
const RAID: FeedItemFixture = {
  guid: 'new-2',
  title: 'US forces and SDF kill five ISIS militants in Deir ez-Zor raid',
  summary:
    'US Central Command said a partnered raid with the Syrian Democratic Forces killed five Islamic State militants in Deir ez-Zor province.',
  link: 'https://outlet.example.test/deir-ez-zor-raid',
  pubDate: ago(1),
};

let t: TestRedis;
let hub: LocalHub;
let server: FeedServer;
let items: FeedItemFixture[];
let app: App | undefined;

function feedDocument(): string {
  const ns = 'xmlns:atom="http://www.w3.org/2005/Atom"';
  return rssDocument('Outlet', items).replace(
    '<channel>',
    `<channel><atom:link ${ns} rel="hub" href="${hub.url}"/><atom:link ${ns} rel="self" href="${TOPIC}"/>`,
  );
}

async function start(
  { websub, ...overrides }: Record<string, unknown>,
  out: ReturnType<typeof consoleCapture>,
): Promise<App> {
  const port = await freePort();
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: true, host: '127.0.0.1', port },
      articles: { enabled: false },
      feeds: [{ id: 'one', url: `${server.base}/one.xml` }],
      ...overrides,
      websub: {
        callbackUrl: `http://127.0.0.1:${port}/websub/`,
        checkInterval: '200ms',
        ...(websub as object | undefined),
      },
    },
  });
  app = await startApp(config, log, [out.frontEnd]);
  return app;
}

/**
 * Waits until the feed's first (silent) poll is done and its subscription verified, on both
 * sides: sitrep marks the lease active when it answers the challenge, the hub records the
 * subscriber only when it has read that answer.
 */
async function pushed(): Promise<void> {
  const leases = new RedisWebSubLeaseStore(t.redis, t.prefix);
  await waitFor(
    async () =>
      (await leases.isActive('one')) &&
      (await t.redis.exists(`${t.prefix}:feed:one:seeded`)) === 1 &&
      [...hub.subscriptions.values()].some((s) => s.topic === TOPIC),
  );
}

async function metric(a: App, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${a.http?.port}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`sitrep_websub_notifications_total{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

beforeEach(async () => {
  t = testRedis();
  hub = await startLocalHub();
  server = await startFeedServer();
  items = [OLD];
  server.route('/one.xml', (res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedDocument()),
  );
});

afterEach(async () => {
  if (app) {
    await app.pipeline.polling.schedule.clear();
    await app.stop();
    app = undefined;
  }
  await hub.close();
  await server.close();
  await t.cleanup();
});

describe('WebSub push through the worker', () => {
  it('turns a signed push into an alert, and ignores forged or unsigned pushes', async () => {
    const out = consoleCapture();
    const got = (): ConsoleAlert[] => out.alerts();
    const a = await start({}, out);
    await pushed();
    const polls = () => server.requests.filter((r) => r.path === '/one.xml').length;
    const before = polls();
    items = [DRONE, OLD];
    expect(await hub.publish(TOPIC, feedDocument(), { signature: 'bad' })).toEqual([202]);
    expect(await hub.publish(TOPIC, feedDocument(), { signature: 'none' })).toEqual([202]);
    // An accepted push makes the feed due before the hub gets its answer: no poll was asked.
    expect(polls()).toBe(before);
    expect(await metric(a, 'outcome="bad_signature"')).toBe(1);
    expect(await metric(a, 'outcome="missing_signature"')).toBe(1);
    expect(got()).toHaveLength(0);

    expect(await hub.publish(TOPIC, feedDocument())).toEqual([202]);
    await waitFor(() => got().length >= 1);
    expect(got()[0]?.sources[0]?.url).toBe(DRONE.link);
    expect(await metric(a, 'outcome="accepted"')).toBe(1);
  });

  it('keeps a slow safety poll while subscribed: an item never pushed still alerts', async () => {
    const out = consoleCapture();
    const got = (): ConsoleAlert[] => out.alerts();
    await start(
      {
        polling: { minInterval: '100ms' },
        websub: { safetyPollInterval: '1500ms' },
        feeds: [{ id: 'one', url: `${server.base}/one.xml`, interval: '200ms' }],
      },
      out,
    );
    await pushed();
    items = [RAID, OLD];
    await waitFor(() => got().length >= 1);
    expect(got()[0]?.sources[0]?.url).toBe(RAID.link);
    // Polls under the lease put the feed back a safety interval ahead, not the feed's 200 ms.
    // Health and due time read together, while the feed is not being polled.
    let gap = 0;
    await waitFor(async () => {
      const res = await t.redis
        .multi()
        .hgetall(`${t.prefix}:feed:one:health`)
        .zscore(`${t.prefix}:schedule:due`, 'one')
        .exec();
      const health = (res?.[0]?.[1] ?? {}) as Record<string, string>;
      const due = res?.[1]?.[1] as string | null;
      if (!due || !health['lastPollAt']) return false;
      gap = Number(due) - Date.parse(health['lastPollAt']);
      return true;
    });
    expect(gap).toBeGreaterThanOrEqual(1400);
  });
});
