/**
 * The feed farm of the end-to-end benchmark: one local HTTP server with many RSS feeds (ETag +
 * 304), realistic off-topic items and a share of on-topic ones, that records when each item was
 * first served in a 200 answer (the poll that first sees it) and counts answers by status.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Redis } from 'ioredis';
import { RedisSubscriptionStore } from '../src/store/redis/redis-subscription-store.js';
import { listenLocally } from '../test/support/local-server.js';
import { rssDocument, type FeedItemFixture } from '../test/support/feed-server.js';

interface FarmFeed {
  items: FeedItemFixture[];
  doc: string;
  etag: string;
}

export interface FeedFarm {
  readonly base: string;
  readonly feeds: number;
  readonly counts: { ok: number; notModified: number };
  /** Item link → time of the first 200 answer that carried it. */
  readonly firstServed: Map<string, number>;
  urlOf(feed: number): string;
  /** Adds items at the top of a feed (a new document and ETag). */
  publish(feed: number, items: FeedItemFixture[]): void;
  close(): Promise<void>;
}

const TOWNS = ['Lyon', 'Osaka', 'Porto', 'Leeds', 'Graz', 'Tartu', 'Cork', 'Bergen', 'Split'];
const OFF_TOPIC = [
  (t: string, n: number) => `${t} council approves ${n} million budget for tram line`,
  (t: string, n: number) => `${t} marathon draws ${n},000 runners despite the heat`,
  (t: string, n: number) => `Harvest festival in ${t} sells out ${n} stalls`,
  (t: string, n: number) => `${t} startup raises ${n} million for battery recycling`,
  (t: string, n: number) => `Storm warning for ${t} as ${n} mm of rain expected`,
];
const HANDOVERS = [
  'Baghdad',
  'Erbil',
  'Anbar',
  'Kirkuk',
  'Nineveh',
  'Basra',
  'Diyala',
  'Salahuddin',
];

/** An ordinary news item that no topic should match. */
export function offTopicItem(id: string, n: number, at: Date): FeedItemFixture {
  const town = TOWNS[n % TOWNS.length] ?? 'Lyon';
  const title = (OFF_TOPIC[n % OFF_TOPIC.length] ?? OFF_TOPIC[0])?.(town, 2 + (n % 40)) ?? id;
  return {
    guid: id,
    title,
    summary: `${title}. Local officials said the plan would be reviewed next spring.`,
    link: `https://local.example.test/${id}`,
    pubDate: at,
  };
}

/** An on-topic item about the politics of the US troop presence (not an attack). */
export function presenceItem(id: string, n: number, at: Date): FeedItemFixture {
  const place = HANDOVERS[n % HANDOVERS.length] ?? 'Baghdad';
  return {
    guid: id,
    title: `Iraqi lawmakers in ${place} renew push for US troop withdrawal`,
    summary: `Members of parliament from ${place} called on the government to set a timetable for the withdrawal of US-led coalition forces, a week after talks in Baghdad.`,
    link: `https://politics.example.test/${id}`,
    pubDate: at,
  };
}

/**
 * The instant farm's feeds: 20 items each, an hour old and a minute apart, every tenth on topic
 * (troop-presence politics), the rest ordinary news; ids and links carry `run`.
 */
export function farmItems(run: string): (feed: number) => FeedItemFixture[] {
  const at = Date.now() - 3_600_000;
  return (feed) =>
    Array.from({ length: 20 }, (_, i) => {
      const id = `${run}-${feed}-${i}`;
      const when = new Date(at - i * 60_000);
      return i % 10 === 0
        ? presenceItem(id, feed + i, when)
        : offTopicItem(id, feed * 20 + i, when);
    });
}

export async function startFeedFarm(
  feeds: number,
  initial: (feed: number) => FeedItemFixture[],
): Promise<FeedFarm> {
  const docs: FarmFeed[] = [];
  const firstServed = new Map<string, number>();
  const counts = { ok: 0, notModified: 0 };
  const build = (items: FeedItemFixture[]): FarmFeed => {
    const doc = rssDocument('Farm feed', items);
    return { items, doc, etag: `"${createHash('sha1').update(doc).digest('hex')}"` };
  };
  for (let i = 0; i < feeds; i += 1) docs.push(build(initial(i)));
  const server = createServer((req, res) => {
    const m = /^\/f\/(\d+)\.xml$/.exec(req.url ?? '');
    const feed = m ? docs[Number(m[1])] : undefined;
    if (!feed) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === feed.etag) {
      counts.notModified += 1;
      return void res.writeHead(304, { etag: feed.etag }).end();
    }
    counts.ok += 1;
    const now = Date.now();
    for (const item of feed.items) if (!firstServed.has(item.link)) firstServed.set(item.link, now);
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: feed.etag }).end(feed.doc);
  });
  server.keepAliveTimeout = 60_000;
  const { base, close } = await listenLocally(server);
  return {
    base,
    feeds,
    counts,
    firstServed,
    urlOf: (feed) => `${base}/f/${feed}.xml`,
    publish(feed, items) {
      const current = docs[feed];
      if (current) docs[feed] = build([...items, ...current.items].slice(0, 20));
    },
    close,
  };
}

/** Routes every militia-attack alert to the bench's chat channel (C-BENCH), as an admin would. */
export async function routeToBenchChannel(redis: Redis, prefix: string): Promise<void> {
  await new RedisSubscriptionStore(redis, prefix).create(
    {
      kind: 'route',
      ownerId: 'bench',
      destination: { platform: 'test', workspaceId: 'W', kind: 'channel', id: 'C-BENCH' },
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    new Date(),
  );
}
