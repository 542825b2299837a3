/**
 * Per-feed polling state: conditional-GET validators, which items were already seen, whether the
 * feed's first fetch happened, and its health. Adapter: store/redis/redis-feed-state-store.ts.
 */

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export interface FeedHealth {
  readonly feedId: string;
  readonly status: 'ok' | 'failing' | 'pending';
  readonly lastPollAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastErrorAt?: string;
  /** A clear reason a user can read ("HTTP 503 Service Unavailable", "timed out after 30s"). */
  readonly lastError?: string;
  readonly lastErrorReason?: string;
  readonly consecutiveFailures: number;
  readonly nextPollAt?: string;
  readonly lastNewItemAt?: string;
  readonly itemsSeen: number;
  /** Mean gap between the feed's recent items, as last measured (adaptive polling). */
  readonly updateEveryMs?: number;
}

export interface PollSuccess {
  readonly at: Date;
  readonly nextPollAt: Date;
  readonly newItems: number;
  /** Mean gap between the feed's recent items, when this fetch could measure it. */
  readonly updateEveryMs?: number;
}

/** What a poll reads before it fetches: one round trip. */
export interface PollState {
  readonly validators: FeedValidators;
  readonly health: FeedHealth;
  readonly seeded: boolean;
}

/** Everything a fetched (200) poll records, written in one round trip. */
export interface FetchRecord {
  readonly success: PollSuccess;
  readonly validators: FeedValidators;
  /** Fingerprints of the new items. */
  readonly seen: readonly string[];
  readonly seenTtlMs: number;
  /** Marks the feed's first fetch done. */
  readonly seeded: boolean;
  /**
   * A silent first fetch (recorded, not alerted): refused, nothing written, when the feed's
   * first fetch was recorded meanwhile (a WebSub push), so that this one alerts instead.
   */
  readonly silent?: boolean;
}

export interface PollFailure {
  readonly at: Date;
  readonly nextPollAt: Date;
  readonly reason: string;
  readonly message: string;
}

export interface FeedStateStore {
  validators(feedId: string): Promise<FeedValidators>;
  saveValidators(feedId: string, v: FeedValidators): Promise<void>;
  /** True once the feed's first fetch has been recorded. */
  isSeeded(feedId: string): Promise<boolean>;
  markSeeded(feedId: string): Promise<void>;
  /** For each item's fingerprints: true when none of them was seen before. */
  unseen(fingerprints: readonly (readonly string[])[]): Promise<boolean[]>;
  markSeen(fingerprints: readonly string[], ttlMs: number): Promise<void>;
  health(feedId: string): Promise<FeedHealth>;
  recordSuccess(feedId: string, s: PollSuccess): Promise<void>;
  /**
   * Several feeds' successes in one round trip, each skipped when the feed's health already
   * records a later poll, or none at all (a feed removed meanwhile).
   */
  recordSuccesses(successes: readonly { feedId: string; success: PollSuccess }[]): Promise<void>;
  /** Returns the number of consecutive failures including this one. */
  recordFailure(feedId: string, f: PollFailure): Promise<number>;
  /** Validators, health and the seeded flag of a feed in one round trip. */
  pollState(feedId: string): Promise<PollState>;
  /** pollState of several feeds, in order, in one round trip. */
  pollStates(feedIds: readonly string[]): Promise<PollState[]>;
  /**
   * Validators, seen fingerprints, seeded flag and health of a fetched poll, in one round trip.
   * False when a silent record was refused (see FetchRecord.silent).
   */
  recordFetch(feedId: string, r: FetchRecord): Promise<boolean>;
  /** Forgets everything about a feed (it was removed from the config). */
  forget(feedId: string): Promise<void>;
}
