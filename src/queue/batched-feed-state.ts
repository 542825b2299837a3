/**
 * The feed state store as one worker's poll loop uses it: the two Redis round trips of every
 * poll that gets `304 Not Modified` (read the feed's state, write its health) become shares of
 * calls made for many feeds at once.
 *
 * - **Reads ahead.** `prefetch(ids)` reads the state of the feeds a claim just leased in one call;
 *   `pollState(id)` then takes the feed's answer instead of asking Redis. The lease keeps other
 *   workers' polls off the feed meanwhile, and an answer older than `prefetchTtlMs` (a feed that
 *   waited long for its host) is read again. A failed read ahead falls back to the feed's own. (A
 *   document pushed by WebSub meanwhile may make the answer stale; the poll's items are still
 *   checked against the seen fingerprints, read when they are.)
 * - **Writes behind.** A success without new items (the 304 poll's only write) is queued and
 *   written with the others queued within `flushMs` (20 ms), in one call; the poll does not wait for it.
 *   Any other write for the feed (a failure, a fetch's record, forget) first lets a queued or
 *   in-flight success of that feed land, so the feed's writes keep their order. A batch that
 *   fails is tried again a second later (`retryMs`), minus the feeds written since. `close()` writes what is
 *   left.
 */
import type { Logger } from '../log/logger.js';
import { BATCH_MS } from './schedule/feed-poller.js';
import type { FeedStateStore, PollState, PollSuccess } from '../store/feed-state-store.js';

export interface BatchedFeedStateOptions {
  /** How long a queued success waits for others before the batch is written (BATCH_MS). */
  readonly flushMs?: number;
  /** How long a state read ahead is used before it is read again. */
  readonly prefetchTtlMs?: number;
  /** Wait before a batch that failed is tried again. */
  readonly retryMs?: number;
  readonly log: Logger;
}

interface Queued {
  readonly feedId: string;
  readonly success: PollSuccess;
}

export class BatchedFeedState implements FeedStateStore {
  private readonly ahead = new Map<string, { at: number; state: Promise<PollState> }>();
  /** The latest success of each feed not yet written (queued or in flight). */
  private readonly latest = new Map<string, Queued>();
  private queued: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private readonly flushMs: number;
  private readonly prefetchTtlMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly inner: FeedStateStore,
    private readonly options: BatchedFeedStateOptions,
  ) {
    this.flushMs = options.flushMs ?? BATCH_MS;
    this.prefetchTtlMs = options.prefetchTtlMs ?? 2000;
    this.retryMs = options.retryMs ?? 1000;
  }

  /** Reads the state of `feedIds` in one call, for their polls to take. */
  prefetch(feedIds: readonly string[]): void {
    const now = performance.now();
    for (const [id, a] of this.ahead) if (now - a.at > this.prefetchTtlMs) this.ahead.delete(id);
    if (feedIds.length === 0) return;
    const all = this.inner.pollStates(feedIds);
    all.catch(() => undefined); // each poll falls back to its own read
    feedIds.forEach((id, i) => {
      const state = all.then((states) => {
        const s = states[i];
        if (!s) throw new Error(`no state read ahead for feed ${id}`);
        return s;
      });
      state.catch(() => undefined);
      this.ahead.set(id, { at: now, state });
    });
  }

  async pollState(feedId: string): Promise<PollState> {
    const a = this.ahead.get(feedId);
    this.ahead.delete(feedId);
    if (a && performance.now() - a.at <= this.prefetchTtlMs) {
      try {
        return await a.state;
      } catch {
        // read it on its own below
      }
    }
    return this.inner.pollState(feedId);
  }

  pollStates(feedIds: readonly string[]): Promise<PollState[]> {
    return this.inner.pollStates(feedIds);
  }

  recordSuccess(feedId: string, s: PollSuccess): Promise<void> {
    if (s.newItems > 0) return this.after(feedId, () => this.inner.recordSuccess(feedId, s));
    const q = { feedId, success: s };
    this.latest.set(feedId, q);
    this.queued.push(q);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return Promise.resolve();
  }

  recordSuccesses(successes: readonly Queued[]): Promise<void> {
    return this.inner.recordSuccesses(successes);
  }

  recordFailure(...args: Parameters<FeedStateStore['recordFailure']>) {
    return this.after(args[0], () => this.inner.recordFailure(...args));
  }

  recordFetch(...args: Parameters<FeedStateStore['recordFetch']>) {
    return this.after(args[0], () => this.inner.recordFetch(...args));
  }

  forget(feedId: string) {
    return this.after(feedId, () => this.inner.forget(feedId));
  }

  validators(feedId: string) {
    return this.inner.validators(feedId);
  }

  saveValidators(...args: Parameters<FeedStateStore['saveValidators']>) {
    return this.inner.saveValidators(...args);
  }

  isSeeded(feedId: string) {
    return this.inner.isSeeded(feedId);
  }

  markSeeded(feedId: string) {
    return this.inner.markSeeded(feedId);
  }

  unseen(...args: Parameters<FeedStateStore['unseen']>) {
    return this.inner.unseen(...args);
  }

  markSeen(...args: Parameters<FeedStateStore['markSeen']>) {
    return this.inner.markSeen(...args);
  }

  health(feedId: string) {
    return this.inner.health(feedId);
  }

  /** Writes every queued success (waiting for a batch in flight first). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.queued.length > 0) await this.flush();
  }

  /**
   * Runs a write of `feedId` once its queued or in-flight success has landed (written now on
   * its own if it was queued, so a failure count is not added to a streak that had ended).
   */
  private async after<T>(feedId: string, write: () => Promise<T>): Promise<T> {
    const q = this.latest.get(feedId);
    if (q) {
      this.latest.delete(feedId);
      const i = this.queued.indexOf(q);
      if (i >= 0) {
        this.queued.splice(i, 1);
        await this.inner.recordSuccess(feedId, q.success);
      } else await this.inFlight?.catch(() => undefined);
    }
    return write();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.inFlight) {
      // One batch at a time (in order); this one follows.
      await this.inFlight.catch(() => undefined);
      if (this.timer) return;
    }
    const batch = this.queued.splice(0);
    // Only each feed's latest success is worth writing.
    const written = batch.filter((q) => this.latest.get(q.feedId) === q);
    if (written.length === 0) return;
    const done = this.inner.recordSuccesses(written).then(
      () => {
        for (const q of written) if (this.latest.get(q.feedId) === q) this.latest.delete(q.feedId);
      },
      (err: unknown) => {
        const again = written.filter((q) => this.latest.get(q.feedId) === q);
        const retry = this.closed
          ? 'given up: the worker is stopping'
          : `trying again in ${this.retryMs < 1000 ? `${this.retryMs} ms` : `${this.retryMs / 1000}s`}`;
        this.options.log.warn(
          { err, feeds: again.length },
          `could not record the health of ${again.length} polled feeds; ${retry}`,
        );
        if (this.closed) return;
        this.queued.unshift(...again);
        this.timer ??= setTimeout(() => void this.flush(), this.retryMs);
        this.timer.unref();
      },
    );
    this.inFlight = done;
    await done;
    if (this.inFlight === done) this.inFlight = undefined;
  }
}
