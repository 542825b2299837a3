/**
 * The poll loop of one worker: claims due feeds from the shared schedule in batches, fetches at
 * most `concurrency` of them at once and at most `perHost` per host (over every worker when
 * `slots` is given: host slots taken in Redis, see host-slots.ts), keeps the leases of the
 * feeds it holds alive, and hands each finished feed back with its next poll time (batched into
 * one Redis call). A Redis outage pauses claiming; the feeds it held come back to some worker
 * when their leases expire.
 */
import type { Logger } from '../../log/logger.js';
import type { FeedSchedule } from './feed-schedule.js';
import type { HostSlots } from './host-slots.js';

export interface FeedPollerOptions {
  readonly schedule: FeedSchedule;
  /**
   * Polls one feed; resolves with the milliseconds until its next poll, counted from the start
   * of the call: the poll's own time (fetch, parse, queueing) and the wait to hand it back are
   * taken off, so a feed with a 1-minute interval is polled every minute, not every minute plus
   * its fetch. (HTTP freshness counts from the request too: RFC 9111 §4.2.3.)
   */
  readonly poll: (feedId: string) => Promise<number>;
  /** Told the feeds of each claim before their polls start (to read their state at once). */
  readonly claimed?: (feedIds: readonly string[]) => void;
  /** The host a feed is fetched from (per-host limit); undefined for an unknown feed. */
  readonly hostOf: (feedId: string) => string | undefined;
  readonly concurrency: number;
  readonly perHost: number;
  /** Per-host slots shared by every worker; without them the limit holds in this worker only. */
  readonly slots?: HostSlots;
  /** How long a claim holds a feed before another worker may take it. */
  readonly leaseMs: number;
  /** Delay before a feed whose poll threw unexpectedly is tried again. */
  readonly retryMs: number;
  /** Longest idle sleep between two looks at the schedule. */
  readonly idleMs?: number;
  readonly log: Logger;
}

interface Held {
  readonly feedId: string;
  readonly token: string;
  readonly host: string;
  /** Holds a shared host slot (given back when the poll is handed back). */
  slot?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The least gap between two claims (after a claim that filled every free slot, the next comes
 * when a slot frees, 5 ms at most: a busy worker still claims in small batches) and the wait
 * before finished feeds are handed back: each Redis call carries the feeds of this long. A feed
 * is claimed within this long of falling due, and polled then unless its host has no free slot.
 * Its state is read with its claim's and its health written with other polls'
 * (src/queue/batched-feed-state.ts). docs/SCALING.md ("Sixth round") gives what it saved
 * against 5 ms.
 */
export const BATCH_MS = 20;

export class FeedPoller {
  private readonly waiting: Held[] = [];
  private readonly active = new Map<string, Held>();
  private readonly perHostActive = new Map<string, number>();
  /** Polled feeds not yet handed back. */
  private readonly finished: { held: Held; delayMs: number; startedAt: number }[] = [];
  private wake: (() => void) | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;
  /** A lease extension in flight (one at a time). */
  private renewing: Promise<void> | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  /** A slot request in flight, and whether dispatch was asked for meanwhile. */
  private taking = false;
  private dispatchAgain = false;
  /** The last slot request was refused for some host: look again soon. */
  private hostsFull = false;
  /** Host slots of finished polls not yet given back (with the next request, or the flush). */
  private slotsBack: Held[] = [];

  constructor(private readonly o: FeedPollerOptions) {}

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.renewTimer = setInterval(() => void this.renew(), Math.max(1000, this.o.leaseMs / 3));
    this.renewTimer.unref();
  }

  /** Stops claiming, lets the fetches in flight finish, and hands every held feed back. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.renewTimer);
    this.wake?.();
    await this.loop;
    while (this.active.size > 0) await sleep(20);
    // Feeds claimed but not started: due again at once for whichever worker runs.
    for (const held of this.waiting.splice(0))
      this.finished.push({ held, delayMs: 0, startedAt: performance.now() });
    await this.flush();
  }

  private held(): number {
    return this.waiting.length + this.active.size;
  }

  private async run(): Promise<void> {
    // Up to twice the fetch slots are held, so a busy host does not idle the other slots.
    const maxHeld = this.o.concurrency * 2;
    while (!this.stopped) {
      const claimedAt = performance.now();
      let nextDueMs = -1;
      const room = maxHeld - this.held();
      try {
        const claim = await this.o.schedule.claim(room, this.o.leaseMs);
        nextDueMs = claim.nextDueMs;
        for (const feedId of claim.feedIds)
          this.waiting.push({ feedId, token: claim.token, host: this.o.hostOf(feedId) ?? '' });
        this.announce(claim.feedIds);
        this.dispatch();
        if (claim.feedIds.length > 0 && claim.feedIds.length === room) {
          await this.nap(5);
          continue;
        }
      } catch (err) {
        this.o.log.debug({ err }, 'could not claim due feeds');
        await this.nap(1000);
        continue;
      }
      // Slots freed by other workers wake nobody here: ask again soon while a host is full.
      const idle = this.hostsFull ? Math.min(250, this.o.idleMs ?? 1000) : (this.o.idleMs ?? 1000);
      await this.nap(nextDueMs < 0 ? idle : Math.min(idle, Math.max(BATCH_MS, nextDueMs)));
      // A finished poll wakes the loop early (its freed slot may take a feed due now), but the
      // next claim still waits BATCH_MS from the last, so that it carries that long's feeds.
      const rest = BATCH_MS - (performance.now() - claimedAt);
      if (rest > 0 && !this.stopped) await sleep(rest);
    }
  }

  /** Tells `claimed` the feeds of a claim; a hook that throws costs their read ahead only. */
  private announce(feedIds: readonly string[]): void {
    if (feedIds.length === 0 || !this.o.claimed) return;
    try {
      this.o.claimed(feedIds);
    } catch (err) {
      this.o.log.warn({ err }, 'could not read the state of claimed feeds ahead');
    }
  }

