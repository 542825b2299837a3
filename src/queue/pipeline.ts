import { DelayedError, Worker, type Job, type Queue, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, FeedConfig } from '../config/schema.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { compileExtractionPatterns } from '../incident/extract/compile-patterns.js';
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
import type { DestinationPacer } from '../store/destination-pacer.js';
import type { RobotsCache } from '../store/robots-cache.js';
import { releaseDueDigests } from './digest.processor.js';
import {
  postWeeklyMaps,
  scheduleWeeklyMaps,
  WEEKLY_MAPS,
  weeklyMapDeps,
} from './weekly-map.processor.js';
import type { MapPort } from '../command/map-port.js';
import { articleEnrichment } from './article-enrichment.js';
import { isArticleCandidate } from './enrich-item.js';
import { BatchItems, itemsJobProcessor } from './item-batch.processor.js';
import { clusterRounds, parsePayload, reportOf, warmOpenIncidents } from './item.processor.js';
import { OpenIncidentCache } from './open-incident-cache.js';
import { startFeedPolling, type FeedPolling } from './feed-polling.js';
import {
  alertJobSchema,
  deliveryJobSchema,
  digestJobSchema,
  QUEUES,
  type AlertJob,
  type DeliveryJob,
} from './jobs.js';
import type { PipelineMetrics } from './metrics.js';
import { createQueues, pendingJobs, type PipelineQueues } from './queues.js';
import { rememberMatches } from './remembered-matches.js';
import { removeLegacyPollQueue } from './legacy-poll-queue.js';
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
  /**
   * The poll schedule's, host slots', article claims' and weekly-map marks' commands; main.ts
   * gives an auto-pipelined connection, which BullMQ must not use. Default: `connection`.
   */
  readonly storeConnection?: Redis;
  readonly state: FeedStateStore;
  readonly incidents: IncidentStore;
  readonly matcher: TopicMatcher;
  readonly gazetteer: Gazetteer;
  /** What the incident extractor reads (gazetteer, lexicon, theatre). */
  readonly vocabulary: ExtractionVocabulary;
  readonly chat: ChatDeps;
  /** Draws the weekly maps of routes added with --weekly-map (none: no weekly maps). */
  readonly maps?: MapPort;
  /** Feeds admins added at run time; polled beside the configured ones. */
  readonly runtimeFeeds?: RuntimeFeedStore;
  readonly metrics: PipelineMetrics;
  /** Where every queue's and worker's connection errors go (one line per Redis outage). */
  readonly outage: RedisOutageLog;
  /** robots.txt files for article fetches, shared by all workers. */
  readonly robotsCache: RobotsCache;
  /** The least delay before a feed's next poll (WebSub: the safety interval while pushed). */
  readonly pollFloor?: (feedId: string) => Promise<number>;
  readonly log: Logger;
  /** The clock of alert planning and delivery records (tests set it). */
  readonly now?: () => Date;
}

export interface Pipeline {
  readonly queues: PipelineQueues;
  /** Feed polling: the shared schedule, `markDue` and `ingestFeedBody` (the WebSub seam). */
  readonly polling: FeedPolling;
  /** Waiting + active + delayed jobs over all queues. */
  pending(): Promise<number>;
  /** Re-reads the runtime-added feeds and adds or removes them from the schedule. */
  syncFeeds(): Promise<void>;
  close(): Promise<void>;
}

type MakeWorker = (
  name: string,
  concurrency: number,
  fn: (job: Job, token?: string) => Promise<unknown>,
  extra?: Omit<WorkerOptions, 'connection'>,
) => Worker;

