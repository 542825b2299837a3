/**
 * Hostile feeds against a worker process: the worker stays up under a memory bound, each
 * hostile feed gets its own clear state in feed health, nothing from /etc/passwd or a <script>
 * reaches an item or an alert, and a good feed's incidents keep flowing meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { FeedHealth } from '../../../src/store/feed-state-store.js';
import { createRedisFeedStateStore } from '../../../src/store/redis/redis-feed-state-store.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import { startFeedServer } from '../../support/feed-server.js';
import { deletePrefix } from '../../support/test-redis.js';
import { writeChaosConfig } from './chaos-config.js';
import { startFakeChat } from './fake-chat-server.js';
import { serveHostileFeeds, type HostileFeed, type HostileOptions } from './hostile-feeds.js';
import { chaosIncidents } from './incidents.js';
import { startWorker } from './worker-process.js';

export interface HostileRow extends HostileFeed {
  readonly health: FeedHealth;
}

export interface HostileReport {
  readonly rows: readonly HostileRow[];
  readonly goodDelivered: number;
  readonly goodExpected: number;
  readonly workerAlive: boolean;
  readonly peakRssBytes: number;
  /** Item jobs whose data holds a secret from /etc/passwd or a live <script> / on* handler. */
  readonly leakedItems: number;
  readonly leakedAlerts: number;
  /** Titles of the alerts made from hostile feeds' items (the XXE and script items are on topic). */
  readonly hostileAlerts: readonly string[];
  /** Items read from the 100,000-item feed (its health's itemsSeen; capped by fetch.maxItems). */
  readonly manySeen: number;
  readonly durationMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A line of the local /etc/passwd that would show an external entity was read. */
function passwdMarker(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';
  } catch {
    return 'root:x:0:0';
  }
}

function leaks(text: string, marker: string): boolean {
  return text.includes(marker) || /<script|<iframe|onerror=|onmouseover=|javascript:/i.test(text);
}

async function itemJobData(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:items:*`, 'COUNT', 1000);
    for (const k of keys) {
      if ((await redis.type(k)) !== 'hash') continue;
      const data = await redis.hget(k, 'data');
      if (data) out.push(data);
    }
    cursor = next;
  } while (cursor !== '0');
  return out;
}

export async function runHostileFeeds(
  o: HostileOptions & { timeoutMs?: number } = {},
): Promise<HostileReport> {
  const started = Date.now();
  const runId = randomBytes(4).toString('hex');
  const prefix = `sitrep-chaos-${runId}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-chaos-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const server = await startFeedServer();
  const chat = await startFakeChat();
  const hostile = await serveHostileFeeds(server, o);
  const good = chaosIncidents(6, runId);
  server.rss('/good.xml', 'Good wire', good.slice(0, 3));
  const feeds = [
    ...hostile.map((h) => ({ id: h.id, url: `${server.base}/${h.id}.xml` })),
    { id: 'good', url: `${server.base}/good.xml` },
  ];
  const configPath = writeChaosConfig({
    redisUrl,
    prefix,
    feeds,
    dir,
    logLevel: 'warn',
    fetch: { timeout: '3s' },
  });
  await new RedisSubscriptionStore(admin, prefix).create(
    {
      kind: 'route',
      ownerId: 'chaos',
      destination: { platform: 'test', workspaceId: 'W', kind: 'channel', id: 'C-HOSTILE' },
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    new Date(),
  );
  const worker = startWorker({ configPath, chatUrl: chat.url });
  const sampler = setInterval(() => worker.sample(), 100);
  const state = createRedisFeedStateStore(admin, prefix);
  const healthOf = () => Promise.all(hostile.map(async (h) => state.health(h.id)));
  try {
    await worker.ready();
    const deadline = Date.now() + (o.timeoutMs ?? 90_000);
    while (Date.now() < deadline && (await healthOf()).some((h) => !h.lastPollAt)) await sleep(200);
    server.rss('/good.xml', 'Good wire', good); // the good feed keeps flowing after the attack
    const got = () => chat.postsPerKey('C-HOSTILE');
    while (Date.now() < deadline && !good.every((g) => got().has(g.key))) await sleep(200);
    const marker = passwdMarker();
    const items = await itemJobData(admin, prefix);
    const health = await healthOf();
    return {
      rows: hostile.map((h, i) => ({ ...h, health: health[i] as FeedHealth })),
      goodDelivered: good.filter((g) => got().has(g.key)).length,
      goodExpected: good.length,
      workerAlive: worker.sample() > 0,
      peakRssBytes: worker.peakRss,
      leakedItems: items.filter((d) => leaks(d, marker)).length,
      leakedAlerts: chat.calls.filter((c) => leaks(c.raw, marker)).length,
      hostileAlerts: chat.calls
        .filter((c) => c.op === 'post' && c.keys.some((k) => k.includes('hostile.example.test')))
        .map((c) => (JSON.parse(c.raw) as { message: { title: string } }).message.title),
      manySeen: Number((await admin.hget(`${prefix}:feed:many:health`, 'itemsSeen')) ?? 0),
      durationMs: Date.now() - started,
    };
  } finally {
    clearInterval(sampler);
    await worker.kill('SIGTERM');
    await deletePrefix(admin, prefix);
    admin.disconnect();
    await chat.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
