import { destinationKey, type Destination, type MessageRef } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import type { DeliveryStore } from '../store/delivery-store.js';

export interface OnceDeps {
  readonly deliveries: DeliveryStore;
  readonly log: Logger;
}

/** What an earlier attempt at the same call left: its note, and its message if found. */
export interface EarlierAttempt {
  /** What the earlier attempt said its message would show (e.g. the incident version). */
  readonly note: string;
  /** The message the platform holds under the key (null: none, or it cannot tell). */
  readonly found: MessageRef | null;
}

/**
 * Claims one non-idempotent chat call (a post, a thread reply, a digest) under `key`, noting
 * what it will show. Null the first time: make the call. Otherwise an earlier attempt (a
 * retry, a re-run after a crash, or a job for another version of the incident) claimed it and
 * may have reached the platform even though it heard an error: the platform is asked
 * (`findPosted`) whether a message with this key is already there.
 */
export async function claimOnce(
  deps: OnceDeps,
  platform: ChatPlatform,
  destination: Destination,
  key: string,
  note: string,
  /** For a thread reply: the message it replies to. */
  thread?: MessageRef,
): Promise<EarlierAttempt | null> {
  const note0 = await deps.deliveries.claimAttempt(`${destinationKey(destination)}|${key}`, note);
  if (note0 === null) return null;
  const found = platform.findPosted ? await platform.findPosted(destination, key, thread) : null;
  if (found)
    deps.log.info({ destination, key }, 'already posted by an earlier attempt: not posting again');
  else if (!platform.findPosted && !platform.idempotentPosts)
    deps.log.warn({ destination, key }, 'retrying a post the platform cannot check for');
  return { note: note0, found };
}

/** Notes what a claimed call will show now that it is made again (see claimOnce). */
export async function noteOnce(
  deps: OnceDeps,
  destination: Destination,
  key: string,
  note: string,
): Promise<void> {
  await deps.deliveries.noteAttempt(`${destinationKey(destination)}|${key}`, note);
}

/**
 * Makes one non-idempotent chat call at most once across worker crashes and errors heard
 * after the platform applied it, as far as the platform can tell (see claimOnce).
 */
export async function postOnce(
  deps: OnceDeps,
  platform: ChatPlatform,
  destination: Destination,
  key: string,
  call: () => Promise<MessageRef | void>,
): Promise<{ ref: MessageRef | undefined; recovered: boolean }> {
  const earlier = await claimOnce(deps, platform, destination, key, '1');
  if (earlier?.found) return { ref: earlier.found, recovered: true };
  return { ref: (await call()) ?? undefined, recovered: false };
}
