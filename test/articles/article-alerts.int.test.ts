import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../../src/alert/alert-message.js';
import { alertEmbed } from '../../src/chat/discord/alert-embed.js';
import { alertBlocks } from '../../src/chat/slack/alert-blocks.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp } from '../../src/main.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
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
    await app.pipeline.polling.schedule.clear();
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

  it('says when it happened (the article’s date), leads with its first paragraph, names the militia', async () => {
    server.route('/news/patrol-ambush', (res) => res.writeHead(200, html).end(page('slow-story')));
    const got = await run(config(), (g) => g.length >= 2);
    const rockets = got.find((a) => a.title.includes('Ain al-Asad'));
    // "early on Thursday" in a story published Saturday 28 November, whatever the feed's date.
    const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
    const record = rockets ? await store.get(rockets.incident) : null;
    expect(record?.facts.eventDate).toBe('2026-11-26');
    const [factLine, lead] = (rockets?.summary ?? '').split('\n');
    expect(factLine).toContain('26 Nov');
    expect(factLine).toMatch(/Kata.?ib Hezbollah/);
    expect(lead).toMatch(/^Four US service members were wounded/);
    const message = buildAlertMessage(record!);
    expect(message.fallback).toMatch(/Kata.?ib Hezbollah/);
    const slack = alertBlocks(message).blocks.map((b) => JSON.stringify(b));
    expect(slack.some((b) => b.includes('Four US service members') && /Kata.?ib/.test(b))).toBe(
      true,
    );
    const discord = alertEmbed(message, new Date());
    expect(discord.description).toMatch(/Kata.?ib Hezbollah[\s\S]*Four US service members/);
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

  it('alerts on a burst from one outlet at once, and updates each late article exactly once', async () => {
    const stories = [
      [
        'erbil',
        'Rockets target Erbil air base',
        'Two US soldiers were wounded when rockets struck Erbil air base',
      ],
      [
        'tanf',
        'Drone attack on al-Tanf garrison',
        'Three US troops were injured when a drone hit the al-Tanf garrison',
      ],
      [
        'conoco',
        'Rockets fired at Conoco gas field base',
        'Five US service members were wounded when rockets struck the Conoco gas field base',
      ],
      [
        'victory',
        'Rocket attack on Victory Base near Baghdad airport',
        'Six US contractors were injured when rockets hit Victory Base',
      ],
    ];
    server.rss(
      '/wire.xml',
      'The Wire',
      stories.map(([slug, title], i) => ({
        guid: `b${i}`,
        title: title ?? '',
        summary: 'Developing story.',
        link: `${server.base}/burst/${slug}`,
        pubDate: ago(1),
      })),
    );
    for (const [slug, title, lead] of stories) {
      const body = [
        `${lead} on Thursday night, officials said.`,
        'An Iran-aligned militia claimed the attack in a statement posted online hours later, saying it would continue its operations.',
        'The coalition said the wounded were treated at the scene and that an investigation into the launch site was under way.',
      ];
      const pageHtml = `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Wire</footer></body></html>`;
      server.route(`/burst/${slug}`, (res) => res.writeHead(200, html).end(pageHtml));
    }
    // One request per host at a time, 400 ms apart: the third and fourth cannot make 600 ms.
    const byIncident = (g: ConsoleAlert[]) => {
      const m = new Map<string, ConsoleAlert[]>();
      for (const a of g) m.set(a.incident, [...(m.get(a.incident) ?? []), a]);
      return m;
    };
    // Done when four incidents are out and each one's latest message gives the article's figure.
    const got = await run(config({ deadline: '600ms', hostInterval: '400ms' }), (g) => {
      const last = [...byIncident(g).values()].map((alerts) => alerts.at(-1));
      return last.length === 4 && last.every((a) => (injured(a, 'US') ?? 0) > 0);
    });
    const incidents = byIncident(got);
    expect(incidents.size).toBe(4);
    const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
    let late = 0;
    for (const [id, alerts] of incidents) {
      // A late article is a second version of its incident.
      const version = (await store.get(id))?.version;
      expect(alerts[0]?.kind).toBe('new');
      expect(injured(alerts.at(-1), 'US')).toBeGreaterThan(0);
      if (version === 1) {
        expect(alerts).toHaveLength(1);
        continue;
      }
      late += 1;
      expect(version).toBe(2);
      // Updated once; or not at all when the article came in before the first message went
      // out, which then already gave its figures (a message never shows an older version).
      if (injured(alerts[0], 'US') === null) {
        expect(alerts.map((a) => a.kind)).toEqual(['new', 'update']);
      } else {
        expect(alerts).toHaveLength(1);
      }
    }
    expect(late).toBeGreaterThanOrEqual(2);
    expect(server.requests.filter((r) => r.path.startsWith('/burst/'))).toHaveLength(4);
  });

  it('lets the article decide a near-threshold item, and never reads one far below', async () => {
    server.rss('/wire.xml', 'The Wire', [
      {
        guid: 'n1',
        title: 'Iraqi officials say base was attacked',
        summary: 'More details soon.',
        link: `${server.base}/news/rockets-ain-al-asad`,
        pubDate: ago(1),
      },
      {
        guid: 'f1',
        title: 'Local football results from the weekend',
        summary: 'All the scores.',
        link: `${server.base}/news/football`,
        pubDate: ago(1),
      },
    ]);
    // The near item scores about 0.3 on its headline alone: under the topic threshold, over 0.15.
    const got = await run(config({ nearScore: 0.15 }), (g) => g.length >= 1);
    expect(got).toHaveLength(1);
    expect(got[0]?.title).toBe('Iraqi officials say base was attacked');
    expect(injured(got[0], 'US')).toBe(4);
    expect(server.requests.some((r) => r.path === '/news/football')).toBe(false);
  });

  it('keeps a near-threshold item off topic when its article does not confirm it', async () => {
    const paragraphs = [
      'BAGHDAD — Iraqi officials said on Thursday that the base at the centre of a land dispute in the capital was attacked in court filings by a rival developer, who claims the plot was sold twice.',
      'The case, which concerns the site of a former army depot, has been adjourned until next month while the ministry of defence reviews the original title deeds.',
      'Lawyers for both sides said they expected a settlement before the hearing resumes.',
    ];
    const pageHtml = `<!doctype html><html><head><title>Land dispute</title></head><body><article><h1>Land dispute over former depot</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    server.route('/news/land-dispute', (res) => res.writeHead(200, html).end(pageHtml));
    server.rss('/wire.xml', 'The Wire', [
      {
        guid: 'n2',
        title: 'Iraqi officials say base was attacked',
        summary: 'More details soon.',
        link: `${server.base}/news/land-dispute`,
        pubDate: ago(1),
      },
      {
        guid: 'w1',
        title: 'Rockets hit Ain al-Asad air base in Iraq',
        summary: 'Read the full story on our site.',
        link: `${server.base}/news/rockets-ain-al-asad`,
        pubDate: ago(1),
      },
    ]);
    const got = await run(config({ nearScore: 0.15 }), (g) => g.length >= 1);
    expect(server.requests.some((r) => r.path === '/news/land-dispute')).toBe(true);
    expect(got.map((a) => a.title)).toEqual(['Rockets hit Ain al-Asad air base in Iraq']);
  });

  it('alerts on the feed text alone when a feed has enrich: false', async () => {
    const cfg = config();
    const off = { ...cfg, feeds: cfg.feeds.map((f) => ({ ...f, enrich: false })) };
    const got = await run(off, (g) => g.length >= 1);
    expect(server.requests.some((r) => r.path.startsWith('/news/'))).toBe(false);
    expect(injured(got[0], 'US')).toBeNull();
  });
});