  /** Sleeps up to `ms`, woken early when a fetch slot frees up. */
  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Starts waiting feeds while fetch slots and their hosts allow. */
  private dispatch(): void {
    if (this.taking) {
      this.dispatchAgain = true;
      return;
    }
    const picked: Held[] = [];
    for (let i = 0; i < this.waiting.length && this.active.size < this.o.concurrency;) {
      const h = this.waiting[i] as Held;
      const busy = this.perHostActive.get(h.host) ?? 0;
      if (h.host && busy >= this.o.perHost) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active.set(h.feedId, h);
      this.perHostActive.set(h.host, busy + 1);
      picked.push(h);
    }
    const needSlot = this.o.slots ? picked.filter((h) => h.host) : [];
    for (const h of picked) if (!needSlot.includes(h)) void this.pollOne(h);
    if (needSlot.length > 0) void this.takeSlots(needSlot);
  }

  /** Takes shared host slots for `picked`; starts those granted, puts the others back. */
  private async takeSlots(picked: Held[]): Promise<void> {
    this.taking = true;
    let granted: boolean[] = [];
    const back = this.slotsBack.splice(0);
    try {
      granted = (await this.o.slots?.take(picked, this.o.leaseMs, back)) ?? [];
    } catch (err) {
      this.slotsBack.push(...back);
      this.o.log.debug({ err }, 'could not take host slots');
    }
    const refused: Held[] = [];
    picked.forEach((h, i) => {
      if (granted[i]) {
        h.slot = true;
        void this.pollOne(h);
      } else refused.push(h);
    });
    for (const h of refused) this.unreserve(h);
    this.waiting.unshift(...refused);
    this.hostsFull = refused.length > 0;
    this.taking = false;
    if (this.dispatchAgain) {
      this.dispatchAgain = false;
      this.dispatch();
    }
  }

  private unreserve(h: Held): void {
    this.active.delete(h.feedId);
    const n = (this.perHostActive.get(h.host) ?? 1) - 1;
    if (n > 0) this.perHostActive.set(h.host, n);
    else this.perHostActive.delete(h.host);
  }

  private async pollOne(h: Held): Promise<void> {
    const startedAt = performance.now();
    let delayMs: number;
    try {
      delayMs = await this.o.poll(h.feedId);
    } catch (err) {
      this.o.log.warn({ err, feedId: h.feedId }, `feed ${h.feedId}: poll failed`);
      delayMs = this.o.retryMs;
    }
    this.unreserve(h);
    if (h.slot) this.slotsBack.push(h);
    this.finished.push({ held: h, delayMs, startedAt });
    this.dispatch();
    this.scheduleFlush();
    this.wake?.();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = sleep(BATCH_MS)
      .then(() => this.flush())
      .then((ok) => {
        this.flushing = undefined;
        // Polls that finished while that call was in flight: without this they would wait for
        // the next poll to finish, and the last feeds before a quiet spell would stay leased
        // (and hold their host slots) until their leases ran out.
        if (ok && this.finished.length > 0) this.scheduleFlush();
      });
  }

  /**
   * Hands finished feeds back in one call; on a Redis error they stay queued for the next (a
   * retry in a second). False after such an error.
   */
  private async flush(): Promise<boolean> {
    const batch = this.finished.splice(0);
    if (batch.length === 0) return true;
    const back = this.slotsBack.splice(0);
    try {
      // Both are safe to repeat after an error: a feed no longer ours and a slot already given
      // back are left alone.
      const now = performance.now();
      await Promise.all([
        this.o.schedule.complete(
          batch.map(({ held, delayMs, startedAt }) => ({
            feedId: held.feedId,
            token: held.token,
            delayMs: Math.max(0, delayMs - (now - startedAt)),
          })),
        ),
        this.o.slots?.release(back),
      ]);
    } catch (err) {
      this.o.log.debug({ err }, 'could not reschedule polled feeds');
      this.finished.unshift(...batch);
      this.slotsBack.push(...back);
      if (!this.stopped) setTimeout(() => this.scheduleFlush(), 1000).unref();
      return false;
    }
    return true;
  }

  /** Extends the leases of every held feed (one extension at a time). */
  private renew(): Promise<void> {
    if (this.renewing) return this.renewing;
    this.renewing = this.extendLeases().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** Drops waiting feeds whose lease was lost. */
  private async extendLeases(): Promise<void> {
    const held = [...this.waiting, ...this.active.values(), ...this.finished.map((f) => f.held)];
    if (held.length === 0) return;
    try {
      const slotted = [...this.active.values()].filter((h) => h.slot);
      const [{ lost }] = await Promise.all([
        this.o.schedule.extend(held, this.o.leaseMs),
        this.o.slots?.extend(slotted, this.o.leaseMs),
      ]);
      const gone = new Set(lost);
      for (let i = this.waiting.length - 1; i >= 0; i -= 1)
        if (gone.has((this.waiting[i] as Held).feedId)) this.waiting.splice(i, 1);
      if (gone.size > 0) this.o.log.warn({ lost: gone.size }, 'leases of claimed feeds expired');
    } catch (err) {
      this.o.log.debug({ err }, 'could not extend feed leases');
    }
  }
}
