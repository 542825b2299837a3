/**
 * WebClient failures as ChatErrors, which the delivery worker acts on:
 *   transient — rate limited (Retry-After → retryAfterMs), HTTP 5xx, timeouts and connection
 *               failures, Slack's own internal errors: retried with backoff;
 *   permanent — the destination is gone or closed to the bot (channel deleted or archived, bot
 *               not in a private channel, user deactivated, DMs closed): the route or
 *               subscription is disabled.
 * Any other Slack error (a bad token, a rejected block) is a fault of this deployment, not of
 * the destination: it is reported as transient so it is retried and then parked in the failed
 * jobs, instead of disabling every route one by one.
 */
import { webApi } from '@slack/bolt';
import { ChatError } from '../chat-error.js';

/** Slack error codes that mean "this channel or DM cannot receive messages from us". */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'cannot_dm_bot',
  'user_disabled',
  'user_not_found',
  'user_not_visible',
  'messages_tab_disabled',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Slack error codes for the message an edit or thread reply points at being gone. */
export const MESSAGE_GONE_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'thread_not_found',
  'cannot_reply_to_message',
]);

/** The Slack error code of a failed call (`channel_not_found`), if it was a platform error. */
export function slackErrorCode(err: unknown): string | undefined {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
}

function withCause(kind: 'transient' | 'permanent', reason: string, cause: unknown, ms?: number) {
  return new ChatError(kind, reason, {
    cause,
    ...(ms === undefined ? {} : { retryAfterMs: ms }),
  });
}

function fromHttp(err: webApi.WebAPIHTTPError): ChatError {
  if (err.statusCode === 429) {
    const seconds = Number(err.headers['retry-after']);
    return withCause(
      'transient',
      'ratelimited',
      err,
      Number.isFinite(seconds) ? seconds * 1000 : undefined,
    );
  }
  return withCause('transient', `http_${err.statusCode}`, err);
}

export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof webApi.WebAPIRateLimitedError)
    return withCause('transient', 'ratelimited', err, Math.max(0, err.retryAfter) * 1000);
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') return withCause('transient', code, err);
    return withCause(PERMANENT_ERRORS.has(code) ? 'permanent' : 'transient', code, err);
  }
  if (err instanceof webApi.WebAPIHTTPError) return fromHttp(err);
  if (err instanceof webApi.WebAPIRequestError) {
    const timeout = /timeout/i.test(err.original.message);
    return withCause('transient', timeout ? 'timeout' : 'request_failed', err);
  }
  return withCause('transient', 'unknown', err);
}
