/**
 * Feed polling of one worker: the shared schedule (src/queue/schedule/feed-schedule.ts) kept in
 * step with the configured and runtime-added feeds, the poll loop, and the keep-alive connection
 * pools every feed fetch goes through (one plain, one behind the SSRF guard for runtime feeds),
 * and the threads that parse what they fetch.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Agent } from 'undici';
import type { Config, FeedConfig } from '../config/schema.js';
import { relativeTime } from '../domain/duration.js';
import { createAddressPolicy } from '../feed/address-policy.js';
import type { FetchOptions } from '../feed/fetch-feed.js';
import { createFeedAgent } from '../feed/http-get.js';
import type { Logger } from '../log/logger.js';
import type { RuntimeFeedStore } from '../store/runtime-feed-store.js';
import { runtimeFeedConfig } from '../feed/admin/feed-admin.js';
import { fetchOptionsFor } from '../feed/fetch-options.js';
import { createFeedParser } from '../feed/parse-pool.js';
import { BatchedFeedState } from './batched-feed-state.js';
import { ingestFeedBody, pollFeed, type PollDeps, type PollResult } from './poll.processor.js';
import { BATCH_MS, FeedPoller } from './schedule/feed-poller.js';
import { FeedSchedule } from './schedule/feed-schedule.js';
import { HostSlots } from './schedule/host-slots.js';

export interface FeedPollingDeps {
  readonly config: Readonly<Config>;
  readonly connection: Redis;
  /** Feeds by id, shared with the rest of the pipeline; filled by syncFeeds. */
  readonly feeds: Map<string, FeedConfig>;
  readonly runtimeFeeds?: RuntimeFeedStore;
  /** The least delay before a feed's next poll (WebSub: the safety interval while pushed). */
  readonly pollFloor?: (feedId: string) => Promise<number>;
  /** What a poll needs besides the feeds and the fetch options. */
  readonly poll: Omit<PollDeps, 'feeds' | 'fetchOptions' | 'config'>;
  readonly log: Logger;
}

