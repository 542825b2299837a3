import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp } from '../../src/main.js';
import { consoleCapture, type ConsoleAlert } from '../support/console-capture.js';
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

/** Runs the worker with the console front end until `done` holds; returns what it printed. */
async function run(cfg: ReturnType<typeof config>, done: (got: ConsoleAlert[]) => boolean) {
  const out = consoleCapture();
  const app = await startApp(cfg, log, [out.frontEnd]);
  try {
    await waitFor(async () => done(out.alerts()) && (await app.pipeline.pending()) === 0, 15_000);
    // Anything arriving late (a second update) would come within this pause.
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    await app.pipeline.queues.poll.obliterate({ force: true });
    await app.stop();
  }
  return out.alerts();
}

/** The figure the alert's Casualties line gives one side ("US: 4 injured"), or null. */
const figure = (a: ConsoleAlert | undefined, side: string, what: 'killed' | 'injured') => {
  const part = (a?.facts.casualties ?? '').split('; ').find((p) => p.startsWith(`${side}: `));
  const m = part?.match(new RegExp(`(\\d+) ${what}`));
  return m ? Number(m[1]) : null;
};
const injured = (a: ConsoleAlert | undefined, side: string) => figure(a, side, 'injured');
const killed = (a: ConsoleAlert | undefined, side: string) => figure(a, side, 'killed');

describe('alerts from the article, not just the feed line', () => {
  it('gives a teaser-only feed alerts with the articles’ casualty figures and places', async () => {
    server.route('/news/patrol-ambush', (res) => res.writeHead(200, html).end(page('slow-story')));
    const got = await run(config(), (g) => g.length >= 2);
    const rockets = got.find((a) => a.title.includes('Ain al-Asad'));
    const ambush = got.find((a) => a.title.includes('Deir ez-Zor'));
    expect(got.map((a) => a.kind)).toEqual(['new', 'new']);
    expect(injured(rockets, 'US')).toBe(4);
    expect(rockets?.facts.place).toMatch(/Anbar/);
    expect(killed(ambush, 'Partner forces')).toBe(3);
    expect(rockets?.summary).not.toMatch(/support|newsletter|cookie/i);
  });

  it('alerts on the feed text when the page misses the deadline, then updates once', async () => {
    server.route('/news/patrol-ambush', (res) => {
      setTimeout(() => res.writeHead(200, html).end(page('slow-story')), 2_000);
    });
    const got = await run(config({ deadline: '300ms' }), (g) => g.some((a) => a.kind === 'update'));
    const ambush = got.filter((a) => a.title.includes('Deir ez-Zor'));
    expect(ambush.map((a) => a.kind)).toEqual(['new', 'update']);
    expect(killed(ambush[0], 'Partner forces')).toBeNull();
    expect(killed(ambush[1], 'Partner forces')).toBe(3);
  });

  it('alerts on the feed text alone when a feed has enrich: false', async () => {
    const cfg = config();
    const off = { ...cfg, feeds: cfg.feeds.map((f) => ({ ...f, enrich: false })) };
    const got = await run(off, (g) => g.length >= 1);
    expect(server.requests.some((r) => r.path.startsWith('/news/'))).toBe(false);
    expect(injured(got[0], 'US')).toBeNull();
  });
});
