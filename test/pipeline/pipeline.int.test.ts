import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { captureLog } from '../support/capture-log.js';
import { consoleCapture } from '../support/console-capture.js';
import { startFeedServer, type FeedItemFixture, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';
import { sameDayAgo } from '../support/same-day.js';

const log = createLogger({ level: 'silent', pretty: false });

const ITEMS: FeedItemFixture[] = [
  {
    guid: 'a1',
    title: 'Drone attack hits Ain al-Asad air base, two US troops hurt',
    summary:
      'A drone struck Ain al-Asad air base in Anbar province on Monday, injuring two American service members. Kataib Hezbollah praised the attack.',
    link: 'https://one.example.test/ain-al-asad-drone',
    pubDate: sameDayAgo(2),
  },
  {
    guid: 'a2',
    title: 'US forces and SDF kill five ISIS militants in Deir ez-Zor raid',
    summary:
      'US Central Command said a partnered raid with the Syrian Democratic Forces killed five Islamic State militants in Deir ez-Zor province.',
    link: 'https://one.example.test/deir-ez-zor-raid',
    pubDate: sameDayAgo(3),
  },
  {
    guid: 'a3',
    title: "US strike in Baghdad kills Kata'ib Hezbollah commander",
    summary:
      "A US drone strike on a vehicle in eastern Baghdad killed a senior Kata'ib Hezbollah commander, the Pentagon said, in retaliation for attacks on US troops.",
    link: 'https://one.example.test/baghdad-strike',
    pubDate: sameDayAgo(4),
  },
  {
    guid: 'a4',
    title: 'Iraq signs oil export deal with Turkey',
    summary:
      'The oil ministry said exports through the Kirkuk-Ceyhan pipeline would resume next month.',
    link: 'https://one.example.test/oil-deal',
    pubDate: sameDayAgo(1),
  },
];

let t: TestRedis;
let server: FeedServer;

function config(oneAtATime = false) {
  return loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      polling: { alertOnFirstFetch: true },
      feeds: [{ id: 'one', url: `${server.base}/one.xml` }],
      ...(oneAtATime
        ? { pipeline: { concurrency: { deliver: 1 } }, delivery: { concurrency: 1 } }
        : {}),
    },
  });
}

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  server.rss('/one.xml', 'Outlet One', ITEMS);
});

afterEach(async () => {
  await server.close();
  await t.cleanup();
});

