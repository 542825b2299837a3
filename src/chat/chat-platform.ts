/**
 * The port a chat platform adapter (Slack, Discord, the console) implements for alert delivery. The delivery
 * worker posts a new alert, or for an update edits the earlier message and replies in its
 * thread. Failures are `ChatError`s: transient ones are retried (honouring `retryAfterMs`),
 * permanent ones disable the route or subscription.
 */
import type { AlertMessage } from '../alert/alert-message.js';
import type { DigestMessage } from '../alert/digest-message.js';
import type { WeeklyMapMessage } from '../alert/weekly-map-message.js';
import type { Destination, MessageRef, Platform } from '../domain/subscription.js';

/**
 * Every new message is posted with a `key` unique to it at its destination ("alert:inc-1" for
 * an incident's one top-level message, "reply:inc-1:after-v2" for the thread reply announcing
 * what changed after version 2, "digest:<job id>"). An adapter that can tag the message with
 * it and find it again (Slack: message metadata) implements `findPosted`: after a crash
 * between posting and recording, or an error heard after the platform applied the post, the
 * delivery worker asks before posting again, so the alert is not duplicated. An adapter whose
 * platform dedupes posts by key itself (Discord: a nonce with enforce_nonce) sets
 * `idempotentPosts`.
 */
/** A picture to post (the weekly map): PNG bytes and the message that goes with it. */
export interface ChatImage {
  readonly png: Uint8Array;
  readonly filename: string;
  readonly message: WeeklyMapMessage;
}

export interface ChatPlatform {
  readonly platform: Platform;
  /** Posts a new message; returns its reference for later edits and thread replies. */
  post(destination: Destination, message: AlertMessage, key: string): Promise<MessageRef>;
  /** Replaces the message `ref` with an updated alert (idempotent). */
  edit(destination: Destination, ref: MessageRef, message: AlertMessage): Promise<void>;
  /** Posts a digest of held alerts (quiet hours, hourly/daily mode, a burst). */
  postDigest(destination: Destination, digest: DigestMessage, key: string): Promise<MessageRef>;
  /** Replies in the thread of `ref` (platforms without threads may post a reply instead). */
  reply(destination: Destination, ref: MessageRef, text: string, key: string): Promise<void>;
  /**
   * The message posted earlier with `key` to `destination` (in the thread of `thread` for a
   * reply), if the platform can tell (recent history only); null when none was. Optional: without it a retry after a crash in the
   * moment between posting and recording may post twice.
   */
  findPosted?(
    destination: Destination,
    key: string,
    thread?: MessageRef,
  ): Promise<MessageRef | null>;
  /**
   * True when the platform itself makes a repeated post with the same key return the first
   * message (Discord: nonce + enforce_nonce, for a few minutes), so a retry may simply post.
   */
  readonly idempotentPosts?: boolean;
  /** True when the platform has no rate limits to respect (the console): deliveries are not paced. */
  readonly unpaced?: boolean;
  /**
   * Posts a plain notice (no alert), e.g. to tell a route's admin by DM that the route was
   * disabled. Best effort: the caller logs a failure and carries on.
   */
  notify(destination: Destination, text: string): Promise<void>;
  /**
   * Posts a picture with its message (Slack: a file upload; Discord: an embed showing the
   * attachment). Optional: a platform without it gets no weekly maps.
   */
  postImage?(destination: Destination, image: ChatImage, key: string): Promise<MessageRef>;
}
