import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp } from '../../src/main.js';
import type { AlertDelivery, AlertSink } from '../../src/queue/alert-sink.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: (process.env.TLOG as 'info') ?? 'silent', pretty: false });
const page = (name: string): string =>
  readFileSync(new URL(`../fixtures/articles/${name}.html`, import.meta.url), 'utf8');
const html = { 'content-type': 'text/html; charset=utf-8' };
const ago = (h: number) => new Date(Date.now() - h * 3_600_000);

let t: TestRedis;
let server: FeedServer;

function config(articles: Record<string, unknown> = {}) {
  return loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      polling: { alertOnFirstFetch: true },
      feedAdmin: { allowAddresses: ['127.0.0.1'] },
      articles: { deadline: '1s', hostInterval: '0ms', ...articles },
      feeds: [{ id: 'wire', url: `${server.base}/wire.xml`, name: 'The Wire' }],
    },
  });
}

/** A feed of headlines and one-line teasers only, linking to the full pages. */
function teaserFeed(): void {
  server.rss('/wire.xml', 'The Wire', [
    {
      guid: 'w1',
      title: 'Rockets hit Ain al-Asad air base in Iraq',
      summary: 'Read the full story on our site.',
      link: `${server.base}/news/rockets-ain-al-asad`,
      pubDate: ago(2),
    },
    {
      guid: 'w2',
      title: 'ISIS ambushes SDF and US patrol in Deir ez-Zor',
      summary: 'More details soon.',
      link: `${server.base}/news/patrol-ambush`,
      pubDate: ago(1),
    },
  ]);
}

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  teaserFeed();
  server.route('/news/rockets-ain-al-asad', (res) => res.writeHead(200, html).end(page('story')));
});

afterEach(async () => {
  await server.close();
  await t.cleanup();
});

async function run(cfg: ReturnType<typeof config>, done: (got: AlertDelivery[]) => boolean) {
  const got: AlertDelivery[] = [];
  const sink: AlertSink = { deliver: async (a) => void got.push(a) };
  const app = await startApp(cfg, log, sink);
  try {
    await waitFor(async () => done(got) && (await app.pipeline.pending()) === 0, 15_000);
    // Anything arriving late (a second update) would come within this pause.
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    await app.pipeline.polling.schedule.clear();
    await app.stop();
  }
  return got;
}

const injured = (a: AlertDelivery | undefined, side: string) =>
  a?.incident.facts.casualties.find((c) => c.side === side)?.injured.min ?? null;
const killed = (a: AlertDelivery | undefined, side: string) =>
  a?.incident.facts.casualties.find((c) => c.side === side)?.killed.min ?? null;

describe('alerts from the article, not just the feed line', () => {
  it('gives a teaser-only feed alerts with the articles’ casualty figures and places', async () => {
    server.route('/news/patrol-ambush', (res) => res.writeHead(200, html).end(page('slow-story')));
    const got = await run(config(), (g) => g.length >= 2);
    const rockets = got.find((a) => a.incident.headline.includes('Ain al-Asad'));
    const ambush = got.find((a) => a.incident.headline.includes('Deir ez-Zor'));
    expect(got.map((a) => a.kind)).toEqual(['new', 'new']);
    expect(injured(rockets, 'us')).toBe(4);
    expect(rockets?.incident.facts.location.admin1).toMatch(/Anbar/);
    expect(killed(ambush, 'partner')).toBe(3);
    expect(rockets?.incident.summary).not.toMatch(/support|newsletter|cookie/i);
  });

  it('alerts on the feed text when the page misses the deadline, then updates once', async () => {
    server.route('/news/patrol-ambush', (res) => {
      setTimeout(() => res.writeHead(200, html).end(page('slow-story')), 2_000);
    });
    const got = await run(config({ deadline: '300ms' }), (g) => g.some((a) => a.kind === 'update'));
    const ambush = got.filter((a) => a.incident.headline.includes('Deir ez-Zor'));
    expect(ambush.map((a) => a.kind)).toEqual(['new', 'update']);
    expect(killed(ambush[0], 'partner')).toBeNull();
    expect(killed(ambush[1], 'partner')).toBe(3);
  });

  it('alerts on the feed text alone when a feed has enrich: false', async () => {
    const cfg = config();
    const off = { ...cfg, feeds: cfg.feeds.map((f) => ({ ...f, enrich: false })) };
    const got = await run(off, (g) => g.length >= 1);
    expect(server.requests.some((r) => r.path.startsWith('/news/'))).toBe(false);
    expect(injured(got[0], 'us')).toBeNull();
  });
});
