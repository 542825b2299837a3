/**
 * One chaos run of the whole worker: N distinct on-topic incidents are published through a
 * local feed server while worker processes are SIGKILLed and restarted at random moments (and,
 * optionally, Redis is killed and restarted, several workers share the work, the chat API fails
 * a share of its calls). At the end every incident must have reached the chat API exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Incident } from '../../../src/domain/incident.js';
import { REDIS_LOG } from '../../../src/queue/redis-outage-log.js';
import { createRedisIncidentStore } from '../../../src/store/redis/redis-incident-store.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import { startFeedServer } from '../../support/feed-server.js';
import { checkAnnouncements, type AnnouncementCheck } from './announcements.js';
import { CHAOS_LOCK_MS, writeChaosConfig } from './chaos-config.js';
import { startFakeChat, type FakeChat } from './fake-chat-server.js';
import { chaosIncidents, secondReport, thirdReport, type ChaosIncident } from './incidents.js';
import { checkLogs, type LogCheck } from './log-check.js';
import { seededRandom } from './random.js';
import { startRedisServer } from './redis-server.js';
import { deletePrefix } from '../../support/test-redis.js';
import {
  chaosDestination,
  jobDiagnostics,
  pendingJobs,
  postsPerIncident,
  sleep,
  slackEnv,
} from './run-support.js';
import { startWorker, type WorkerProcess } from './worker-process.js';

export interface DeliveryRunOptions {
  /** Distinct incidents published (N). */
  readonly items: number;
  /** SIGKILLs of a worker at random moments (K); each is followed by a restart. */
  readonly kills: number;
  /** Worker processes running at once (default 1). */
  readonly workers?: number;
  /** Share of chat API calls failing with 500 or 429 (default 0). */
  readonly failRate?: number;
  /** Kill and restart an own AOF redis-server this many times (default 0: the shared Redis). */
  readonly redisRestarts?: number;
  /** Kill the worker right after the chat API accepted a post, before it hears back. */
  readonly killAfterPost?: boolean;
  /** The chat platform cannot look up earlier posts (no findPosted): at-least-once delivery. */
  readonly noFind?: boolean;
  readonly feeds?: number;
  /**
   * Reports per incident (default 1): 2 or 3 also publish a second (and third) outlet's report
   * of each incident at once, each kind in its own feed when there are as many feeds, so the
   * incident's versions are made milliseconds apart.
   */
  readonly reports?: 1 | 2 | 3;
  /** Share of posts, edits and thread replies the chat API applies and then answers 500. */
  readonly appliedFailRate?: number;
  /** Channels with a route to them (default 1); each must get each incident once. */
  readonly routes?: number;
  /**
   * `fake` (default): the test entry with HttpChatPlatform. `slack`: the real `sitrep start`
   * with the Slack front end (HTTP mode) against the fake's Slack Web API.
   */
  readonly chat?: 'fake' | 'slack';
  /** The chat API takes this long to answer a post (default 0). */
  readonly postDelayMs?: number;
  /** Publish everything at once as soon as the workers run (throughput runs). */
  readonly publishAtOnce?: boolean;
  /** The workers' log level (default: info for `slack`, which says it is ready at info; warn). */
  readonly logLevel?: string;
  readonly seed?: number;
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface DeliveryRunReport {
  readonly expected: number;
  readonly delivered: number;
  readonly missing: readonly string[];
  readonly duplicated: readonly { key: string; posts: number }[];
  readonly kills: number;
  readonly redisRestarts: number;
  readonly chatFailures: number;
  /** Calls the chat API applied and then answered 500. */
  readonly appliedFailures: number;
  /** Each change announced once in its incident's thread (see announcements.ts). */
  readonly announcements: AnnouncementCheck;
  /** The workers' output: JSON lines only, one warning and one "reconnected" per outage. */
  readonly logs: LogCheck;
  readonly workerStarts: number;
  /** Posts made by each worker process that posted anything. */
  readonly postsPerWorker: readonly number[];
  /** Incidents stored, and feed items that reached one twice (processed twice). */
  readonly incidents: number;
  readonly itemsTwice: number;
  /** Jobs parked as failed, and jobs still waiting/active/delayed at the end (diagnostics). */
  readonly failedJobs: readonly string[];
  readonly pendingJobs: Readonly<Record<string, number>>;
  /** Highest resident set size of any worker process. */
  readonly peakRssBytes: number;
  /** From publishing the last item to the first post of the last incident. */
  readonly deliverMs: number;
  readonly durationMs: number;
}

