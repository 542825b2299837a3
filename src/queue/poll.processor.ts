import { shortDuration } from '../domain/duration.js';
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Config, FeedConfig } from '../config/schema.js';
import type { FeedItem } from '../domain/feed-item.js';
import { FeedError } from '../feed/feed-error.js';
import { fetchFeed, type FetchOptions } from '../feed/fetch-feed.js';
import { parseItems, type ParsedItems, type ParseRequest } from '../feed/parse-items.js';
import type { Logger } from '../log/logger.js';
import type { FeedStateStore, FeedValidators, PollState } from '../store/feed-state-store.js';
import { fetchOptionsFor } from '../feed/fetch-options.js';
import { jobIds, type ItemsQueueJob } from './jobs.js';
import type { PipelineMetrics } from './metrics.js';
import { nextPollDelay, updateEvery, type FeedRhythm } from './schedule/next-poll.js';

export interface PollDeps {
  readonly config: Readonly<Config>;
  readonly feeds: ReadonlyMap<string, FeedConfig>;
  readonly state: FeedStateStore;
  readonly itemQueue: Queue<ItemsQueueJob>;
  /**
   * A cheap first look at each new item (the topic matcher): items it rejects are recorded as
   * seen but get no job. Without it every new item is enqueued.
   */
  readonly onTopic?: (item: FeedItem) => boolean;
  /**
   * Reads the article of each enqueued item within the enrichment deadline (all of one poll's
   * items at once) and returns the item with the article as its content.
   */
  readonly enrich?: (item: FeedItem) => Promise<FeedItem>;
  /**
   * Parses a fetched document into items (the parse threads, src/feed/parse-pool.ts); default:
   * in place.
   */
  readonly parse?: (req: ParseRequest) => Promise<ParsedItems>;
  /** Fetch options of a feed (the shared connection pools); default: fetchOptionsFor. */
  readonly fetchOptions?: (feed: FeedConfig) => FetchOptions;
  readonly metrics: PipelineMetrics;
  readonly now?: () => Date;
  /** A draw in [0, 1) for the interval jitter (tests fix it). */
  readonly random?: () => number;
}

/** What a poll did; `nextPollMs` is when the feed should be polled again. */
export type PollResult =
  | { outcome: 'removed' }
  | { outcome: 'not-modified'; nextPollMs: number }
  | { outcome: 'fetched'; items: number; fresh: number; enqueued: number; nextPollMs: number }
  | { outcome: 'failed'; reason: string; message: string; failures: number; nextPollMs: number };

/** Backoff after `failures` consecutive failures: base × 2^(n-1), capped; Retry-After wins if later. */
export function backoffMs(
  config: Readonly<Config>,
  failures: number,
  retryAfterMs?: number,
): number {
  const { backoffBase, backoffMax } = config.polling;
  const exp = Math.min(backoffMax, backoffBase * 2 ** Math.max(0, failures - 1));
  return Math.max(exp, Math.min(retryAfterMs ?? 0, backoffMax));
}

async function recordFailure(
  deps: PollDeps,
  feed: FeedConfig,
  previous: PollState | undefined,
  err: unknown,
  at: Date,
): Promise<PollResult & { outcome: 'failed' }> {
  const reason = err instanceof FeedError ? err.reason : 'internal';
  const message = err instanceof Error ? err.message : String(err);
  // Retry-After counts from the answer (RFC 9110 §10.2.3), the delay from the poll's start.
  const answeredAfter = Math.max(0, (deps.now?.() ?? new Date()).getTime() - at.getTime());
  const retryAfterMs = err instanceof FeedError ? err.retryAfterMs : undefined;
  const retryAfter = retryAfterMs === undefined ? undefined : retryAfterMs + answeredAfter;
  const guess = (previous?.health.consecutiveFailures ?? 0) + 1;
  const delay = backoffMs(deps.config, guess, retryAfter);
  const nextPollAt = new Date(at.getTime() + delay);
  const failures = await deps.state.recordFailure(feed.id, { at, nextPollAt, reason, message });
  deps.metrics.fetchErrors.inc({ reason });
  deps.metrics.polls.inc({ outcome: 'failed' });
  // Another worker's failure may have counted meanwhile: back off by the stored count.
  const nextPollMs = failures === guess ? delay : backoffMs(deps.config, failures, retryAfter);
  return { outcome: 'failed', reason, message, failures, nextPollMs };
}

