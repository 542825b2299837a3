import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Config, FeedConfig } from '../config/schema.js';
import type { FeedItem } from '../domain/feed-item.js';
import { FeedError } from '../feed/feed-error.js';
import { fetchFeed } from '../feed/fetch-feed.js';
import { normaliseFeed } from '../feed/normalise-item.js';
import { parseFeed } from '../feed/parse-feed.js';
import type { Logger } from '../log/logger.js';
import type { FeedStateStore } from '../store/feed-state-store.js';
import { fetchOptionsFor } from '../feed/fetch-options.js';
import { jobIds, type ItemJob } from './jobs.js';
import type { PipelineMetrics } from './metrics.js';

export interface PollDeps {
  readonly config: Readonly<Config>;
  readonly feeds: ReadonlyMap<string, FeedConfig>;
  readonly state: FeedStateStore;
  readonly itemQueue: Queue<ItemJob>;
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
  readonly metrics: PipelineMetrics;
  readonly now?: () => Date;
}

export type PollResult =
  | { outcome: 'skipped' | 'not-modified' | 'removed' }
  | { outcome: 'fetched'; items: number; fresh: number; enqueued: number }
  | { outcome: 'failed'; reason: string; message: string; failures: number };

/** An item's fingerprints: its id and its canonical link (the same story in two feeds). */
export function fingerprints(item: FeedItem): string[] {
  const fps = [`id:${item.id}`];
  if (item.link)
    fps.push(`link:${createHash('sha256').update(item.link).digest('hex').slice(0, 32)}`);
  return fps;
}

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

function intervalOf(config: Readonly<Config>, feed: FeedConfig): number {
  return feed.interval ?? config.polling.defaultInterval;
}

async function recordFailure(
  deps: PollDeps,
  feed: FeedConfig,
  err: unknown,
  at: Date,
): Promise<PollResult> {
  const reason = err instanceof FeedError ? err.reason : 'internal';
  const message = err instanceof Error ? err.message : String(err);
  const failures = (await deps.state.health(feed.id)).consecutiveFailures + 1;
  const retryAfter = err instanceof FeedError ? err.retryAfterMs : undefined;
  const nextPollAt = new Date(at.getTime() + backoffMs(deps.config, failures, retryAfter));
  await deps.state.recordFailure(feed.id, { at, nextPollAt, reason, message });
  deps.metrics.fetchErrors.inc({ reason });
  deps.metrics.polls.inc({ outcome: 'failed' });
  return { outcome: 'failed', reason, message, failures };
}

async function fetchItems(deps: PollDeps, feed: FeedConfig, at: Date) {
  const outcome = await fetchFeed(
    feed.url,
    await deps.state.validators(feed.id),
    fetchOptionsFor(deps.config, feed.origin),
  );
  if (outcome.kind === 'not-modified') return { outcome, items: [] as FeedItem[], dropped: 0 };
  const parsed = await parseFeed(outcome.body, outcome.contentType, {
    maxItems: deps.config.fetch.maxItems,
  });
  const items = normaliseFeed(parsed, feed.id, at).map((i) =>
    feed.name ? { ...i, source: feed.name } : i,
  );
  return { outcome, items, dropped: parsed.droppedItems ?? 0 };
}

/** Polls one feed: conditional GET, parse, dedupe, enqueue new items, record health. */
export async function pollFeed(deps: PollDeps, feedId: string, log: Logger): Promise<PollResult> {
  const feed = deps.feeds.get(feedId);
  if (!feed) return { outcome: 'removed' };
  const at = deps.now?.() ?? new Date();
  const health = await deps.state.health(feedId);
  if (health.nextPollAt && Date.parse(health.nextPollAt) > at.getTime() + 1000)
    return { outcome: 'skipped' };
  let fetched;
  try {
    fetched = await fetchItems(deps, feed, at);
  } catch (err) {
    const res = await recordFailure(deps, feed, err, at);
    if (res.outcome === 'failed') {
      const { reason, message, failures } = res;
      if (reason === 'internal') log.error({ err, feedId }, `feed ${feedId}: unexpected error`);
      else
        log.warn({ feedId, reason, failures }, `feed ${feedId} failed (${failures}×): ${message}`);
    }
    return res;
  }
  const { outcome, items, dropped } = fetched;
  if (dropped > 0)
    log.warn({ feedId, dropped }, `feed ${feedId}: ${dropped} items beyond fetch.maxItems ignored`);
  const maxAge = outcome.maxAgeMs ?? 0;
  const wait = Math.max(
    intervalOf(deps.config, feed),
    Math.min(maxAge, deps.config.polling.backoffMax),
  );
  const nextPollAt = new Date(at.getTime() + Math.max(wait, deps.config.polling.minInterval));
  if (outcome.kind === 'not-modified') {
    await deps.state.recordSuccess(feedId, { at, nextPollAt, newItems: 0 });
    deps.metrics.polls.inc({ outcome: 'not-modified' });
    return { outcome: 'not-modified' };
  }
  const fresh = await freshItems(deps, items);
  const seeded = await deps.state.isSeeded(feedId);
  const alertable = seeded || deps.config.polling.alertOnFirstFetch;
  const cutoff = at.getTime() - deps.config.polling.maxItemAge;
  const recent = alertable ? fresh.filter((i) => Date.parse(i.published) >= cutoff) : [];
  const toEnqueue = deps.onTopic ? recent.filter(deps.onTopic) : recent;
  const { enrich } = deps;
  const ready = enrich ? await Promise.all(toEnqueue.map((i) => enrich(i))) : toEnqueue;
  await deps.itemQueue.addBulk(
    ready.map((item) => ({
      name: 'item',
      data: { item: { ...item, categories: [...item.categories] } },
      opts: { jobId: jobIds.item(item.id) },
    })),
  );
  await deps.state.markSeen(fresh.flatMap(fingerprints), deps.config.polling.seenRetention);
  if (!seeded) await deps.state.markSeeded(feedId);
  await deps.state.saveValidators(feedId, {
    ...(outcome.etag ? { etag: outcome.etag } : {}),
    ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
  });
  await deps.state.recordSuccess(feedId, { at, nextPollAt, newItems: fresh.length });
  deps.metrics.polls.inc({ outcome: 'fetched' });
  deps.metrics.itemsSeen.inc(items.length);
  deps.metrics.itemsNew.inc(fresh.length);
  log.debug(
    { feedId, items: items.length, fresh: fresh.length, enqueued: toEnqueue.length },
    'polled',
  );
  return {
    outcome: 'fetched',
    items: items.length,
    fresh: fresh.length,
    enqueued: toEnqueue.length,
  };
}

/** Items not seen before (by id or canonical link), without repeats inside this fetch. */
async function freshItems(deps: PollDeps, items: readonly FeedItem[]): Promise<FeedItem[]> {
  const unseen = await deps.state.unseen(items.map(fingerprints));
  const batch = new Set<string>();
  return items.filter((item, i) => {
    const fps = fingerprints(item);
    if (!unseen[i] || fps.some((fp) => batch.has(fp))) return false;
    for (const fp of fps) batch.add(fp);
    return true;
  });
}