/** Each incident's reports in publishing order: first, second, third, then the next incident. */
function allReports(firsts: readonly ChaosIncident[], reports: number): ChaosIncident[] {
  return firsts.flatMap((f, i) => [f, secondReport(f, i), thirdReport(f, i)].slice(0, reports));
}

/** What the chat API got, per destination: missing and repeated incidents. */
function deliveryCounts(chat: FakeChat, destinations: readonly string[], keys: readonly string[]) {
  const label = (d: string, k: string) => (destinations.length > 1 ? `${d} ${k}` : k);
  const wanted = new Set(keys);
  const missing: string[] = [];
  const duplicated: { key: string; posts: number }[] = [];
  let delivered = 0;
  for (const d of destinations) {
    const got = postsPerIncident(chat.postsPerKey(d));
    for (const k of keys) if (!got.has(k)) missing.push(label(d, k));
    delivered += keys.filter((k) => got.has(k)).length;
    for (const [k, posts] of got)
      if (posts > 1 || !wanted.has(k)) duplicated.push({ key: label(d, k), posts });
  }
  return { delivered: delivered / destinations.length, missing, duplicated };
}

interface RunState {
  readonly started: number;
  readonly admin: Redis;
  readonly prefix: string;
  readonly chat: FakeChat;
  readonly destinations: readonly string[];
  readonly keys: readonly string[];
  readonly all: readonly WorkerProcess[];
  readonly kills: number;
  readonly redisRestarts: number;
  readonly deliverMs: number;
}

/** The report, once the run is over: deliveries, announcements, logs, jobs left. */
async function reportOf(r: RunState): Promise<DeliveryRunReport> {
  const perWorker = new Map<number, number>();
  for (const c of r.chat.calls)
    if (c.op === 'post') perWorker.set(c.worker, (perWorker.get(c.worker) ?? 0) + 1);
  const stored: Incident[] = await createRedisIncidentStore(r.admin, {
    prefix: r.prefix,
    retentionMs: 86_400_000,
  }).recent({ since: new Date(r.started - 60_000), limit: 10_000 });
  const sources = stored.flatMap((i) => i.sources.map((s) => s.itemId));
  return {
    expected: r.keys.length,
    ...deliveryCounts(r.chat, r.destinations, r.keys),
    kills: r.kills,
    redisRestarts: r.redisRestarts,
    chatFailures: r.chat.failures,
    appliedFailures: r.chat.appliedFailures,
    announcements: checkAnnouncements(r.chat.calls, r.destinations, stored),
    logs: checkLogs(r.all, REDIS_LOG),
    workerStarts: r.all.length,
    postsPerWorker: [...perWorker.values()],
    incidents: stored.length,
    itemsTwice: sources.length - new Set(sources).size,
    ...(await jobDiagnostics(r.admin, r.prefix)),
    peakRssBytes: Math.max(0, ...r.all.map((w) => w.peakRss)),
    deliverMs: r.deliverMs,
    durationMs: Date.now() - r.started,
  };
}

