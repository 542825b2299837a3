/**
 * The feed state store as one worker's poll loop uses it: the two Redis round trips of every
 * poll that gets `304 Not Modified` (read the feed's state, write its health) become shares of
 * calls made for many feeds at once.
 *
 * - **Reads ahead.** `prefetch(ids)` reads the state of the feeds a claim just leased in one
 *   call; `pollState(id)` then takes the feed's answer instead of asking Redis. The lease keeps
 *   other workers' polls off the feed. A feed's own read is made instead when the answer is
 *   older than `prefetchTtlMs` (the feed waited long for its host) or the read ahead failed.
 *   When it says the feed's first fetch is still to come, that flag alone is read again: a
 *   document pushed by WebSub meanwhile may have made that first fetch, and a second silent one
 *   would drop the alerts of the items it brings. (Stale validators only cost a 200 instead of
 *   a 304: the items are checked against the seen fingerprints, read when they are.)
 * - **Writes behind.** A success without new items (the 304 poll's only write) is queued and
 *   written with the others queued within `flushMs`, in one call; the poll does not wait for
 *   it. Any other write for the feed (a failure, a fetch's record, forget) first makes sure that
 *   feed's queued or in-flight success has landed, so the feed's writes keep their order within
 *   the worker. A batch that fails is tried again `retryMs` later (one warning each time) minus
 *   the feeds written since. Redis skips a queued success older than the poll last recorded (a
 *   batch retried after another worker's later poll) and one of a feed forgotten meanwhile.
 *   `close()` writes what is left; later writes go straight through.
 */
import type { Logger } from '../log/logger.js';
import type { FeedStateStore, PollState, PollSuccess } from '../store/feed-state-store.js';

export interface BatchedFeedStateOptions {
  /** How long a queued success waits for others before the batch is written. */
  readonly flushMs: number;
  /** How long a state read ahead is used before it is read again. */
  readonly prefetchTtlMs?: number;
  /** Wait before a batch that failed is tried again. */
  readonly retryMs?: number;
  readonly log: Logger;
}

interface Queued {
  readonly feedId: string;
  readonly success: PollSuccess;
  /** Set when its batch is sent: resolves true once written, false if the batch failed. */
  written?: Promise<boolean> | undefined;
}

export class BatchedFeedState implements FeedStateStore {
  private readonly ahead = new Map<string, { at: number; state: Promise<PollState> }>();
  /** The latest success of each feed not yet written (queued or in flight). */
  private readonly latest = new Map<string, Queued>();
  private queued: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The batch being written (never rejects). */
  private inFlight: Promise<boolean> | undefined;
  private closed = false;
  private readonly flushMs: number;
  private readonly prefetchTtlMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly inner: FeedStateStore,
    private readonly options: BatchedFeedStateOptions,
  ) {
    this.flushMs = options.flushMs;
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
      // A read ahead that says the first fetch is still to come may be stale (a WebSub push
      // may have made it since): the silent record of that fetch is then refused, and the poll
      // done again (FetchRecord.silent, src/queue/poll.processor.ts).
      const state = await a.state.catch(() => undefined);
      if (state) return state;
    }
    return this.inner.pollState(feedId);
  }

  pollStates(feedIds: readonly string[]): Promise<PollState[]> {
    return this.inner.pollStates(feedIds);
  }

  recordSuccess(feedId: string, s: PollSuccess): Promise<void> {
    if (s.newItems > 0 || this.closed)
      return this.after(feedId, () => this.inner.recordSuccess(feedId, s));
    const q: Queued = { feedId, success: s };
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

  recordFetch(...args: Parameters<FeedStateStore['recordFetch']>): Promise<boolean> {
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

  /** Writes every queued success (after the batch in flight); later writes go straight through. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    // A flush that was waiting for the batch in flight may send another: wait for that one too.
    while (this.inFlight || this.queued.length > 0) {
      await this.inFlight;
      if (!this.inFlight && this.queued.length > 0) await this.flush();
    }
  }

  /**
   * Runs a write of `feedId` once the feed's queued or in-flight success has landed: a queued
   * one, or one whose batch failed, is written on its own first, so that a failure is not
   * counted on a streak that had ended.
   */
  private async after<T>(feedId: string, write: () => Promise<T>): Promise<T> {
    const q = this.latest.get(feedId);
    if (q) {
      this.latest.delete(feedId);
      const i = this.queued.indexOf(q);
      if (i >= 0) this.queued.splice(i, 1);
      let written = false;
      // Queued: an earlier success of the feed may still be in flight; let it land first.
      if (i >= 0) await this.inFlight;
      else written = (await q.written) ?? false;
      if (!written) await this.inner.recordSuccess(feedId, q.success);
    }
    return write();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    await this.inFlight; // one batch at a time, in order
    // That batch failed and set its retry (or a later success set the next flush): that one goes.
    if (this.timer && !this.closed) return;
    // Only each feed's latest success is worth writing.
    const batch = this.queued.splice(0).filter((q) => this.latest.get(q.feedId) === q);
    if (batch.length === 0) return;
    const written = this.inner.recordSuccesses(batch).then(
      () => true,
      (err: unknown) => {
        this.failed(batch, err);
        return false;
      },
    );
    for (const q of batch) q.written = written;
    this.inFlight = written;
    if (await written)
      for (const q of batch) if (this.latest.get(q.feedId) === q) this.latest.delete(q.feedId);
    if (this.inFlight === written) this.inFlight = undefined;
  }

  /** A batch failed: its feeds not written since go again `retryMs` later (not after close). */
  private failed(batch: readonly Queued[], err: unknown): void {
    const again = batch.filter((q) => this.latest.get(q.feedId) === q);
    if (again.length === 0) return;
    const feeds = again.length === 1 ? '1 polled feed' : `${again.length} polled feeds`;
    if (this.closed) {
      for (const q of again) this.latest.delete(q.feedId);
      this.options.log.warn(
        { err, feeds: again.length },
        `could not record the health of ${feeds}; given up: the worker is stopping`,
      );
      return;
    }
    const wait = this.retryMs < 1000 ? `${this.retryMs} ms` : `${this.retryMs / 1000}s`;
    this.options.log.warn(
      { err, feeds: again.length },
      `could not record the health of ${feeds}; trying again in ${wait}`,
    );
    for (const q of again) q.written = undefined;
    this.queued.unshift(...again);
    // The retry waits its own time, not the next flush's (which would retry at once).
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.retryMs);
    this.timer.unref();
  }
}
