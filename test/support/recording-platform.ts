/**
 * A fake chat platform for delivery tests: records every call with its time, hands out message
 * references, and fails calls to chosen destinations on cue (rate limit, channel gone).
 */
import type { AlertMessage } from '../../src/alert/alert-message.js';
import type { DigestMessage } from '../../src/alert/digest-message.js';
import type { Destination, MessageRef } from '../../src/domain/subscription.js';
import { ChatError } from '../../src/chat/chat-error.js';
import type { ChatPlatform } from '../../src/chat/chat-platform.js';
import type { FrontEndFactory } from '../../src/chat/front-end.js';

/** A front end that only delivers, through `platform` (for startApp in tests). */
export function frontEndOf(platform: ChatPlatform): FrontEndFactory {
  return async () => ({ platform, stop: async () => undefined });
}

export type PlatformCall =
  | { kind: 'post'; destination: Destination; ref: MessageRef; message: AlertMessage; at: number }
  | { kind: 'edit'; destination: Destination; ref: MessageRef; message: AlertMessage; at: number }
  | { kind: 'digest'; destination: Destination; ref: MessageRef; digest: DigestMessage; at: number }
  | { kind: 'reply'; destination: Destination; ref: MessageRef; text: string; at: number }
  | { kind: 'notice'; destination: Destination; text: string; at: number }
  | { kind: 'failed'; destination: Destination; error: ChatError; at: number };

export class RecordingPlatform implements ChatPlatform {
  readonly platform = 'test' as const;
  readonly calls: PlatformCall[] = [];
  private readonly failures: { destinationId: string; error: ChatError }[] = [];
  private seq = 0;
  /** Message key → reference, as a platform that tags messages would remember them. */
  private readonly posted = new Map<string, MessageRef>();
  private readonly lostAnswers = new Set<string>();

  /**
   * The next post to `destinationId` goes through but its answer is lost (the worker crashed
   * or the connection dropped after the platform accepted it): the call throws a transient error.
   */
  loseNextAnswer(destinationId: string): void {
    this.lostAnswers.add(destinationId);
  }

  private answered(destination: Destination, key: string, ref: MessageRef): MessageRef {
    this.posted.set(`${destination.id}|${key}`, ref);
    if (this.lostAnswers.delete(destination.id)) throw ChatError.transient('connection reset', 0);
    return ref;
  }

  async findPosted(destination: Destination, key: string): Promise<MessageRef | null> {
    return this.posted.get(`${destination.id}|${key}`) ?? null;
  }

  /** The next call to `destinationId` throws `error` (queue several for several calls). */
  failNext(destinationId: string, error: ChatError): void {
    this.failures.push({ destinationId, error });
  }

  /** Successful message calls to one destination (channel or user id); notices excluded. */
  to(destinationId: string): Exclude<PlatformCall, { kind: 'failed' | 'notice' }>[] {
    return this.calls.filter(
      (c): c is Exclude<PlatformCall, { kind: 'failed' | 'notice' }> =>
        c.destination.id === destinationId && c.kind !== 'failed' && c.kind !== 'notice',
    );
  }

  /** Plain notices (e.g. "route disabled") sent to one destination. */
  notices(destinationId: string): string[] {
    return this.calls.flatMap((c) =>
      c.kind === 'notice' && c.destination.id === destinationId ? [c.text] : [],
    );
  }

  private check(destination: Destination): void {
    const i = this.failures.findIndex((f) => f.destinationId === destination.id);
    if (i < 0) return;
    const [f] = this.failures.splice(i, 1);
    if (!f) return;
    this.calls.push({ kind: 'failed', destination, error: f.error, at: Date.now() });
    throw f.error;
  }

  async post(destination: Destination, message: AlertMessage, key: string): Promise<MessageRef> {
    this.check(destination);
    const ref = { channelId: destination.id, messageId: `m${++this.seq}` };
    this.calls.push({ kind: 'post', destination, ref, message, at: Date.now() });
    return this.answered(destination, key, ref);
  }

  async postDigest(
    destination: Destination,
    digest: DigestMessage,
    key: string,
  ): Promise<MessageRef> {
    this.check(destination);
    const ref = { channelId: destination.id, messageId: `m${++this.seq}` };
    this.calls.push({ kind: 'digest', destination, ref, digest, at: Date.now() });
    return this.answered(destination, key, ref);
  }

  async edit(destination: Destination, ref: MessageRef, message: AlertMessage): Promise<void> {
    this.check(destination);
    this.calls.push({ kind: 'edit', destination, ref, message, at: Date.now() });
  }

  async reply(destination: Destination, ref: MessageRef, text: string, key: string): Promise<void> {
    this.check(destination);
    this.calls.push({ kind: 'reply', destination, ref, text, at: Date.now() });
    this.answered(destination, key, ref);
  }

  async notify(destination: Destination, text: string): Promise<void> {
    this.check(destination);
    this.calls.push({ kind: 'notice', destination, text, at: Date.now() });
  }
}
