import { DelayedError, Queue, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, FeedConfig } from '../config/schema.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';
import type { Logger } from '../log/logger.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import type { FeedStateStore } from '../store/feed-state-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import { ChatError } from '../chat/chat-error.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import type { Subscription } from '../domain/subscription.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { MuteStore } from '../store/mute-store.js';
import type { RuntimeFeedStore } from '../store/runtime-feed-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { routeAlert, type AlertDeps } from './alert.processor.js';
import { deliverDigest, deliverPlanned } from './delivery.processor.js';
import { runtimeFeedConfig } from '../feed/admin/feed-admin.js';
import type { DestinationPacer } from '../store/destination-pacer.js';
import { releaseDueDigests } from './digest.processor.js';
import { articleEnrichment } from './article-enrichment.js';
import { isArticleCandidate } from './enrich-item.js';
import { invalidPayload, processItem, reportOf } from './item.processor.js';
import { OpenIncidentCache } from './open-incident-cache.js';
import {
  alertJobSchema,
  deliveryJobSchema,
  digestJobSchema,
  itemJobSchema,
  pollJobSchema,
  QUEUES,
  type AlertJob,
  type DeliveryJob,
  type ItemJob,
  type PollJob,
} from './jobs.js';
import type { PipelineMetrics } from './metrics.js';
import { pollFeed } from './poll.processor.js';
import type { RedisOutageLog } from './redis-outage-log.js';
import { SubscriptionMatcher } from './subscription-matcher.js';

/** Alert delivery: every alert is planned and routed to these platforms (the console is one). */
export interface ChatDeps {
  readonly platforms: readonly ChatPlatform[];
  /** Subscriptions the front ends bring with them (the console's "every alert"). */
  readonly standing: readonly Subscription[];
  readonly pacer: DestinationPacer;
  readonly subscriptions: SubscriptionStore;
  readonly mutes: MuteStore;
  readonly deliveries: DeliveryStore;
}

export interface PipelineDeps {
  readonly config: Readonly<Config>;
  /** A connection for BullMQ (maxRetriesPerRequest: null); duplicated per worker. */
  readonly connection: Redis;
  readonly state: FeedStateStore;
  readonly incidents: IncidentStore;
  readonly matcher: TopicMatcher;
  readonly gazetteer: Gazetteer;
  /** What the incident extractor reads (gazetteer, lexicon, theatre). */
  readonly vocabulary: ExtractionVocabulary;
  readonly chat: ChatDeps;
  /** Feeds admins added at run time; polled beside the configured ones. */
  readonly runtimeFeeds?: RuntimeFeedStore;
  readonly metrics: PipelineMetrics;
  /** Where every queue's and worker's connection errors go (one line per Redis outage). */
  readonly outage: RedisOutageLog;
  readonly log: Logger;
  /** The clock of alert planning and delivery records (tests set it). */
  readonly now?: () => Date;
}

export interface Pipeline {
  readonly queues: {
    poll: Queue<PollJob>;
    items: Queue<ItemJob>;
    alerts: Queue<AlertJob>;
    deliveries: Queue<DeliveryJob>;
    digests: Queue;
  };
  /** Waiting + active + delayed jobs over all queues. */
  pending(): Promise<number>;
  /** Re-reads the runtime-added feeds and adds or removes their pollers. */
  syncFeeds(): Promise<void>;
  close(): Promise<void>;
}

function parsePayload<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { message: string } };
  },
  queue: string,
  data: unknown,
): T {
  const r = schema.safeParse(data);
  if (!r.success) throw invalidPayload(queue, r.error.message);
  return r.data;
}

