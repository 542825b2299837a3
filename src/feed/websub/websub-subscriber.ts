import { randomBytes } from 'node:crypto';
import type { WebSubConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { WebSubLeaseStore, WebSubSubscription } from '../../store/websub-lease-store.js';
import type { HubDiscovery } from './discover-hub.js';
import type { WebSubMetrics } from './websub-metrics.js';

/** A feed sitrep polls, as WebSub needs it. */
export interface WatchedFeed {
  readonly id: string;
  readonly url: string;
  readonly origin: 'config' | 'runtime';
}

export interface SubscriberDeps {
  readonly config: WebSubConfig & { readonly callbackUrl: string };
  readonly leases: WebSubLeaseStore;
  /** Reads the feed and finds its hub (null: it advertises none); throws when unreadable. */
  readonly discover: (feed: WatchedFeed) => Promise<HubDiscovery | null>;
  /** Sends one subscription request; throws with a readable reason unless the hub took it. */
  readonly hubRequest: (
    hub: string,
    params: Readonly<Record<string, string>>,
    feed: WatchedFeed,
  ) => Promise<void>;
  /** Polls a feed whose push stopped at once (see WebSubDeps.pollNow). */
  readonly pollNow: (feedId: string) => Promise<void>;
  readonly metrics: WebSubMetrics;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** How long a claimed subscription is held by the worker working on it. */
const HOLD_MS = 2 * 60_000;
/** Subscriptions looked at per tick (the rest wait for the next one). */
const BATCH = 50;
/** Unanswered unsubscribe requests sent before the subscription is dropped anyway. */
const UNSUBSCRIBE_TRIES = 3;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** The callback URL of a subscription: the configured base plus its id. */
export function callbackFor(callbackUrl: string, id: string): string {
  return `${callbackUrl.endsWith('/') ? callbackUrl : `${callbackUrl}/`}${id}`;
}

/**
 * The subscriber side of WebSub (W3C Recommendation): finds hubs, asks them for subscriptions,
 * renews leases before they run out and unsubscribes from feeds no longer watched. All state is
 * in the lease store, so any worker may answer a hub's callback and each renewal goes out once.
 * The callback itself is answered by `WebSubCallback`.
 */
export class WebSubSubscriber {
  private readonly now: () => Date;

  constructor(private readonly deps: SubscriberDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Subscribes feeds that have no subscription yet (and were not found hub-less lately) and
   * marks the subscriptions of feeds no longer watched for unsubscribing.
   */
  async sync(feeds: readonly WatchedFeed[]): Promise<void> {
    const subs = await this.deps.leases.list();
    const watched = new Map(feeds.map((f) => [f.id, f] as const));
    const subscribed = new Set(subs.map((s) => s.feedId));
    for (const sub of subs) {
      if (watched.has(sub.feedId) || sub.state === 'unsubscribing') continue;
      await this.deps.leases.update(sub.id, { state: 'unsubscribing', failures: 0 });
      await this.deps.leases.deactivate(sub.feedId);
      await this.deps.leases.schedule(sub.id, this.now());
    }
    const candidates = feeds.filter((f) => !subscribed.has(f.id));
    const hubless = await this.deps.leases.withoutHub(candidates.map((f) => f.id));
    for (const feed of candidates) {
      if (hubless.has(feed.id)) continue;
      await this.subscribeNew(feed).catch((err: unknown) =>
        this.deps.log.warn({ err, feedId: feed.id }, `WebSub: could not subscribe ${feed.id}`),
      );
    }
  }

  /** Works through the subscriptions whose time came: renewals, retries, unsubscribes. */
  async tick(feeds: readonly WatchedFeed[]): Promise<void> {
    const now = this.now();
    const ids = await this.deps.leases.claimDue(now, HOLD_MS, BATCH);
    const watched = new Map(feeds.map((f) => [f.id, f] as const));
    for (const id of ids) {
      const sub = await this.deps.leases.get(id);
      if (!sub) continue;
      try {
        if (sub.state === 'unsubscribing') await this.unsubscribe(sub);
        else {
          const feed = watched.get(sub.feedId);
          if (feed) await this.resubscribe(sub, feed);
          // Not watched by this worker's (possibly older) view: sync decides.
          else await this.deps.leases.schedule(sub.id, new Date(now.getTime() + HOLD_MS));
        }
      } catch (err) {
        this.deps.log.warn({ err, feedId: sub.feedId }, `WebSub: ${sub.feedId}: ${String(err)}`);
      }
    }
  }

  private async subscribeNew(feed: WatchedFeed): Promise<void> {
    const found = await this.deps.discover(feed);
    if (!found) {
      await this.deps.leases.markNoHub(feed.id, this.deps.config.rediscoverInterval);
      return;
    }
    const sub: WebSubSubscription = {
      id: randomBytes(16).toString('hex'),
      feedId: feed.id,
      topic: found.topic,
      hub: found.hub,
      secret: randomBytes(32).toString('hex'),
      state: 'requested',
      requestedAt: this.now().toISOString(),
      failures: 0,
    };
    // Another worker may have subscribed this feed meanwhile: then its subscription stands.
    const due = new Date(this.now().getTime() + this.deps.config.verifyTimeout);
    if (!(await this.deps.leases.create(sub, due))) return;
    this.deps.log.info(
      { feedId: feed.id, hub: sub.hub, topic: sub.topic },
      `WebSub: ${feed.id} advertises hub ${sub.hub}: subscribing`,
    );
    await this.request(sub, feed);
  }

  /** Renews an active lease, or asks again after a failure, a denial or no verification. */
  private async resubscribe(sub: WebSubSubscription, feed: WatchedFeed): Promise<void> {
    let found: HubDiscovery | null = {
      hub: sub.hub,
      topic: sub.topic,
      hubs: [sub.hub],
      from: 'document',
    };
    try {
      found = await this.deps.discover(feed);
    } catch (err) {
      // The feed is down for now: renew with the hub it advertised last.
      this.deps.log.debug({ err, feedId: feed.id }, 'WebSub: rediscovery failed');
    }
    if (!found) {
      this.deps.log.info({ feedId: feed.id }, `WebSub: ${feed.id} no longer advertises a hub`);
      await this.deps.leases.remove(sub.id);
      await this.deps.leases.markNoHub(feed.id, this.deps.config.rediscoverInterval);
      await this.deps.pollNow(feed.id);
      return;
    }
    const moved = found.hub !== sub.hub || found.topic !== sub.topic;
    const next = moved ? { ...sub, hub: found.hub, topic: found.topic } : sub;
    if (moved) await this.deps.leases.update(sub.id, { hub: next.hub, topic: next.topic });
    await this.request(next, feed);
  }

  private async request(sub: WebSubSubscription, feed: WatchedFeed): Promise<void> {
    const now = this.now();
    // Recorded before the request: the hub may verify before its answer reaches us, and the
    // verification then sets the renewal time. Looked at again if the hub never verifies.
    await this.deps.leases.update(sub.id, {
      requestedAt: now.toISOString(),
      ...(sub.state === 'active' ? {} : { state: 'requested' }),
    });
    await this.deps.leases.schedule(
      sub.id,
      new Date(now.getTime() + this.deps.config.verifyTimeout),
    );
    try {
      await this.deps.hubRequest(
        sub.hub,
        {
          'hub.mode': 'subscribe',
          'hub.topic': sub.topic,
          'hub.callback': callbackFor(this.deps.config.callbackUrl, sub.id),
          'hub.lease_seconds': String(this.deps.config.leaseSeconds),
          'hub.secret': sub.secret,
        },
        feed,
      );
      this.deps.metrics.hubRequests.inc({ mode: 'subscribe', outcome: 'ok' });
    } catch (err) {
      this.deps.metrics.hubRequests.inc({ mode: 'subscribe', outcome: 'failed' });
      await this.recordFailure(sub, err, now);
    }
  }

  private async recordFailure(sub: WebSubSubscription, err: unknown, now: Date): Promise<void> {
    const failures = sub.failures + 1;
    const message = err instanceof Error ? err.message : String(err);
    // A running lease stays active until it expires; anything else falls back to polling.
    await this.deps.leases.update(sub.id, {
      failures,
      lastError: message,
      ...(sub.state === 'active' ? {} : { state: 'failed' }),
    });
    await this.deps.leases.schedule(sub.id, new Date(now.getTime() + this.backoff(failures)));
    this.deps.log.warn(
      { feedId: sub.feedId, hub: sub.hub, failures },
      `WebSub: subscribing ${sub.feedId} at ${sub.hub} failed (${failures}×): ${message}`,
    );
  }

  private async unsubscribe(sub: WebSubSubscription): Promise<void> {
    if (sub.failures >= UNSUBSCRIBE_TRIES) {
      // The hub never confirmed: forget it; its lease runs out on its own.
      await this.deps.leases.remove(sub.id);
      return;
    }
    await this.deps.leases.update(sub.id, { failures: sub.failures + 1 });
    await this.deps.leases.schedule(
      sub.id,
      new Date(this.now().getTime() + this.deps.config.verifyTimeout),
    );
    try {
      await this.deps.hubRequest(
        sub.hub,
        {
          'hub.mode': 'unsubscribe',
          'hub.topic': sub.topic,
          'hub.callback': callbackFor(this.deps.config.callbackUrl, sub.id),
        },
        // The hub was checked when the feed was subscribed; the feed itself is gone.
        { id: sub.feedId, url: sub.topic, origin: 'config' },
      );
      this.deps.metrics.hubRequests.inc({ mode: 'unsubscribe', outcome: 'ok' });
      this.deps.log.info({ feedId: sub.feedId }, `WebSub: ${sub.feedId} removed: unsubscribing`);
    } catch (err) {
      this.deps.metrics.hubRequests.inc({ mode: 'unsubscribe', outcome: 'failed' });
      throw err;
    }
  }

  private backoff(failures: number): number {
    const base = Math.max(this.deps.config.checkInterval, 1000);
    return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, failures - 1));
  }
}
