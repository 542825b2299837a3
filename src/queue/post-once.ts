import { destinationKey, type Destination, type MessageRef } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { ChatPlatform } from '../store/chat-platform.js';
import type { DeliveryStore } from '../store/delivery-store.js';

/**
 * Makes one non-idempotent chat call (a post, a thread reply, a digest) at most once across
 * worker crashes, as far as the platform can tell: the attempt is claimed in Redis first; a
 * later attempt (a retry, or a re-run after a crash) asks the platform whether the message
 * with this key already went out before posting again.
 */
export async function postOnce(
  deps: { readonly deliveries: DeliveryStore; readonly log: Logger },
  platform: ChatPlatform,
  destination: Destination,
  key: string,
  call: () => Promise<MessageRef | void>,
  /** For a thread reply: the message it replies to. */
  thread?: MessageRef,
): Promise<{ ref: MessageRef | undefined; recovered: boolean }> {
  const first = await deps.deliveries.claimAttempt(`${destinationKey(destination)}|${key}`);
  if (!first) {
    const found = platform.findPosted ? await platform.findPosted(destination, key, thread) : null;
    if (found) {
      deps.log.info(
        { destination, key },
        'already posted by an earlier attempt: not posting again',
      );
      return { ref: found, recovered: true };
    }
    if (!platform.findPosted && !platform.idempotentPosts)
      deps.log.warn({ destination, key }, 'retrying a post the platform cannot check for');
  }
  return { ref: (await call()) ?? undefined, recovered: false };
}
