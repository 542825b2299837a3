import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, FeedConfig } from '../config/schema.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Logger } from '../log/logger.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import type { FeedStateStore } from '../store/feed-state-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import { deliverAlert } from './alert.processor.js';
import type { AlertSink } from './alert-sink.js';
import { invalidPayload, processItem } from './item.processor.js';
import {
  alertJobSchema,
  itemJobSchema,
  pollJobSchema,
  QUEUES,
  type AlertJob,
  type ItemJob,
  type PollJob,
} from './jobs.js';
import type { PipelineMetrics } from './metrics.js';
import { pollFeed } from './poll.processor.js';

export interface PipelineDeps {
  readonly config: Readonly<Config>;
  /** A connection for BullMQ (maxRetriesPerRequest: null); duplicated per worker. */
  readonly connection: Redis;
  readonly state: FeedStateStore;
  readonly incidents: IncidentStore;
  readonly matcher: TopicMatcher;
  readonly gazetteer: Gazetteer;
  readonly sink: AlertSink;
  readonly metrics: PipelineMetrics;
  readonly log: Logger;
}

export interface Pipeline {
  readonly queues: { poll: Queue<PollJob>; items: Queue<ItemJob>; alerts: Queue<AlertJob> };
  /** Waiting + active + delayed jobs over all queues. */
  pending(): Promise<number>;
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
  };
  const feeds = new Map<string, FeedConfig>(
    config.feeds.filter((f) => f.enabled).map((f) => [f.id, f]),
  );
  const timed =
    <T>(queue: string, fn: (job: Job) => Promise<T>) =>
    async (job: Job) => {
      const end = metrics.jobDuration.startTimer({ queue });
      try {
        return await fn(job);
      } finally {
        end();
      }
    };
  const worker = <T>(name: string, concurrency: number, fn: (job: Job) => Promise<T>) => {
    const w = new Worker(name, timed(name, fn), {
      ...base,
      connection: deps.connection.duplicate(),
      concurrency,
    });
    w.on('failed', (job, err) =>
      deps.log.warn(
        { err, queue: name, jobId: job?.id, attempts: job?.attemptsMade },
        `${name} job failed`,
      ),
    );
    w.on('error', (err) => deps.log.error({ err, queue: name }, 'worker error'));
    return w;
  };
  const pollDeps = { config, feeds, state: deps.state, itemQueue: queues.items, metrics };
  const itemDeps = {
    matcher: deps.matcher,
    gazetteer: deps.gazetteer,
    incidents: deps.incidents,
    alertQueue: queues.alerts,
    metrics,
    windowMs: 7 * 86_400_000,
  };
  const alertDeps = {
    incidents: deps.incidents,
    sink: deps.sink,
    redis: deps.connection,
    prefix: config.redis.prefix,
    metrics,
  };
  const workers = [
    worker(QUEUES.poll, p.concurrency.poll, (job) => {
      const { feedId } = parsePayload(pollJobSchema, QUEUES.poll, job.data);
      return pollFeed(pollDeps, feedId, deps.log.child({ queue: QUEUES.poll, jobId: job.id }));
    }),
    // Clustering reads then writes open incidents: one item at a time keeps it consistent.
    worker(QUEUES.items, 1, (job) =>
      processItem(itemDeps, parsePayload(itemJobSchema, QUEUES.items, job.data).item as FeedItem),
    ),
    worker(QUEUES.alerts, p.concurrency.deliver, (job) =>
      deliverAlert(alertDeps, parsePayload(alertJobSchema, QUEUES.alerts, job.data)),
    ),
  ];
  await reconcileSchedulers(queues.poll, feeds, config, deps.log);
  return {
    queues,
    async pending() {
      // The poll queue always holds each scheduler's next (delayed) run: not pending work.
      let n = 0;
      for (const [name, q] of Object.entries(queues)) {
        const states = name === 'poll' ? [] : ['delayed' as const];
        const c = await q.getJobCounts('waiting', 'active', 'prioritized', ...states);
        n += Object.values(c).reduce((a, b) => a + b, 0);
      }
      return n;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await Promise.all(workers.map(async (w) => (await w.client).quit().catch(() => undefined)));
    },
  };
}

/** One job scheduler per enabled feed; schedulers of removed feeds are deleted. */
async function reconcileSchedulers(
  queue: Queue<PollJob>,
  feeds: ReadonlyMap<string, FeedConfig>,
  config: Readonly<Config>,
  log: Logger,
): Promise<void> {
  for (const s of await queue.getJobSchedulers()) {
    const id = s.key;
    if (!feeds.has(id)) {
      await queue.removeJobScheduler(id);
      log.info({ feedId: id }, 'feed removed from config: scheduler deleted');
    }
  }
  for (const feed of feeds.values()) {
    const every = Math.max(
      config.polling.minInterval,
      feed.interval ?? config.polling.defaultInterval,
    );
    await queue.upsertJobScheduler(feed.id, { every }, { name: 'poll', data: { feedId: feed.id } });
  }
}