/** Whether this poll's new items may alert: not on a feed's silent first fetch. */
const alertable = (deps: PollDeps, state: PollState) =>
  state.seeded || deps.config.polling.alertOnFirstFetch;

/**
 * A fetched or pushed document's items (on a parse thread when the deps have them). A silent
 * fetch's items only need what is recorded of them: ids, links and dates.
 */
function itemsOf(
  deps: PollDeps,
  feed: FeedConfig,
  state: PollState,
  body: Buffer,
  contentType: string | undefined,
  at: Date,
): Promise<ParsedItems> {
  return (deps.parse ?? parseItems)({
    body,
    contentType,
    maxItems: deps.config.fetch.maxItems,
    feedId: feed.id,
    feedName: feed.name,
    fetchedAt: at.getTime(),
    ...(alertable(deps, state) ? {} : { identityOnly: true }),
  });
}

async function fetchItems(deps: PollDeps, feed: FeedConfig, state: PollState, at: Date) {
  const options = deps.fetchOptions?.(feed) ?? fetchOptionsFor(deps.config, feed.origin);
  const outcome = await fetchFeed(feed.url, state.validators, options);
  if (outcome.kind === 'not-modified') return { outcome, parsed: undefined };
  return {
    outcome,
    parsed: await itemsOf(deps, feed, state, outcome.body, outcome.contentType, at),
  };
}

function logFailure(
  log: Logger,
  feedId: string,
  res: PollResult & { outcome: 'failed' },
  err: unknown,
) {
  const { reason, message, failures, nextPollMs } = res;
  const next = `next try in ${shortDuration(nextPollMs)}`;
  if (reason === 'internal')
    log.error({ err, feedId }, `feed ${feedId}: unexpected error; ${next}`);
  else
    log.warn(
      { feedId, reason, failures },
      `feed ${feedId} failed (${failures}×): ${message}; ${next}`,
    );
}

/** The feed's rhythm as the adaptive interval reads it. */
function rhythmOf(
  feed: FeedConfig,
  at: Date,
  maxAgeMs: number | undefined,
  updateEveryMs: number | undefined,
  lastNewAt: number | undefined,
): FeedRhythm {
  return {
    ...(feed.interval !== undefined ? { pinnedMs: feed.interval } : {}),
    ...(updateEveryMs !== undefined ? { updateEveryMs } : {}),
    ...(lastNewAt !== undefined ? { quietForMs: Math.max(0, at.getTime() - lastNewAt) } : {}),
    ...(maxAgeMs !== undefined ? { maxAgeMs } : {}),
  };
}

/**
 * Polls one feed: conditional GET, parse, dedupe, enqueue the new on-topic items as one job,
 * record health (for a 304, one read and one write, which the poll loop batches over many feeds:
 * src/queue/batched-feed-state.ts). Returns when to poll
 * next: adaptive from the feed's update rate, backoff after a failure.
 */