/** Creates the queues and workers and reconciles one job scheduler per configured feed. */
export async function startPipeline(deps: PipelineDeps): Promise<Pipeline> {
  const { config, metrics } = deps;
  const p = config.pipeline;
  const base = { connection: deps.connection, prefix: config.redis.prefix };
  const defaultJobOptions = {
    attempts: p.attempts,
    backoff: { type: 'exponential', delay: p.retryBackoff },
    removeOnComplete: { count: p.keepCompleted },
    removeOnFail: { count: p.keepFailed },
  };
  const queues = {
    poll: new Queue<PollJob>(QUEUES.poll, { ...base, defaultJobOptions }),
    items: new Queue<ItemJob>(QUEUES.items, { ...base, defaultJobOptions }),
    alerts: new Queue<AlertJob>(QUEUES.alerts, { ...base, defaultJobOptions }),
    deliveries: new Queue<DeliveryJob>(QUEUES.deliveries, {
      ...base,
      defaultJobOptions: {
        ...defaultJobOptions,
        attempts: config.delivery.attempts,
        backoff: { type: 'chat', delay: config.delivery.retryBackoff },
      },
    }),
    digests: new Queue(QUEUES.digests, { ...base, defaultJobOptions }),
  };
  // Without an 'error' listener BullMQ prints a queue's errors with console.error.
  for (const [name, q] of Object.entries(queues)) deps.outage.watch(q, name);
  const feeds = new Map<string, FeedConfig>();
  const syncFeeds = async (): Promise<void> => {
    const runtime = (await deps.runtimeFeeds?.list()) ?? [];
    const all = [...config.feeds, ...runtime.map(runtimeFeedConfig)].filter((f) => f.enabled);
    feeds.clear();
    for (const f of all) if (!feeds.has(f.id)) feeds.set(f.id, f);
    await reconcileSchedulers(queues.poll, feeds, config, deps.log);
  };
  const timed =
    <T>(queue: string, fn: (job: Job, token?: string) => Promise<T>) =>
    async (job: Job, token?: string) => {
      const end = metrics.jobDuration.startTimer({ queue });
      try {
        return await fn(job, token);
      } finally {
        end();
      }
    };
  const worker = <T>(
    name: string,
    concurrency: number,
    fn: (job: Job, token?: string) => Promise<T>,
    extra: Omit<WorkerOptions, 'connection'> = {},
  ) => {
    const w = new Worker(name, timed(name, fn), {
      ...base,
      ...extra,
      connection: deps.connection.duplicate(),
      concurrency,
      lockDuration: p.lockDuration,
      stalledInterval: p.stalledInterval,
      maxStalledCount: p.maxStalledCount,
    });
    w.on('failed', (job, err) =>
      deps.log.warn(
        { err, queue: name, jobId: job?.id, attempts: job?.attemptsMade },
        `${name} job failed`,
      ),
    );
    deps.outage.watch(w, name);
    deps.outage.watchReady(w, name);
    return w;
  };
  const articles = articleEnrichment(deps, feeds, queues.items);
  const pollDeps = {
    config,
    feeds,
    state: deps.state,
    itemQueue: queues.items,
    metrics,
    // Off-topic items (most of any feed) are dropped here rather than queued one job each;
    // near-threshold ones go on when their article may decide.
    onTopic: (item: FeedItem) => {
      const m = deps.matcher.match(reportOf(item));
      return m.match || (articles !== null && isArticleCandidate(articles.rule, item, m));
    },
    ...(articles ? { enrich: articles.enrich } : {}),
  };
  const itemDeps = {
    matcher: deps.matcher,
    vocabulary: deps.vocabulary,
    incidents: deps.incidents,
    alertQueue: queues.alerts,
    metrics,
    cluster: config.incidents.cluster,
    openIncidents: new OpenIncidentCache(deps.vocabulary),
  };
  const alertDeps = routingDeps(deps, queues.deliveries);
  const workers: Worker[] = [
    worker(QUEUES.poll, p.concurrency.poll, async (job) => {
      const { feedId } = parsePayload(pollJobSchema, QUEUES.poll, job.data);
      // A feed another worker added since our last sync: sync before polling it.
      if (!feeds.has(feedId) && deps.runtimeFeeds) await syncFeeds();
      return pollFeed(pollDeps, feedId, deps.log.child({ queue: QUEUES.poll, jobId: job.id }));
    }),
    // Clustering reads then writes open incidents: one item at a time keeps it consistent.
    worker(QUEUES.items, 1, (job) => {
      const { item, revises } = parsePayload(itemJobSchema, QUEUES.items, job.data);
      return processItem(itemDeps, item as FeedItem, revises ? { revises } : {});
    }),
    worker(QUEUES.alerts, p.concurrency.deliver, (job) =>
      routeAlert(alertDeps, parsePayload(alertJobSchema, QUEUES.alerts, job.data)),
    ),
    deliveryWorker(deps, deps.chat, worker),
  ];
  const tick = { deliveries: deps.chat.deliveries, queue: queues.deliveries };
  workers.push(worker(QUEUES.digests, 1, () => releaseDueDigests(tick, deps.now?.())));
  await queues.digests.upsertJobScheduler('digests', { every: config.delivery.digestCheck });
  await syncFeeds();
  const syncTimer = deps.runtimeFeeds
    ? setInterval(() => {
        syncFeeds().catch((err: unknown) =>
          deps.log.warn({ err }, 'could not re-read the runtime-added feeds'),
        );
      }, config.polling.feedSync)
    : undefined;
  syncTimer?.unref();
  return {
    queues,
    syncFeeds,
    async pending() {
      // The poll and digests queues always hold their schedulers' next (delayed) runs.
      let n = 0;
      for (const [name, q] of Object.entries(queues)) {
        const states = name === 'poll' || name === 'digests' ? [] : ['delayed' as const];
        const c = await q.getJobCounts('waiting', 'active', 'prioritized', ...states);
        n += Object.values(c).reduce((a, b) => a + b, 0);
      }
      return n;
    },
    async close() {
      clearInterval(syncTimer);
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await Promise.all(workers.map(async (w) => (await w.client).quit().catch(() => undefined)));
    },
  };
}