describe('the pipeline end to end', () => {
  it('turns on-topic feed items into one alert per incident, with topics and why', async () => {
    const out = consoleCapture();
    const app = await startApp(config(), log, [out.frontEnd]);
    try {
      await waitFor(async () => out.lines.length >= 3 && (await app.pipeline.pending()) === 0);
    } finally {
      await app.pipeline.polling.schedule.clear();
      await app.stop();
    }
    const got = out.alerts();
    expect(got.map((a) => a.kind)).toEqual(['new', 'new', 'new']);
    expect(got.map((a) => a.sources[0]?.url).sort()).toEqual(
      ITEMS.slice(0, 3)
        .map((i) => i.link)
        .sort(),
    );
    const drone = got.find((a) => a.title.includes('Ain al-Asad'));
    expect(drone?.context).toContain('Topics: militia-attacks');
    expect(drone?.why).toMatch(/Ain al-Asad/);
    // The feed was parsed on the parse thread (pipeline.parseThreads: 1 by default).
    const parses = await app.metrics.registry.getSingleMetricAsString('sitrep_feed_parses_total');
    expect(parses).toMatch(/^sitrep_feed_parses_total\{where="thread"\} [1-9]/m);
    expect(parses).not.toMatch(/where="in_place"/);
  });

  it('turns a later report of the same incident from another outlet into an update, not a second alert', async () => {
    server.rss('/two.xml', 'Outlet Two', [
      {
        guid: 'b1',
        title: 'Three American troops injured in drone strike on Ain al-Asad',
        summary:
          'Three US service members were injured when a drone hit Ain al-Asad air base in Anbar on Monday, the Pentagon said, raising the earlier count. Kataib Hezbollah praised the attack.',
        link: 'https://two.example.test/ain-al-asad-three-injured',
        pubDate: sameDayAgo(1),
      },
    ]);
    const out = consoleCapture();
    const base = config();
    const withTwo = loadConfig({
      env: {},
      overrides: {
        redis: { prefix: t.prefix },
        http: { enabled: false },
        polling: { alertOnFirstFetch: true },
        feeds: [...base.feeds, { id: 'two', url: `${server.base}/two.xml` }],
      },
    });
    const app = await startApp(withTwo, log, [out.frontEnd]);
    // The drone incident's messages: when the second outlet's report is clustered before the
    // first alert is posted, that one alert already shows version 2 with both sources;
    // otherwise a NEW (one source) is followed by an UPDATE. Either way: one incident, once.
    const droneAlerts = () => {
      const got = out.alerts();
      const id = got.find((a) => a.version === 2)?.incident;
      return got.filter((a) => a.incident === id);
    };
    try {
      await waitFor(
        async () =>
          droneAlerts().length > 0 &&
          out.alerts().length >= 3 &&
          (await app.pipeline.pending()) === 0,
      );
    } finally {
      await app.pipeline.polling.schedule.clear();
      await app.stop();
    }
    const got = out.alerts();
    const drone = droneAlerts();
    expect([['new', 'update'], ['new']]).toContainEqual(drone.map((a) => a.kind));
    const latest = drone[drone.length - 1];
    expect(latest?.version).toBe(2);
    expect(latest?.sources).toHaveLength(2);
    if (latest?.kind === 'update') expect(latest.changes.join(' ')).toMatch(/Outlet (One|Two)/);
    expect(got.filter((a) => a.kind === 'new')).toHaveLength(3);
  });

  it('loses and duplicates nothing when the worker is stopped mid-run and restarted', async () => {
    let first: App | null = null;
    let stopping: Promise<void> | null = null;
    const out = consoleCapture({
      onLine: () => {
        if (first && !stopping) stopping = first.stop(); // shut down while jobs are in flight
      },
    });
    // One alert job and one delivery at a time, so the stop comes with alerts still queued.
    first = await startApp(config(true), log, [out.frontEnd]);
    await waitFor(async () => stopping !== null);
    await stopping;
    // At most the delivery in flight (and the one its alert job had just queued) went out:
    // the rest must come from the restart.
    const atStop = out.lines.length;
    expect(atStop).toBeLessThan(3);
    const second = await startApp(config(true), log, [out.frontEnd]);
    try {
      await waitFor(async () => out.lines.length >= 3 && (await second.pipeline.pending()) === 0);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await second.pipeline.polling.schedule.clear();
      await second.stop();
    }
    const got = out.alerts();
    const ids = got.map((a) => `${a.incident}:v${a.version}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(got.filter((a) => a.kind === 'new')).toHaveLength(3);
  });

  it('says at start how many feeds are due and when the next is, so a restart is not silent', async () => {
    const out = consoleCapture();
    const first = captureLog('info');
    const app = await startApp(config(), first.log, [out.frontEnd]);
    try {
      await waitFor(async () => out.lines.length >= 3 && (await app.pipeline.pending()) === 0);
    } finally {
      await app.stop();
    }
    expect(first.lines.map((l) => l['msg'])).toContain('1 feed scheduled: 1 due now');
    // Restarted before the feed's next poll (minutes away): nothing to do yet, and it says so.
    const again = captureLog('info');
    const second = await startApp(config(), again.log, [out.frontEnd]);
    await second.stop();
    const line = again.lines.find((l) => String(l['msg']).startsWith('1 feed scheduled'));
    expect(line?.['msg']).toMatch(
      /^1 feed scheduled: none due now; the next in \d+m; `sitrep feeds` shows when each is polled/,
    );
    expect(line).toMatchObject({ feeds: 1, due: 0 });
  });
});