export async function pollFeed(
  deps: PollDeps,
  feedId: string,
  log: Logger,
  again = false,
): Promise<PollResult> {
  const feed = deps.feeds.get(feedId);
  if (!feed) return { outcome: 'removed' };
  const at = deps.now?.() ?? new Date();
  let state: PollState | undefined;
  let fetched;
  try {
    state = await deps.state.pollState(feedId);
    fetched = await fetchItems(deps, feed, state, at);
  } catch (err) {
    const res = await recordFailure(deps, feed, state, err, at);
    logFailure(log, feedId, res, err);
    return res;
  }
  const { outcome, parsed } = fetched;
  const dropped = parsed?.dropped ?? 0;
  if (dropped > 0)
    log.warn({ feedId, dropped }, `feed ${feedId}: ${dropped} items beyond fetch.maxItems ignored`);
  if (outcome.kind === 'not-modified' || parsed === undefined) {
    const timing = deps.config.polling;
    const random = deps.random?.() ?? Math.random();
    const lastNew = state.health.lastNewItemAt ? Date.parse(state.health.lastNewItemAt) : undefined;
    const rhythm = rhythmOf(feed, at, outcome.maxAgeMs, state.health.updateEveryMs, lastNew);
    const nextPollMs = nextPollDelay(rhythm, timing, random);
    const nextPollAt = new Date(at.getTime() + nextPollMs);
    await deps.state.recordSuccess(feedId, { at, nextPollAt, newItems: 0 });
    deps.metrics.polls.inc({ outcome: 'not-modified' });
    return { outcome: 'not-modified', nextPollMs };
  }
  const validators = {
    ...(outcome.etag ? { etag: outcome.etag } : {}),
    ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
  };
  const maxAge = outcome.maxAgeMs === undefined ? {} : { maxAgeMs: outcome.maxAgeMs };
  const taken = await takeItems(deps, feed, state, { ...parsed, validators, ...maxAge }, at, log);
  // Seeded meanwhile (see takeItems): polled again, now as a later fetch that may alert.
  if (taken === null && !again) return pollFeed(deps, feedId, log, true);
  return taken ?? refusedTwice(deps);
}

/**
 * A feed document pushed to us (WebSub content distribution): parsed, deduplicated and
 * enqueued exactly as a polled one, without a fetch. The feed's schedule is not touched.
 */
export async function ingestFeedBody(
  deps: PollDeps,
  feedId: string,
  body: Buffer,
  contentType: string | undefined,
  log: Logger,
): Promise<PollResult> {
  const feed = deps.feeds.get(feedId);
  if (!feed) return { outcome: 'removed' };
  const at = deps.now?.() ?? new Date();
  for (let attempt = 0; ; attempt += 1) {
    const state = await deps.state.pollState(feedId);
    const parsed = await itemsOf(deps, feed, state, body, contentType, at);
    const taken = await takeItems(
      deps,
      feed,
      state,
      { ...parsed, validators: state.validators },
      at,
      log,
    );
    // Seeded meanwhile (another push, or a poll): taken again as a later document.
    if (taken !== null || attempt > 0) return taken ?? refusedTwice(deps);
  }
}

/** A silent record refused twice in a row (not expected): tried again after a short backoff. */
function refusedTwice(deps: PollDeps): PollResult {
  return {
    outcome: 'fetched',
    items: 0,
    fresh: 0,
    enqueued: 0,
    nextPollMs: backoffMs(deps.config, 1),
  };
}

interface Fetched {
  readonly items: readonly FeedItem[];
  /** Per item: its fingerprints (parseItems). */
  readonly fingerprints: readonly (readonly string[])[];
  readonly validators: FeedValidators;
  readonly maxAgeMs?: number;
}

/**
 * Dedupes a fetched document's items, enqueues the new on-topic ones, records the poll. Null
 * when a silent first fetch's record was refused: the feed was seeded meanwhile.
 */
