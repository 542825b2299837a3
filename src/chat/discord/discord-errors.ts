/**
 * Discord REST failures → ChatError, so the delivery worker knows what to do:
 *   permanent — the bot can no longer reach the destination: Missing Access (50001), Unknown
 *               Channel (10003), Missing Permissions (50013), Cannot send messages to this user
 *               (50007), Unknown Message (10008, editing a deleted alert), Unknown User (10013),
 *               Unknown Guild (10004);
 *   transient — rate limits discord.js declined to wait for (retryAfterMs), 5xx, timeouts,
 *               network errors, and anything else (a bounded retry, never a disabled route).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { ChatError } from '../chat-error.js';

export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: 'unknown_channel',
  10004: 'unknown_guild',
  10008: 'unknown_message',
  10013: 'unknown_user',
  50001: 'missing_access',
  50007: 'cannot_message_user',
  50013: 'missing_permissions',
};

/** A thread already exists for that message (its id is the message id). */
export const THREAD_EXISTS = 160004;

export function discordCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : undefined;
}

function transient(reason: string, cause: unknown, retryAfterMs?: number): ChatError {
  return new ChatError('transient', reason, {
    cause,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message: `discord: ${reason}${cause instanceof Error ? ` (${cause.message})` : ''}`,
  });
}

export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof RateLimitError)
    return transient(
      'ratelimited',
      err,
      Math.max(0, Math.ceil(Math.max(err.retryAfter, err.timeToReset))),
    );
  if (err instanceof DiscordAPIError) {
    const code = discordCode(err);
    const reason = code !== undefined ? PERMANENT_CODES[code] : undefined;
    if (reason)
      return new ChatError('permanent', reason, { cause: err, message: `discord: ${err.message}` });
    if (err.status === 429) return transient('ratelimited', err);
    return transient(err.status >= 500 ? `http_${err.status}` : `discord_${String(err.code)}`, err);
  }
  if (err instanceof HTTPError) return transient(`http_${err.status}`, err);
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
    return transient('timeout', err);
  return transient('unreachable', err);
}

/** Runs a REST call, turning any failure into a ChatError. */
export async function chatCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toChatError(err);
  }
}
