/**
 * WebSub subscriptions and their leases, shared by every worker (any worker may receive a
 * hub's callback, and each renewal must be sent once). Adapter:
 * store/redis/redis-websub-lease-store.ts.
 */

/**
 * requested: asked of the hub, not verified yet; active: verified, lease running;
 * unsubscribing: the feed was removed, an unsubscribe is asked; denied / failed: the hub said
 * no or could not be reached (retried later, the feed is polled as usual meanwhile).
 */
export type WebSubState = 'requested' | 'active' | 'unsubscribing' | 'denied' | 'failed';

export interface WebSubSubscription {
  /** Random and unguessable: it names the callback URL (`<callbackUrl><id>`). */
  readonly id: string;
  readonly feedId: string;
  /** The topic URL asked for (the feed's rel="self", else its URL). */
  readonly topic: string;
  readonly hub: string;
  /** The per-subscription HMAC secret given to the hub. */
  readonly secret: string;
  readonly state: WebSubState;
  readonly requestedAt: string;
  /** Lease granted by the hub at the last verification. */
  readonly leaseSeconds?: number;
  readonly expiresAt?: string;
  readonly lastError?: string;
  /** Consecutive failed requests (subscribe or renew), for the retry backoff. */
  readonly failures: number;
}

export type WebSubPatch = Partial<
  Pick<WebSubSubscription, 'state' | 'hub' | 'topic' | 'lastError' | 'failures' | 'requestedAt'>
>;

export interface WebSubLeaseStore {
  /**
   * Saves a new subscription, first looked at `dueAt`, unless its feed already has one (then
   * false, nothing saved).
   */
  create(sub: WebSubSubscription, dueAt: Date): Promise<boolean>;
  get(id: string): Promise<WebSubSubscription | null>;
  /** The current subscription of a feed. */
  ofFeed(feedId: string): Promise<WebSubSubscription | null>;
  list(): Promise<WebSubSubscription[]>;
  update(id: string, patch: WebSubPatch): Promise<void>;
  /**
   * A verified lease: the feed counts as pushed until `expiresAt`; the subscription is looked
   * at again (renewed) at `renewAt`.
   */
  activate(
    sub: WebSubSubscription,
    leaseSeconds: number,
    expiresAt: Date,
    renewAt: Date,
  ): Promise<void>;
  /** The feed is no longer pushed (denied, lease lost); its subscription stays for a retry. */
  deactivate(feedId: string): Promise<void>;
  /** When the subscription is next looked at (a renewal, a retry, an unanswered request). */
  schedule(id: string, at: Date): Promise<void>;
  /**
   * Subscriptions whose time has come, at most `limit`, each pushed `holdMs` into the future
   * in the same step: two workers never claim one, and a worker that dies holding one lets it
   * come due again.
   */
  claimDue(now: Date, holdMs: number, limit: number): Promise<string[]>;
  /** Deletes a subscription (and its feed's link to it, if still its own). */
  remove(id: string): Promise<void>;
  /** True while a feed's verified lease runs. */
  isActive(feedId: string): Promise<boolean>;
  /** Remembers for `ttlMs` that a feed advertises no hub. */
  markNoHub(feedId: string, ttlMs: number): Promise<void>;
  /** Those of `feedIds` marked hub-less (one round trip). */
  withoutHub(feedIds: readonly string[]): Promise<Set<string>>;
}
