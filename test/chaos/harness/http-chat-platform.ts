/**
 * A ChatPlatform that sends each call as JSON to a fake chat API (fake-chat-server.ts), so a
 * worker running in a child process delivers somewhere the test can count. 429 and 5xx become
 * transient ChatErrors (429 with Retry-After), like the real adapters report them.
 */
import type { AlertMessage } from '../../../src/alert/alert-message.js';
import type { DigestMessage } from '../../../src/alert/digest-message.js';
import type { Destination, MessageRef } from '../../../src/domain/subscription.js';
import { ChatError } from '../../../src/chat/chat-error.js';
import type { ChatPlatform } from '../../../src/chat/chat-platform.js';

export class HttpChatPlatform implements ChatPlatform {
  readonly platform = 'test' as const;
  /** Asks the fake API for a message posted earlier with a key (absent: at-least-once). */
  readonly findPosted?: (destination: Destination, key: string) => Promise<MessageRef | null>;

  constructor(
    private readonly base: string,
    options: { canFind?: boolean } = {},
  ) {
    if (options.canFind !== false)
      this.findPosted = async (destination, key) => {
        const found = (await this.call('find', { destination, key })) as Partial<MessageRef>;
        return found.messageId ? (found as MessageRef) : null;
      };
  }

  private async call(op: string, body: Record<string, unknown>): Promise<MessageRef> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, worker: process.pid }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      throw new ChatError('transient', 'network', { cause: err });
    }
    if (res.status === 429) {
      const seconds = Number(res.headers.get('retry-after') ?? '1');
      throw ChatError.transient('ratelimited', seconds * 1000);
    }
    if (!res.ok) throw ChatError.transient(`http_${res.status}`);
    return (await res.json()) as MessageRef;
  }

  post(destination: Destination, message: AlertMessage, key: string): Promise<MessageRef> {
    return this.call('post', { destination, message, key });
  }

  async edit(destination: Destination, ref: MessageRef, message: AlertMessage): Promise<void> {
    await this.call('edit', { destination, ref, message });
  }

  postDigest(destination: Destination, digest: DigestMessage, key: string): Promise<MessageRef> {
    return this.call('digest', { destination, digest, key });
  }

  async reply(destination: Destination, ref: MessageRef, text: string, key: string): Promise<void> {
    await this.call('reply', { destination, ref, text, key });
  }

  async notify(destination: Destination, text: string): Promise<void> {
    await this.call('notify', { destination, text });
  }
}
