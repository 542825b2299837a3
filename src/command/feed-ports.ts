/** Feed administration as the command core sees it; implemented by the feed/queue layer. */

export interface FeedHealth {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly status: 'ok' | 'failing' | 'disabled' | 'new';
  /** Why it is failing ("HTTP 404", "not a feed: HTML page"). */
  readonly reason?: string;
  readonly lastSuccess?: string;
  /** When it was last polled, successfully or not. */
  readonly lastPoll?: string;
  /** The most recent error, kept after the feed recovers (`reason` is set only while failing). */
  readonly lastError?: string;
  readonly lastErrorAt?: string;
  /** Publish time of the newest item. */
  readonly lastItem?: string;
  readonly consecutiveFailures: number;
  readonly nextPoll?: string;
}

export interface FeedHealthPort {
  list(): Promise<FeedHealth[]>;
}

export type FeedValidation =
  | { readonly ok: true; readonly title: string; readonly items: number; readonly url: string }
  | { readonly ok: false; readonly reason: string };

/** Fetches a URL once and says whether it is a usable feed. */
export interface FeedValidator {
  validate(url: string): Promise<FeedValidation>;
}

export interface FeedRegistryPort {
  /** Adds a feed (validated already); returns its new id. */
  add(feed: { url: string; name: string }, addedBy: string): Promise<{ id: string }>;
  /** False when no feed has this id. */
  remove(id: string): Promise<boolean>;
}