export async function runDeliveryChaos(o: DeliveryRunOptions): Promise<DeliveryRunReport> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const random = seededRandom(o.seed ?? Date.now());
  const runId = randomBytes(4).toString('hex');
  const prefix = `sitrep-chaos-${runId}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-chaos-'));
  const redisServer = (o.redisRestarts ?? 0) > 0 ? await startRedisServer() : null;
  const redisUrl = redisServer?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: null });
  admin.on('error', () => undefined);
  const feedServer = await startFeedServer();
  const chat = await startFakeChat({
    failRate: o.failRate ?? 0,
    appliedFailRate: o.appliedFailRate ?? 0,
    retryAfterMs: 1000,
    random,
    ...(o.postDelayMs ? { postDelayMs: o.postDelayMs } : {}),
  });
  const all: WorkerProcess[] = [];
  const live: WorkerProcess[] = [];
  const sampler = setInterval(() => live.forEach((w) => w.sample()), 100);
  let kills = 0;
  let redisRestarts = 0;
  try {
    const firsts = chaosIncidents(o.items, runId);
    const incidents = allReports(firsts, o.reports ?? 1);
    const feedCount = Math.max(1, o.feeds ?? 3);
    const feeds = Array.from({ length: feedCount }, (_, i) => ({
      id: `chaos-${i}`,
      url: `${feedServer.base}/chaos-${i}.xml`,
    }));
    let published = 0;
    const publish = (upTo: number) => {
      published = Math.min(incidents.length, Math.max(published, upTo));
      feeds.forEach((f, fi) => {
        const mine = incidents.slice(0, published).filter((_, i) => i % feedCount === fi);
        feedServer.rss(`/${f.id}.xml`, `Wire ${fi}`, mine);
      });
    };
    publish(0);
    const slack = o.chat === 'slack';
    const destinations = Array.from({ length: Math.max(1, o.routes ?? 1) }, (_, i) =>
      chaosDestination(slack, i),
    );
    // `sitrep start` says it is ready at info level.
    const logLevel = o.logLevel ?? (slack ? 'info' : 'warn');
    const configPath = writeChaosConfig({ redisUrl, prefix, feeds, dir, logLevel });
    for (const destination of destinations)
      await new RedisSubscriptionStore(admin, prefix).create(
        {
          kind: 'route',
          ownerId: 'chaos',
          destination,
          query: 'topic:militia-attacks',
          mode: 'live',
        },
        new Date(),
      );
    const spawnOne = async (): Promise<WorkerProcess> => {
      const w = slack
        ? startWorker({ configPath, cli: true, env: slackEnv(chat.url) })
        : startWorker({ configPath, chatUrl: chat.url, ...(o.noFind ? { noFind: true } : {}) });
      all.push(w);
      live.push(w);
      await w.ready();
      return w;
    };
    const killOne = async (index: number): Promise<void> => {
      const [victim] = live.splice(index, 1);
      if (!victim) return;
      victim.sample();
      await victim.kill('SIGKILL');
      kills += 1;
      log(`killed worker ${victim.pid} (kill ${kills})`);
      await spawnOne();
    };
    for (let i = 0; i < (o.workers ?? 1); i += 1) await spawnOne();
    if (o.killAfterPost) {
      chat.onPost = async () => {
        if (kills >= o.kills) return;
        await killOne(0);
      };
    }
    const events: ('kill' | 'redis')[] = [
      ...Array<'kill'>(o.killAfterPost ? 0 : o.kills).fill('kill'),
      ...Array<'redis'>(o.redisRestarts ?? 0).fill('redis'),
    ].sort(() => random() - 0.5);
    const batch = o.publishAtOnce
      ? incidents.length
      : Math.ceil(incidents.length / (events.length + 1));
    publish(batch);
    for (const [i, event] of events.entries()) {
      await sleep(200 + random() * 1500);
      if (event === 'kill') await killOne(Math.floor(random() * live.length));
      else if (redisServer) {
        await redisServer.restart(300 + random() * 700);
        redisRestarts += 1;
        log(`restarted redis (restart ${redisRestarts})`);
      }
      publish(batch * (i + 2));
    }
    publish(incidents.length);
    const allPublished = Date.now();
    let allDelivered = 0;
    const keys = firsts.map((i) => i.key);
    const ids = destinations.map((d) => d.id);
    const deadline = Date.now() + (o.timeoutMs ?? 120_000);
    while (Date.now() < deadline) {
      if (!allDelivered && deliveryCounts(chat, ids, keys).missing.length === 0)
        allDelivered = Date.now();
      // Then until the updates (edits, thread replies) are through too.
      if (allDelivered && (await pendingJobs(admin, prefix).catch(() => 1)) === 0) break;
      await sleep(allDelivered ? 250 : 50);
    }
    // Long enough for a killed worker's last jobs to be picked up again and show a duplicate.
    await sleep(2 * CHAOS_LOCK_MS + 1500);
    return await reportOf({
      started,
      admin,
      prefix,
      chat,
      destinations: ids,
      keys,
      all,
      kills,
      redisRestarts,
      deliverMs: allDelivered > 0 ? allDelivered - allPublished : -1,
    });
  } finally {
    clearInterval(sampler);
    await Promise.all(live.map((w) => w.kill('SIGTERM')));
    await Promise.all(all.map((w) => w.kill('SIGKILL')));
    await deletePrefix(admin, prefix).catch(() => undefined);
    admin.disconnect();
    await chat.close();
    await feedServer.close();
    await redisServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
