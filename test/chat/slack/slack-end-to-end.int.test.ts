/**
 * End to end with the real Bolt app: a local feed → startApp with the Slack front end (Socket
 * Mode, fake Web API and fake Socket Mode server) and a route in Redis → exactly one Block Kit
 * alert in the channel and one DM for a personal subscription; a second outlet's report →
 * chat.update of both messages plus a thread reply; a 429 recovered without loss or duplicate;
 * and `/sitrep recent` over the socket answers with the incident.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackFrontEndWith } from '../../../src/chat/slack/slack-front-end.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { Destination } from '../../../src/domain/subscription.js';
import { startApp, type App } from '../../../src/main.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import {
  startFakeSlackApi,
  type ApiCall,
  type FakeSlackApi,
} from '../../support/fake-slack-api.js';
import { startFakeSocketMode, type FakeSocketMode } from '../../support/fake-socket-mode.js';
import {
  startFeedServer,
  type FeedItemFixture,
  type FeedServer,
} from '../../support/feed-server.js';
import { silentLog } from '../../support/slack-harness.js';
import { slashCommandForm } from '../../support/slack-requests.js';
import { testRedis, type TestRedis } from '../../support/test-redis.js';
import { sameDayAgo } from '../../support/same-day.js';

const channel: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C1' };
const dm: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: 'U1' };

const FIRST: FeedItemFixture = {
  guid: 'a1',
  // HTML-escaped in the feed, so the title text itself carries "<!channel>".
  title: '&lt;!channel&gt; Drone attack hits Ain al-Asad air base, two US troops hurt',
  summary:
    'A drone struck Ain al-Asad air base in Anbar province on Monday, injuring two American service members. Kataib Hezbollah praised the attack.',
  link: 'https://one.example.test/ain-al-asad-drone',
  pubDate: sameDayAgo(2),
};
const SECOND: FeedItemFixture = {
  guid: 'b1',
  title: 'Three American troops injured in drone strike on Ain al-Asad',
  summary:
    'Three US service members were injured when a drone hit Ain al-Asad air base in Anbar on Monday, the Pentagon said, raising the earlier count. Kataib Hezbollah praised the attack.',
  link: 'https://two.example.test/ain-al-asad-three-injured',
  pubDate: sameDayAgo(1),
};

let t: TestRedis;
let feeds: FeedServer;
let api: FakeSlackApi;
let socket: FakeSocketMode;
let app: App | null;

beforeEach(async () => {
  t = testRedis();
  feeds = await startFeedServer();
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode();
  api.socketUrl = socket.url;
  app = null;
});

afterEach(async () => {
  if (app) {
    await app.pipeline.polling.schedule.clear();
    await app.stop();
  }
  await socket.close();
  await api.close();
  await feeds.close();
  await t.cleanup();
});

async function start(): Promise<App> {
  const config = loadConfig({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_API_URL: api.apiUrl,
    },
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      polling: { alertOnFirstFetch: true, defaultInterval: '1s', minInterval: '1s' },
      delivery: { perDestinationInterval: '100ms', retryBackoff: '50ms' },
      feeds: [
        { id: 'one', url: `${feeds.base}/one.xml` },
        { id: 'two', url: `${feeds.base}/two.xml` },
      ],
    },
  });
  const fast = slackFrontEndWith({ retryConfig: { retries: 1, minTimeout: 50, maxTimeout: 100 } });
  app = await startApp(config, silentLog, [fast]);
  return app;
}

async function subscribe(): Promise<void> {
  const subs = new RedisSubscriptionStore(t.redis, t.prefix);
  const now = new Date();
  await subs.create(
    {
      kind: 'route',
      ownerId: 'UADMIN',
      destination: channel,
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    now,
  );
  await subs.create(
    { kind: 'personal', ownerId: 'U1', destination: dm, query: 'drone', mode: 'live' },
    now,
  );
}

async function settle(): Promise<void> {
  const end = Date.now() + 20_000;
  while ((await app?.pipeline.pending()) !== 0) {
    if (Date.now() > end) throw new Error('pipeline did not settle');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
}

const posts = (channelId: string, thread = false): ApiCall[] =>
  api
    .of('chat.postMessage')
    .filter((c) => c.args.channel === channelId && (c.args.thread_ts !== undefined) === thread);

describe('Slack end to end', () => {
  it('posts one escaped Block Kit alert per destination, then edits it and replies in its thread', async () => {
    await subscribe();
    feeds.rss('/one.xml', 'Outlet One', [FIRST]);
    feeds.rss('/two.xml', 'Outlet Two', []);
    await start();
    await api.waitFor(() => posts('C1').length >= 1 && posts('DU1').length >= 1, 20_000);
    await settle();
    expect(posts('C1')).toHaveLength(1);
    expect(posts('DU1')).toHaveLength(1);
    expect(api.of('conversations.open').map((c) => c.args.users)).toContain('U1');
    const alert = posts('C1')[0];
    const blocks = alert?.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocks[0]?.text?.text).toContain('&lt;!channel&gt; Drone attack hits Ain al-Asad');
    expect(blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(JSON.stringify(api.calls)).not.toContain('<!channel>');
    expect(api.of('chat.update')).toEqual([]);

    feeds.rss('/two.xml', 'Outlet Two', [SECOND]);
    await api.waitFor(() => api.of('chat.update').length >= 2, 20_000);
    await settle();
    const updates = api.of('chat.update');
    expect(updates.map((u) => u.args.channel).sort()).toEqual(['C1', 'DU1']);
    const channelUpdate = updates.find((u) => u.args.channel === 'C1');
    const postedTs = posts('C1')[0]?.result?.ts;
    expect(postedTs).toEqual(expect.any(String));
    expect(channelUpdate?.args.ts).toBe(postedTs);
    expect(JSON.stringify(channelUpdate?.args.blocks)).toContain('2 outlets');
    const replies = posts('C1', true);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args.thread_ts).toBe(postedTs);
    expect(replies[0]?.args.text).toMatch(/^Update: /);
    expect(posts('C1')).toHaveLength(1); // no second top-level post
    expect(posts('DU1', true)).toHaveLength(1);
    expect(updates.find((u) => u.args.channel === 'DU1')?.args.ts).toBe(
      posts('DU1')[0]?.result?.ts,
    );
  });

  it('recovers a rate-limited post after Retry-After: one alert, none lost, none doubled', async () => {
    await subscribe();
    feeds.rss('/one.xml', 'Outlet One', [FIRST]);
    feeds.rss('/two.xml', 'Outlet Two', []);
    api.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    await start();
    await api.waitFor(() => posts('C1').length + posts('DU1').length >= 3, 20_000);
    await settle();
    // One of the two first posts met the 429; each destination still got exactly one alert.
    const all = api.of('chat.postMessage');
    expect(all).toHaveLength(3);
    const ok = new Set(all.slice(1).map((c) => c.args.channel));
    expect(ok).toEqual(new Set(['C1', 'DU1']));
  });

  it('answers /sitrep recent over the socket with the incident', async () => {
    feeds.rss('/one.xml', 'Outlet One', [FIRST]);
    feeds.rss('/two.xml', 'Outlet Two', []);
    await start();
    await socket.waitConnected();
    const deadline = Date.now() + 20_000;
    while (
      api.responses.length === 0 ||
      !JSON.stringify(api.responses.at(-1)).includes('Ain al-Asad')
    ) {
      if (Date.now() > deadline) throw new Error('no incident in /sitrep recent');
      await socket.send(
        'slash_commands',
        slashCommandForm({ text: 'recent', response_url: `${api.responseBase}/r` }),
      );
      const n = api.responses.length;
      await api.waitFor(() => api.responses.length > n);
      await new Promise((r) => setTimeout(r, 200));
    }
    const reply = JSON.stringify(api.responses.at(-1));
    expect(reply).toContain('Drone attack hits Ain al-Asad');
    expect(reply).not.toContain('<!channel>');
  });
});