export interface FeedPolling {
  readonly schedule: FeedSchedule;
  /** Re-reads the runtime-added feeds and adds or removes them from the schedule. */
  syncFeeds(): Promise<void>;
  /**
   * "Poll this feed now" (a WebSub notification without a body, an admin's request): due at
   * once, or again right after the poll in progress. False for a feed that is not scheduled.
   */
  markDue(feedId: string): Promise<boolean>;
  /** A pushed feed document (WebSub content distribution), taken in as if just polled. */
  ingestFeedBody(feedId: string, body: Buffer, contentType?: string): Promise<PollResult>;
  close(): Promise<void>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Says at start how many feeds are due now and when the next of the others is, so that a worker
 * restarted while its feeds wait (their interval, or a failed feed's backoff) is not silent.
 */
async function logSchedule(schedule: FeedSchedule, log: Logger): Promise<void> {
  const snap = await schedule.snapshot();
  let due = 0;
  let next: number | undefined;
  for (const at of snap.dueAt.values()) {
    const wait = at - snap.now;
    if (wait <= 0) due += 1;
    else if (next === undefined || wait < next) next = wait;
  }
  const held = snap.polling.size;
  const total = snap.dueAt.size + held;
  if (total === 0) return;
  const feeds = total === 1 ? '1 feed' : `${total} feeds`;
  const leased =
    held === 0
      ? ''
      : `; ${held} being polled by another worker, or held by one that stopped until its lease runs out`;
  // As `sitrep feeds` writes it ("in 4m", "in 2h 5m"); under 30 s it says "now".
  const soon = (ms: number) => {
    const text = relativeTime(new Date(snap.now + ms).toISOString(), new Date(snap.now));
    return text === 'now' ? 'within 30 s' : text;
  };
  const when =
    next === undefined ? '' : `; the next${due > 0 ? ' of the others' : ''} ${soon(next)}`;
  const why = due === 0 ? '; `sitrep feeds` shows when each is polled and why a feed waits' : '';
  log.info(
    { feeds: total, due, held, ...(next === undefined ? {} : { nextInMs: next }) },
    `${feeds} scheduled: ${due === 0 ? 'none' : due} due now${leased}${when}${why}`,
  );
}

/** Connection pools for feed fetches: per-origin connections capped at `polling.perHost`. */
function feedAgents(config: Readonly<Config>) {
  const common = {
    connectTimeoutMs: config.fetch.connectTimeout,
    perOrigin: config.polling.perHost,
  };
  const plain = createFeedAgent(common);
  const guarded = createFeedAgent({
    ...common,
    allowAddress: createAddressPolicy(config.feedAdmin.allowAddresses),
  });
  return {
    agents: [plain, guarded] as Agent[],
    options: (feed: FeedConfig): FetchOptions => {
      const base = fetchOptionsFor(config, feed.origin);
      // Runtime feeds carry allowAddress (fetchOptionsFor): they use the guarded pool.
      return { ...base, dispatcher: base.allowAddress ? guarded : plain };
    },
  };
}

/** Reconciles the schedule with the feeds and starts this worker's poll loop. */
export async function startFeedPolling(deps: FeedPollingDeps): Promise<FeedPolling> {
  const { config, feeds, log } = deps;
  const schedule = new FeedSchedule(deps.connection, config.redis.prefix);
  const syncFeeds = async (): Promise<void> => {
    const runtime = (await deps.runtimeFeeds?.list()) ?? [];
    const all = [...config.feeds, ...runtime.map(runtimeFeedConfig)].filter((f) => f.enabled);
    const seen = new Map<string, FeedConfig>();
    for (const f of all) if (!seen.has(f.id)) seen.set(f.id, f);
    // Update in place: the poll loop and the article rule read this map.
    for (const id of feeds.keys()) if (!seen.has(id)) feeds.delete(id);
    for (const [id, f] of seen) feeds.set(id, f);
    const { added, removed } = await schedule.sync([...seen.keys()]);
    for (const feedId of removed) log.info({ feedId }, 'feed removed: no longer polled');
    if (added > 0) log.info({ added }, `${added} feeds added to the schedule`);
  };
  await syncFeeds();
  await logSchedule(schedule, log).catch((err: unknown) =>
    log.debug({ err }, 'could not read the schedule to report it'),
  );
  // Threads and connection pools once nothing before polling can throw (a failed start would
  // leave them behind).
  const { metrics } = deps.poll;
  const parser = createFeedParser(config.pipeline.parseThreads, {
    log,
    onParsed: (where) => metrics.feedParses.inc({ where }),
    onThreadStop: () => metrics.parseThreadStops.inc(),
  });
  const pools = feedAgents(config);
  // The state reads and health writes of 304 polls, batched (a call per claim, one per BATCH_MS).
  const state = new BatchedFeedState(deps.poll.state, { log, flushMs: BATCH_MS });
  const pollDeps: PollDeps = {
    ...deps.poll,
    state,
    config,
    feeds,
    fetchOptions: pools.options,
    parse: (req) => parser.parse(req),
  };
  const pollLog = log.child({ part: 'poll' });
  const poller = new FeedPoller({
    schedule,
    concurrency: config.pipeline.concurrency.poll,
    perHost: config.polling.perHost,
    // polling.perHost holds over every worker sharing this Redis, not per worker.
    slots: new HostSlots(
      deps.connection,
      config.redis.prefix,
      randomUUID(),
      config.polling.perHost,
    ),
    // A claim outlives the fetch's own time limit plus its article reads; renewed meanwhile.
    leaseMs: Math.max(config.pipeline.lockDuration, config.fetch.timeout + 5_000),
    retryMs: config.polling.backoffBase,
    hostOf: (feedId) => {
      const feed = feeds.get(feedId);
      return feed ? hostOf(feed.url) : undefined;
    },
    poll: async (feedId) => {
      // A feed another worker added since our last sync: sync before polling it.
      const called = performance.now();
      if (!feeds.has(feedId) && deps.runtimeFeeds) await syncFeeds();
      // The poller counts the delay from the call; the poll's own clock starts after the sync.
      const synced = performance.now() - called;
      const res = await pollFeed(pollDeps, feedId, pollLog);
      if (res.outcome === 'removed') return config.polling.defaultInterval;
      const floor = deps.pollFloor ? await deps.pollFloor(feedId).catch(() => 0) : 0;
      return Math.max(res.nextPollMs, floor) + synced;
    },
    claimed: (feedIds) => state.prefetch(feedIds),
    log: pollLog,
  });
  // The first documents would otherwise wait for the parse threads to load (~1 s under tsx).
  await parser.ready(10_000);
  poller.start();
  const syncTimer = deps.runtimeFeeds
    ? setInterval(() => {
        syncFeeds().catch((err: unknown) =>
          log.warn({ err }, 'could not re-read the runtime-added feeds'),
        );
      }, config.polling.feedSync)
    : undefined;
  syncTimer?.unref();
  return {
    schedule,
    syncFeeds,
    markDue: (feedId) => schedule.markDue(feedId),
    ingestFeedBody: (feedId, body, contentType) =>
      ingestFeedBody(pollDeps, feedId, body, contentType, pollLog),
    async close() {
      clearInterval(syncTimer);
      try {
        await poller.close();
        await state.close();
      } finally {
        await parser.close();
        await Promise.all(pools.agents.map((a) => a.close().catch(() => undefined)));
      }
    },
  };
}
