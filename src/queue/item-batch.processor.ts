/**
 * The `items` queue's jobs: the batch of one fetch (`items`) and a single item (`item`: a late
 * article, or an item of a batch that failed). Each item of a batch is processed on its own:
 * an item that throws is re-queued as its own `item` job (own attempts and backoff, its
 * failure logged and, after the last attempt, kept in the queue's failed set) and the rest of
 * the batch goes on. Only when that re-queue itself fails (Redis is gone) does the batch job
 * fail, for a retry that skips the items already in (processItem finds them).
 *
 * A worker runs several items jobs at once, so a late article's job (`revises` its feed item)
 * could take its clustering turn before the batch holding that item reaches it, and open the
 * incident itself; it waits for that item first (BatchItems).
 */
import type { Job, Queue } from 'bullmq';
import type { FeedItem } from '../domain/feed-item.js';
import type { Logger } from '../log/logger.js';
import { parsePayload, processItem, type ItemDeps } from './item.processor.js';
import {
  itemBatchJobSchema,
  itemJobSchema,
  jobIds,
  QUEUES,
  type ItemJob,
  type ItemsQueueJob,
} from './jobs.js';

export interface ItemsJobDeps extends ItemDeps {
  /** The items queue: where a failing item of a batch goes on as its own job. */
  readonly itemQueue: Queue<ItemsQueueJob>;
  /** The items of this worker's running batches (one per worker, with `clustering`). */
  readonly batchItems?: BatchItems;
  readonly log: Logger;
}

/**
 * The items of this worker's running batch jobs, so that the late article of one of them waits
 * until its batch is done and its feed item is in its incident. Items of batches on other
 * workers are not known here: such a race ends as before (the article clusters as a report).
 */
export class BatchItems {
  private readonly pending = new Map<string, { done: Promise<void>; settle: () => void }>();

  add(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.pending.has(id)) continue;
      let settle = (): void => undefined;
      const done = new Promise<void>((resolve) => (settle = resolve));
      this.pending.set(id, { done, settle });
    }
  }

  /** The item's batch is done (or failed): whoever waits for it goes on. */
  settle(id: string): void {
    this.pending.get(id)?.settle();
    this.pending.delete(id);
  }

  /** Resolves once the item is no longer pending here (at once when it never was). */
  until(id: string): Promise<void> {
    return this.pending.get(id)?.done ?? Promise.resolve();
  }
}

export interface BatchResult {
  readonly items: number;
  /** Ids of the items that failed here and now retry as their own jobs. */
  readonly retriedAlone: string[];
}

/** Processes a fetch's items in order; a failing one is re-queued alone (see above). */
export async function processItemBatch(
  deps: ItemsJobDeps,
  items: readonly FeedItem[],
  meta: { jobId?: string | undefined } = {},
): Promise<BatchResult> {
  const retriedAlone: string[] = [];
  deps.batchItems?.add(items.map((i) => i.id));
  try {
    for (const item of items) {
      try {
        await processItem(deps, item);
      } catch (err) {
        const job: ItemJob = { item: { ...item, categories: [...item.categories] } };
        await deps.itemQueue.add('item', job, { jobId: jobIds.item(item.id) });
        retriedAlone.push(item.id);
        deps.log.warn(
          { err, queue: QUEUES.items, jobId: meta.jobId, feedId: item.feedId, itemId: item.id },
          'item failed: it retries as its own job, the rest of its batch goes on',
        );
      }
    }
  } finally {
    // Done, or failed for a later retry: either way no late article waits for it any more.
    for (const item of items) deps.batchItems?.settle(item.id);
  }
  return { items: items.length, retriedAlone };
}

/** The items worker's processor: a batch (`items`) or a single item (`item`). */
export function itemsJobProcessor(deps: ItemsJobDeps): (job: Job) => Promise<unknown> {
  return async (job) => {
    if (job.name === 'items') {
      const { items } = parsePayload(itemBatchJobSchema, QUEUES.items, job.data);
      return processItemBatch(deps, items as FeedItem[], { jobId: job.id });
    }
    const { item, revises } = parsePayload(itemJobSchema, QUEUES.items, job.data);
    if (revises) await deps.batchItems?.until(revises);
    return processItem(deps, item as FeedItem, revises ? { revises } : {});
  };
}
