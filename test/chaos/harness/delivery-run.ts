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
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES } from '../../../src/queue/jobs.js';
import { createRedisIncidentStore } from '../../../src/store/redis/redis-incident-store.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import { startFeedServer } from '../../support/feed-server.js';
import { CHAOS_LOCK_MS, writeChaosConfig } from './chaos-config.js';
import { startFakeChat } from './fake-chat-server.js';
import { chaosIncidents, secondReport } from './incidents.js';
import { seededRandom } from './random.js';
import { startRedisServer } from './redis-server.js';
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
  /** Also publish a second outlet's report of each incident, in another feed, at once. */
  readonly secondReports?: boolean;
  /**
   * `fake` (default): the test entry with HttpChatPlatform. `slack`: the real `sitrep start`
   * with the Slack front end (HTTP mode) against the fake's Slack Web API.
   */
  readonly chat?: 'fake' | 'slack';
  /** The chat API takes this long to answer a post (default 0). */
  readonly postDelayMs?: number;
  /** Publish everything at once as soon as the workers run (throughput runs). */
  readonly publishAtOnce?: boolean;
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

const FAKE_DESTINATION = {
  platform: 'test',
  workspaceId: 'W-CHAOS',
  kind: 'channel',
  id: 'C-CHAOS',
} as const;
const SLACK_DESTINATION = { ...FAKE_DESTINATION, platform: 'slack', workspaceId: 'T1' } as const;

/** What a chaos worker running the real Slack front end is given (all fake, all local). */
function slackEnv(chatUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-chaos-0000-fake',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: 'chaos-fake-signing-secret',
    SLACK_HOST: '127.0.0.1',
    SLACK_PORT: '0',
    SLACK_API_URL: `${chatUrl}/api/`,
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts per incident: a second outlet's report (`…-second`) counts for its incident. */
function postsPerIncident(perKey: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of perKey) {
    const k = key.replace(/-second$/, '');
    out.set(k, (out.get(k) ?? 0) + n);
  }
  return out;
}

async function jobDiagnostics(redis: Redis, prefix: string) {
  const failedJobs: string[] = [];
  const pendingJobs: Record<string, number> = {};
  for (const name of [QUEUES.items, QUEUES.alerts, QUEUES.deliveries]) {
    const q = new Queue(name, { connection: redis, prefix });
    for (const job of await q.getFailed(0, 50))
      failedJobs.push(`${name}/${job.id}: ${job.failedReason}`);
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    pendingJobs[name] = Object.values(c).reduce((a, b) => a + b, 0);
    for (const job of await q.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 20)) {
      const state = await job.getState();
      failedJobs.push(
        `pending ${name}/${job.id} ${state} attempts=${job.attemptsMade} started=${job.attemptsStarted} ` +
          `stalled=${job.stalledCounter} delay=${job.delay} reason=${job.failedReason ?? ''}`,
      );
    }
    await q.close();
  }
  return { failedJobs, pendingJobs };
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
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
    const incidents = o.secondReports ? firsts.flatMap((f, i) => [f, secondReport(f, i)]) : firsts;
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
    const DESTINATION = slack ? SLACK_DESTINATION : FAKE_DESTINATION;
    // `sitrep start` says it is ready at info level.
    const logLevel = slack ? 'info' : 'warn';
    const configPath = writeChaosConfig({ redisUrl, prefix, feeds, dir, logLevel });
    await new RedisSubscriptionStore(admin, prefix).create(
      {
        kind: 'route',
        ownerId: 'chaos',
        destination: DESTINATION,
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
    const deadline = Date.now() + (o.timeoutMs ?? 120_000);
    while (Date.now() < deadline) {
      const got = postsPerIncident(chat.postsPerKey(DESTINATION.id));
      if (keys.every((k) => got.has(k))) {
        allDelivered = Date.now();
        break;
      }
      await sleep(50);
    }
    // Long enough for a killed worker's last jobs to be picked up again and show a duplicate.
    await sleep(2 * CHAOS_LOCK_MS + 1500);
    const got = postsPerIncident(chat.postsPerKey(DESTINATION.id));
    const wanted = new Set(keys);
    const perWorker = new Map<number, number>();
    for (const c of chat.calls)
      if (c.op === 'post') perWorker.set(c.worker, (perWorker.get(c.worker) ?? 0) + 1);
    const stored = await createRedisIncidentStore(admin, {
      prefix,
      retentionMs: 86_400_000,
    }).recent({ since: new Date(started - 60_000), limit: 10_000 });
    const sources = stored.flatMap((i) => i.sources.map((s) => s.itemId));
    const { failedJobs, pendingJobs } = await jobDiagnostics(admin, prefix);
    return {
      expected: keys.length,
      delivered: keys.filter((k) => got.has(k)).length,
      missing: keys.filter((k) => !got.has(k)),
      duplicated: [...got]
        .filter(([k, n]) => n > 1 || !wanted.has(k))
        .map(([key, posts]) => ({ key, posts })),
      kills,
      redisRestarts,
      chatFailures: chat.failures,
      workerStarts: all.length,
      postsPerWorker: [...perWorker.values()],
      incidents: stored.length,
      itemsTwice: sources.length - new Set(sources).size,
      failedJobs,
      pendingJobs,
      peakRssBytes: Math.max(0, ...all.map((w) => w.peakRss)),
      deliverMs: allDelivered > 0 ? allDelivered - allPublished : -1,
      durationMs: Date.now() - started,
    };
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
