/**
 * End to end: a local feed → startApp with the real Discord front end → a route in Redis for a
 * channel → exactly one embed at the fake Discord; a second outlet's report of the same incident
 * → the original edited (PATCH) and what changed posted in a thread under it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordFrontEnd } from '../../../src/chat/discord/discord-front-end.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/log/logger.js';
import { startApp, type App } from '../../../src/main.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord.js';
import { startFeedServer, type FeedServer } from '../../support/feed-server.js';
import { testRedis, type TestRedis } from '../../support/test-redis.js';
import { waitFor } from '../../support/wait-for.js';
import { sameDayAgo } from '../../support/same-day.js';

const log = createLogger({ level: 'silent', pretty: false });

let t: TestRedis;
let feeds: FeedServer;
let fake: FakeDiscord;
let app: App | null = null;

beforeEach(async () => {
  t = testRedis();
  feeds = await startFeedServer();
  fake = await startFakeDiscord();
});

afterEach(async () => {
  await app?.pipeline.polling.schedule.clear().catch(() => undefined);
  await app?.stop();
  app = null;
  await fake.close();
  await feeds.close();
  await t.cleanup();
});

interface Embed {
  title: string;
  fields: { name: string; value: string }[];
}
const embedOf = (body: unknown) => ((body as { embeds?: Embed[] }).embeds ?? [])[0];

describe('Discord end to end', () => {
  it('posts one embed for a routed incident, then edits it and threads the update', async () => {
    feeds.rss('/one.xml', 'Outlet One', [
      {
        guid: 'a1',
        title: 'Drone attack hits Ain al-Asad air base, two US troops hurt',
        summary:
          'A drone struck Ain al-Asad air base in Anbar province on Monday, injuring two American service members. Kataib Hezbollah praised the attack.',
        link: 'https://one.example.test/ain-al-asad-drone',
        pubDate: sameDayAgo(2),
      },
    ]);
    feeds.rss('/two.xml', 'Outlet Two', []);
    const config = loadConfig({
      env: {},
      overrides: {
        redis: { prefix: t.prefix },
        http: { enabled: false },
        polling: { alertOnFirstFetch: true, minInterval: '300ms' },
        delivery: { perDestinationInterval: '100ms', retryBackoff: '50ms' },
        feeds: [
          { id: 'one', url: `${feeds.base}/one.xml`, interval: '300ms' },
          { id: 'two', url: `${feeds.base}/two.xml`, interval: '300ms' },
        ],
        discord: { token: 'e2e-token', appId: 'app-e2e', apiUrl: fake.api },
      },
    });
    await new RedisSubscriptionStore(t.redis, t.prefix).create(
      {
        kind: 'route',
        ownerId: 'admin',
        destination: { platform: 'discord', workspaceId: 'G1', kind: 'channel', id: 'C1' },
        query: 'topic:militia-attacks',
        mode: 'live',
      },
      new Date(),
    );
    app = await startApp(config, log, [createDiscordFrontEnd]);
    const posts = () => fake.find('POST', /^\/channels\/C1\/messages$/);
    await waitFor(() => posts().length >= 1);
    await waitFor(async () => (await app?.pipeline.pending()) === 0);
    expect(posts()).toHaveLength(1);
    const first = embedOf(posts()[0]?.body);
    expect(first?.title).toMatch(/Ain al-Asad/);
    expect(first?.fields.find((f) => f.name.startsWith('Sources'))?.name).toBe(
      'Sources (1 outlet)',
    );
    expect((posts()[0]?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
    });

    feeds.rss('/two.xml', 'Outlet Two', [
      {
        guid: 'b1',
        title: 'Three American troops injured in drone strike on Ain al-Asad',
        summary:
          'Three US service members were injured when a drone hit Ain al-Asad air base in Anbar on Monday, the Pentagon said, raising the earlier count. Kataib Hezbollah praised the attack.',
        link: 'https://two.example.test/ain-al-asad-three-injured',
        pubDate: sameDayAgo(1),
      },
    ]);
    const threadPosts = () =>
      fake.requests.filter(
        (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path),
      );
    await waitFor(() => threadPosts().length >= 1);
    await waitFor(async () => (await app?.pipeline.pending()) === 0);
    const messageId = (fake.requests.find((r) => r.method === 'PATCH')?.path ?? '')
      .split('/')
      .pop();
    const edits = fake.find('PATCH', /^\/channels\/C1\/messages\/\d+$/);
    expect(edits).toHaveLength(1);
    expect(embedOf(edits[0]?.body)?.fields.find((f) => f.name.startsWith('Sources'))?.name).toBe(
      'Sources (2 outlets)',
    );
    expect(fake.find('POST', /\/threads$/).map((r) => r.path)).toEqual([
      `/channels/C1/messages/${messageId}/threads`,
    ]);
    expect(threadPosts().map((r) => r.path)).toEqual([`/channels/${messageId}/messages`]);
    expect((threadPosts()[0]?.body as { content: string }).content).toMatch(/Outlet Two|injured/);
    expect(posts()).toHaveLength(1); // never a second alert
  });
});
