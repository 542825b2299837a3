/**
 * A chat platform failure, as adapters must report it:
 *   transient — rate limited (429, `retryAfterMs` from Retry-After), timeouts, 5xx: try again;
 *   permanent — channel gone, bot removed, DMs closed: retrying cannot help, the route or
 *               subscription is disabled with `reason`.
 */
import { AppError } from '../domain/errors.js';

export type ChatErrorKind = 'transient' | 'permanent';

export class ChatError extends AppError {
  readonly kind: ChatErrorKind;
  readonly retryAfterMs: number | undefined;
  /** Short machine reason shown to people ("channel_not_found", "ratelimited"). */
  readonly reason: string;

  constructor(
    kind: ChatErrorKind,
    reason: string,
    options: { retryAfterMs?: number; cause?: unknown; message?: string } = {},
  ) {
    super(`chat.${kind}`, options.message ?? `chat platform error: ${reason}`, {
      cause: options.cause,
      retryable: kind === 'transient',
    });
    this.name = 'ChatError';
    this.kind = kind;
    this.reason = reason;
    this.retryAfterMs = options.retryAfterMs;
  }

  static transient(reason: string, retryAfterMs?: number): ChatError {
    return new ChatError('transient', reason, retryAfterMs === undefined ? {} : { retryAfterMs });
  }

  static permanent(reason: string): ChatError {
    return new ChatError('permanent', reason);
  }
}