/** A worker factory: each worker on its own connection, timed, its failures and outages logged. */
function workerFactory(deps: PipelineDeps): MakeWorker {
  const p = deps.config.pipeline;
  const timed =
    <T>(queue: string, fn: (job: Job, token?: string) => Promise<T>) =>
    async (job: Job, token?: string) => {
      const end = deps.metrics.jobDuration.startTimer({ queue });
      try {
        return await fn(job, token);
      } finally {
        end();
      }
    };
  return (name, concurrency, fn, extra = {}) => {
    const w = new Worker(name, timed(name, fn), {
      connection: deps.connection.duplicate(),
      prefix: deps.config.redis.prefix,
      ...extra,
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
}

/** The items, alerts, deliveries and digests workers. */
async function startWorkers(deps: PipelineDeps, queues: PipelineQueues): Promise<Worker[]> {
  const { config, metrics } = deps;
  const worker = workerFactory(deps);
  const alertDeps = routingDeps(deps, queues.deliveries);
  const itemDeps = {
    // An alert is routed in its item's job; the alerts queue takes those whose routing failed
    // (and any left by an older version).
    route: (job: AlertJob) => routeAlert(alertDeps, job),
    matcher: deps.matcher,
    vocabulary: deps.vocabulary,
    incidents: deps.incidents,
    alertQueue: queues.alerts,
    metrics,
    cluster: config.incidents.cluster,
    openIncidents: new OpenIncidentCache(deps.vocabulary),
    // The clustering steps of the worker's items in rounds (cluster-rounds.ts): no two decide
    // against the same open incidents.
    clustering: clusterRounds(),
    batchItems: new BatchItems(),
    itemQueue: queues.items,
    log: deps.log.child({ queue: QUEUES.items }),
  };
  // Before any item, so the first alerts after a start wait neither for V8 to compile the
  // extraction patterns (compile-patterns.ts) nor for the open incidents' features.
  try {
    compileExtractionPatterns(deps.vocabulary);
  } catch (err) {
    // An extractor bug on the samples must not stop the worker: its first items pay instead.
    deps.log.warn({ err }, 'could not compile the extraction patterns at start');
  }
  await warmOpenIncidents(itemDeps).catch((err: unknown) =>
    deps.log.warn({ err }, 'could not read the open incidents yet: the first item will'),
  );
  const workers: Worker[] = [
    // Several items jobs at once, so one job's Redis round trips and routing overlap another's
    // work; their clustering steps run in rounds (itemDeps.clustering). A fetch's items come as
    // one job and are processed in order, a failing one going on alone.
    worker(QUEUES.items, config.pipeline.concurrency.items, itemsJobProcessor(itemDeps)),
    worker(QUEUES.alerts, config.pipeline.concurrency.deliver, (job) =>
      routeAlert(alertDeps, parsePayload(alertJobSchema, QUEUES.alerts, job.data)),
    ),
    deliveryWorker(deps, deps.chat, worker),
  ];
  const tick = { deliveries: deps.chat.deliveries, queue: queues.deliveries };
  const weekly =
    deps.maps &&
    weeklyMapDeps({ ...deps, connection: storeConnection(deps), maps: deps.maps }, deps.chat);
  const run = (job: Job) =>
    job.name !== WEEKLY_MAPS
      ? releaseDueDigests(tick, deps.now?.())
      : weekly
        ? postWeeklyMaps(weekly)
        : 0;
  workers.push(worker(QUEUES.digests, 1, async (job) => run(job)));
  await queues.digests.upsertJobScheduler('digests', { every: config.delivery.digestCheck });
  await scheduleWeeklyMaps(queues.digests, weekly ? config.maps.check : null);
  return workers;
}

const storeConnection = (deps: PipelineDeps): Redis => deps.storeConnection ?? deps.connection;

/**
 * The pipeline of one worker process: the queues, their workers, and feed polling from the
 * shared schedule.
 */
export async function startPipeline(given: PipelineDeps): Promise<Pipeline> {
  // An item is matched at poll, for its article and in its item job: the repeats are lookups.
  const deps = { ...given, matcher: rememberMatches(given.matcher) };
  // An upgrade from the per-feed poll queue: its leftovers would sit in Redis for ever.
  await removeLegacyPollQueue(deps.connection, deps.config.redis.prefix, deps.log).catch(
    (err: unknown) =>
      deps.log.warn({ err }, 'could not remove the old poll queue; will retry at the next start'),
  );
  const queues = createQueues(deps.config, deps.connection, deps.outage);
  const feeds = new Map<string, FeedConfig>();
  const articles = articleEnrichment(
    { ...deps, connection: storeConnection(deps) },
    feeds,
    queues.items,
  );
  const workers = await startWorkers(deps, queues);
  const polling = await startFeedPolling({
    config: deps.config,
    connection: storeConnection(deps),
    feeds,
    ...(deps.runtimeFeeds ? { runtimeFeeds: deps.runtimeFeeds } : {}),
    ...(deps.pollFloor ? { pollFloor: deps.pollFloor } : {}),
    poll: {
      state: deps.state,
      itemQueue: queues.items,
      metrics: deps.metrics,
      // Off-topic items (most of any feed) are dropped here rather than queued; near-threshold
      // ones go on when their article may decide.
      onTopic: (item: FeedItem) => {
        const m = deps.matcher.match(reportOf(item));
        return m.match || (articles !== null && isArticleCandidate(articles.rule, item, m));
      },
      ...(articles ? { enrich: articles.enrich } : {}),
    },
    log: deps.log,
  });
  return {
    queues,
    polling,
    syncFeeds: () => polling.syncFeeds(),
    pending: () => pendingJobs(queues),
    async close() {
      // Side by side: the workers stop taking jobs while the last polls finish (their items
      // stay queued for the next start). Every step runs even when one fails (Redis gone at
      // shutdown); the first failure is thrown after.
      const stopped = await Promise.allSettled([polling.close(), ...workers.map((w) => w.close())]);
      const closed = await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      await Promise.all(workers.map(async (w) => (await w.client).quit().catch(() => undefined)));
      const failed = [...stopped, ...closed].find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
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

/**
 * The `deliveries` worker: a queue-wide rate limit, per-destination pacing inside the
 * processor, and a backoff that honours a chat platform's Retry-After.
 */
function deliveryWorker(deps: PipelineDeps, chat: ChatDeps, worker: MakeWorker): Worker {
  const d = deps.config.delivery;
  const stopping = new AbortController();
  const deliveryDeps = {
    stopping: stopping.signal,
    platforms: new Map(chat.platforms.map((p) => [p.platform, p] as const)),
    incidents: deps.incidents,
    deliveries: chat.deliveries,
    subscriptions: chat.subscriptions,
    pacer: chat.pacer,
    ...(deps.now ? { now: deps.now } : {}),
    log: deps.log.child({ queue: QUEUES.deliveries }),
    lockMs: deps.config.pipeline.lockDuration,
  };
  const w = worker(
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
  w.on('closing', () => stopping.abort());
  return w;
}
