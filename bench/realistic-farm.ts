/**
 * The realistic feed farm: FEEDS feeds spread over HOSTS local hosts (127.0.1.x, one HTTP
 * server each), answers after a heavy-tailed delay (log-normal, median ~200 ms, ~3 % over 5 s),
 * ~1 % never answered (a hung server: the client's timeout ends it), 50–200 KB bodies (the
 * feed's ten newest items, then older filler), ETags, and update rates from a skewed
 * distribution (a few hot feeds, many quiet ones). Counts requests and body bytes served, and
 * records when each item was published.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rssDocument, type FeedItemFixture } from '../test/support/feed-server.js';
import { seededRandom as seeded } from '../src/match/model/seeded-random.js';
import { offTopicItem } from './feed-farm.js';

function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface RealisticOptions {
  readonly feeds: number;
  readonly hosts: number;
  /** Median gap between two items of a hot feed and of a quiet one (ms). */
  readonly hotGapMs: number;
  readonly quietGapMs: number;
  /** Share of hot feeds. */
  readonly hotShare: number;
  readonly seed: number;
}

interface Feed {
  readonly host: number;
  /** Mean gap between this feed's items. */
  readonly gapMs: number;
  readonly filler: number;
  head: FeedItemFixture[];
  /** The document up to the filler, and its size with filler and tail (bodies share fillers). */
  doc: string;
  size: number;
  etag: string;
}

export interface RealisticFarm {
  readonly urls: readonly string[];
  readonly counts: {
    requests: number;
    ok: number;
    notModified: number;
    hung: number;
    bytes: number;
  };
  /** Item link → publication time (ms). */
  readonly published: Map<string, number>;
  /** Mean gap of each feed (ms). */
  readonly gaps: readonly number[];
  /** Adds an item at the top of feed `i` (a new document and ETag). */
  publish(i: number, item: FeedItemFixture): void;
  close(): Promise<void>;
}

const FILLER_BLOCKS = 16;

/** Older off-topic items as XML, `bytes` long (give or take one item). */
function fillerBlock(n: number, bytes: number): string {
  const at = Date.now() - 3 * 86_400_000;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const base = offTopicItem(`filler-${n}-${i}`, n * 1000 + i, new Date(at - i * 3_600_000));
    const item = {
      ...base,
      summary: `${base.summary} ${'Residents were asked for comment. '.repeat(40)}`,
    };
    const xml = rssDocument('x', [item])
      .replace(/^[\s\S]*?<item>/, '<item>')
      .replace(/<\/channel>[\s\S]*$/, '');
    parts.push(xml);
    size += xml.length;
  }
  return parts.join('');
}

const TAIL = '</channel></rss>';

function document(feed: Feed, fillers: readonly string[]) {
  const full = rssDocument('Outlet', feed.head);
  const doc = full.slice(0, full.lastIndexOf('</channel>'));
  const size = Buffer.byteLength(doc) + Buffer.byteLength(fillers[feed.filler] ?? '') + TAIL.length;
  const etag = `"${createHash('sha1').update(`${doc}|${feed.filler}`).digest('hex')}"`;
  return { doc, size, etag };
}

/** A response delay: log-normal around 200 ms (σ 1.7: ~3 % over 5 s); ~1 % hang. */
function delayOf(random: () => number): number | 'hang' {
  if (random() < 0.01) return 'hang';
  return Math.min(25_000, 200 * Math.exp(1.7 * normal(random)));
}

export async function startRealisticFarm(o: RealisticOptions): Promise<RealisticFarm> {
  const random = seeded(o.seed);
  const fillers = Array.from({ length: FILLER_BLOCKS }, (_, i) =>
    fillerBlock(i, 50_000 + (150_000 * i) / (FILLER_BLOCKS - 1)),
  );
  const feeds: Feed[] = [];
  const now = Date.now();
  for (let i = 0; i < o.feeds; i += 1) {
    const hot = random() < o.hotShare;
    // Skewed rates: log-normal around the hot or quiet median.
    const gapMs = (hot ? o.hotGapMs : o.quietGapMs) * Math.exp(0.5 * normal(random));
    const head = Array.from({ length: 10 }, (_, k) =>
      offTopicItem(`f${o.seed}-${i}-old-${k}`, i * 10 + k, new Date(now - (k + 1) * gapMs)),
    );
    const feed: Feed = {
      host: i % o.hosts,
      gapMs,
      filler: i % FILLER_BLOCKS,
      head,
      doc: '',
      size: 0,
      etag: '',
    };
    Object.assign(feed, document(feed, fillers));
    feeds.push(feed);
  }
  const counts = { requests: 0, ok: 0, notModified: 0, hung: 0, bytes: 0 };
  const published = new Map<string, number>();
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < o.hosts; h += 1) {
    const server = createServer((req, res) => {
      const m = /^\/f\/(\d+)\.xml$/.exec(req.url ?? '');
      const feed = m ? feeds[Number(m[1])] : undefined;
      if (!feed) return void res.writeHead(404).end();
      counts.requests += 1;
      const delay = delayOf(random);
      if (delay === 'hang') {
        counts.hung += 1;
        return void setTimeout(() => res.destroy(), 60_000).unref();
      }
      setTimeout(() => {
        if (req.headers['if-none-match'] === feed.etag) {
          counts.notModified += 1;
          return void res.writeHead(304, { etag: feed.etag }).end();
        }
        counts.ok += 1;
        counts.bytes += feed.size;
        // The whole document: the newest items, the feed's 50–200 KB filler, the closing tags.
        res.writeHead(200, {
          'content-type': 'application/rss+xml',
          'content-length': feed.size,
          etag: feed.etag,
        });
        res.write(feed.doc);
        res.write(fillers[feed.filler] ?? '');
        res.end(TAIL);
      }, delay).unref();
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, `127.0.1.${h + 1}`, resolve));
    servers.push(server);
    bases.push(`http://127.0.1.${h + 1}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: feeds.map((f, i) => `${bases[f.host] ?? ''}/f/${i}.xml`),
    counts,
    published,
    gaps: feeds.map((f) => f.gapMs),
    publish(i, item) {
      const feed = feeds[i];
      if (!feed) return;
      feed.head = [item, ...feed.head].slice(0, 10);
      Object.assign(feed, document(feed, fillers));
      published.set(item.link, Date.now());
    },
    async close() {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