function routingDeps(deps: PipelineDeps, deliveryQueue: Queue<DeliveryJob>): AlertDeps {
  const chat = deps.chat;
  const d = deps.config.delivery;
  return {
    incidents: deps.incidents,
    matcher: new SubscriptionMatcher(chat.subscriptions, deps.gazetteer),
    stores: chat,
    standing: chat.standing,
    platforms: new Set(chat.platforms.map((p) => p.platform)),
    metrics: deps.metrics,
    ...(deps.now ? { now: deps.now } : {}),
    deliveryQueue,
    settings: {
      burstThreshold: d.burstThreshold,
      burstWindowMs: d.burstWindow,
      dailyHourUtc: d.dailyHourUtc,
    },
    log: deps.log.child({ queue: QUEUES.alerts }),
  };
}

type MakeWorker = (
  name: string,
  concurrency: number,
  fn: (job: Job, token?: string) => Promise<unknown>,
  extra?: Omit<WorkerOptions, 'connection'>,
) => Worker;

/**
 * The `deliveries` worker: a queue-wide rate limit, per-destination pacing inside the
 * processor, and a backoff that honours a chat platform's Retry-After.
 */
function deliveryWorker(deps: PipelineDeps, chat: ChatDeps, worker: MakeWorker): Worker {
  const d = deps.config.delivery;
  const deliveryDeps = {
    platforms: new Map(chat.platforms.map((p) => [p.platform, p] as const)),
    incidents: deps.incidents,
    deliveries: chat.deliveries,
    subscriptions: chat.subscriptions,
    pacer: chat.pacer,
    ...(deps.now ? { now: deps.now } : {}),
    log: deps.log.child({ queue: QUEUES.deliveries }),
    lockMs: deps.config.pipeline.lockDuration,
  };
  return worker(
    QUEUES.deliveries,
    d.concurrency,
    async (job, token) => {
      const platform = String(
        (job.data as { destination?: { platform?: unknown } }).destination?.platform ?? '',
      );
      try {
        const outcome =
          job.name === 'digest'
            ? await deliverDigest(
                deliveryDeps,
                job,
                token,
                parsePayload(digestJobSchema, 'digest', job.data),
              )
            : await deliverPlanned(
                deliveryDeps,
                job,
                token,
                parsePayload(deliveryJobSchema, QUEUES.deliveries, job.data),
              );
        deps.metrics.chatDeliveries.inc({
          platform,
          outcome: job.name === 'digest' ? `digest_${outcome}` : outcome,
        });
        return outcome;
      } catch (err) {
        if (!(err instanceof DelayedError))
          deps.metrics.chatDeliveries.inc({
            platform,
            outcome: err instanceof ChatError ? `failed_${err.kind}` : 'failed_other',
          });
        throw err;
      }
    },
    {
      limiter: { max: d.rateLimit.max, duration: d.rateLimit.per },
      settings: {
        backoffStrategy: (attemptsMade, _type, err) =>
          err instanceof ChatError && err.retryAfterMs !== undefined
            ? err.retryAfterMs
            : d.retryBackoff * 2 ** Math.max(0, attemptsMade - 1),
      },
    },
  );
}

/**
 * One job scheduler per enabled feed; schedulers of removed feeds are deleted. A scheduler
 * that already runs at the right interval is left alone (this runs again on every feed sync).
 */
async function reconcileSchedulers(
  queue: Queue<PollJob>,
  feeds: ReadonlyMap<string, FeedConfig>,
  config: Readonly<Config>,
  log: Logger,
): Promise<void> {
  const existing = new Map<string, number | undefined>();
  for (const s of await queue.getJobSchedulers()) {
    const id = s.key;
    existing.set(id, s.every === undefined || s.every === null ? undefined : Number(s.every));
    if (!feeds.has(id)) {
      await queue.removeJobScheduler(id);
      log.info({ feedId: id }, 'feed removed: scheduler deleted');
    }
  }
  for (const feed of feeds.values()) {
    const every = Math.max(
      config.polling.minInterval,
      feed.interval ?? config.polling.defaultInterval,
    );
    if (existing.get(feed.id) === every) continue;
    await queue.upsertJobScheduler(feed.id, { every }, { name: 'poll', data: { feedId: feed.id } });
    if (existing.size > 0) log.info({ feedId: feed.id, every }, 'feed scheduled');
  }
}
