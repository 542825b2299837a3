import { AppError } from '../domain/errors.js';

/** Why fetching or reading a feed failed; shown in feed health and used to pick a back-off. */
export type FeedErrorReason =
  | 'timeout'
  | 'connect-timeout'
  | 'http-status'
  | 'too-large'
  | 'too-many-redirects'
  | 'network'
  | 'dns'
  | 'blocked-address'
  | 'not-a-feed'
  | 'wrong-type'
  | 'robots'
  | 'parse-error'
  | 'bad-url';

const RETRYABLE: ReadonlySet<FeedErrorReason> = new Set([
  'timeout',
  'connect-timeout',
  'network',
  'dns',
]);

export interface FeedErrorOptions {
  cause?: unknown;
  status?: number;
  retryAfterMs?: number;
  line?: number;
  retryable?: boolean;
}

/**
 * A feed could not be fetched or read. `message` is one line a user can read in feed health
 * ("HTTP 503 Service Unavailable", "timed out after 30s", "not a feed: got an HTML page").
 * Timeouts, network errors, 5xx and 429 are retryable; 404, 410, not-a-feed and parse errors are not.
 */
export class FeedError extends AppError {
  readonly reason: FeedErrorReason;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly line?: number;

  constructor(reason: FeedErrorReason, message: string, options: FeedErrorOptions = {}) {
    super(`FEED_${reason.toUpperCase().replaceAll('-', '_')}`, message, {
      cause: options.cause,
      retryable: options.retryable ?? defaultRetryable(reason, options.status),
    });
    this.name = 'FeedError';
    this.reason = reason;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.line !== undefined) this.line = options.line;
  }
}

function defaultRetryable(reason: FeedErrorReason, status: number | undefined): boolean {
  if (reason === 'http-status') {
    return status !== undefined && (status >= 500 || status === 429 || status === 408);
  }
  return RETRYABLE.has(reason);
}