async function takeItems(
  deps: PollDeps,
  feed: FeedConfig,
  state: PollState,
  fetched: Fetched,
  at: Date,
  log: Logger,
): Promise<PollResult | null> {
  const { items } = fetched;
  const lastNew = state.health.lastNewItemAt ? Date.parse(state.health.lastNewItemAt) : undefined;
  const published = items.map((i) => Date.parse(i.published));
  const every = updateEvery(published) ?? state.health.updateEveryMs;
  const newest = Math.max(...published.filter(Number.isFinite), lastNew ?? -Infinity);
  const rhythm = rhythmOf(
    feed,
    at,
    fetched.maxAgeMs,
    every,
    Number.isFinite(newest) ? newest : undefined,
  );
  const nextPollMs = nextPollDelay(rhythm, deps.config.polling, deps.random?.() ?? Math.random());
  const silent = !alertable(deps, state);
  // A silent first fetch alerts nothing, so it records every item without asking Redis which
  // were seen (its record is refused if the feed was seeded meanwhile: see below).
  const { fresh, seen } = silent
    ? withinFetch(items, fetched.fingerprints)
    : await freshItems(deps, items, fetched.fingerprints);
  const cutoff = at.getTime() - deps.config.polling.maxItemAge;
  const recent = silent ? [] : fresh.filter((i) => Date.parse(i.published) >= cutoff);
  const toEnqueue = deps.onTopic ? recent.filter(deps.onTopic) : recent;
  await enqueueBatch(deps, toEnqueue);
  const recorded = await deps.state.recordFetch(feed.id, {
    success: {
      at,
      nextPollAt: new Date(at.getTime() + nextPollMs),
      newItems: fresh.length,
      ...(every !== undefined ? { updateEveryMs: every } : {}),
    },
    validators: fetched.validators,
    seen,
    seenTtlMs: deps.config.polling.seenRetention,
    seeded: !state.seeded,
    ...(silent ? { silent } : {}),
  });
  // The feed's first fetch was recorded meanwhile (a WebSub push since its state was read):
  // nothing was written, and this document's items may alert. Done again as a later fetch.
  if (!recorded) return null;
  deps.metrics.polls.inc({ outcome: 'fetched' });
  deps.metrics.itemsSeen.inc(items.length);
  deps.metrics.itemsNew.inc(fresh.length);
  log.debug(
    { feedId: feed.id, items: items.length, fresh: fresh.length, enqueued: toEnqueue.length },
    'polled',
  );
  return {
    outcome: 'fetched',
    items: items.length,
    fresh: fresh.length,
    enqueued: toEnqueue.length,
    nextPollMs,
  };
}

/**
 * The new items of one fetch as one job, articles read first. The job id names the items, so
 * a poll repeated after a crash (its items not yet marked seen) enqueues the same job once.
 */
async function enqueueBatch(deps: PollDeps, items: readonly FeedItem[]): Promise<void> {
  if (items.length === 0) return;
  const { enrich } = deps;
  const ready = enrich ? await Promise.all(items.map((i) => enrich(i))) : items;
  const digest = createHash('sha256')
    .update(ready.map((i) => i.id).join('\n'))
    .digest('hex')
    .slice(0, 32);
  await deps.itemQueue.add(
    'items',
    { items: ready.map((item) => ({ ...item, categories: [...item.categories] })) },
    { jobId: jobIds.batch(digest) },
  );
}

/**
 * Items not seen before (by id or canonical link), without repeats inside this fetch, and the
 * fingerprints to record for them.
 */
async function freshItems(
  deps: PollDeps,
  items: readonly FeedItem[],
  fingerprints: readonly (readonly string[])[],
): Promise<{ fresh: FeedItem[]; seen: string[] }> {
  return withinFetch(items, fingerprints, await deps.state.unseen(fingerprints));
}

/** The items not repeated inside this fetch (and unseen, when told), with their fingerprints. */
function withinFetch(
  items: readonly FeedItem[],
  fingerprints: readonly (readonly string[])[],
  unseen?: readonly boolean[],
): { fresh: FeedItem[]; seen: string[] } {
  const seen = new Set<string>();
  const fresh = items.filter((_, i) => {
    const fps = fingerprints[i] ?? [];
    if ((unseen && !unseen[i]) || fps.some((fp) => seen.has(fp))) return false;
    for (const fp of fps) seen.add(fp);
    return true;
  });
  return { fresh, seen: [...seen] };
}
