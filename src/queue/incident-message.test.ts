import { describe, expect, it } from 'vitest';
import { reportedBy } from '../../test/support/make-incident.js';
import { MemoryDeliveryStore } from '../../test/support/memory-stores.js';
import { RecordingPlatform } from '../../test/support/recording-platform.js';
import type { AlertMessage } from '../alert/alert-message.js';
import type { Destination, MessageRef } from '../domain/subscription.js';
import { createLogger } from '../log/logger.js';
import { ChatError } from '../chat/chat-error.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import { postIncident, updateIncident } from './incident-message.js';

const channel: Destination = { platform: 'test', workspaceId: 'W1', kind: 'channel', id: 'C1' };
const deps = () => ({
  deliveries: new MemoryDeliveryStore(),
  log: createLogger({ level: 'silent', pretty: false }),
});
const v = (n: number) => reportedBy(n, { id: 'inc-m' });

/** What the channel shows: top-level posts, edits and the lines of the thread replies. */
function shown(platform: RecordingPlatform) {
  const calls = platform.to('C1');
  return {
    kinds: calls.map((c) => c.kind),
    lines: calls.flatMap((c) => (c.kind === 'reply' ? c.text.split('\n') : [])),
  };
}

/**
 * Discord-like: a post or reply repeated with the same key returns the first message (a
 * nonce); it cannot be asked for earlier posts. `loseNext` applies the next call, then throws.
 */
class NoncePlatform implements ChatPlatform {
  readonly platform = 'test' as const;
  readonly idempotentPosts = true;
  readonly messages: { key: string; text: string }[] = [];
  readonly edits: AlertMessage[] = [];
  loseNext = false;
  private send(key: string, text: string): MessageRef {
    let i = this.messages.findIndex((m) => m.key === key);
    if (i < 0) i = this.messages.push({ key, text }) - 1;
    if (this.loseNext) {
      this.loseNext = false;
      throw ChatError.transient('http_500');
    }
    return { channelId: 'C1', messageId: `m${i + 1}` };
  }
  async post(_d: Destination, m: AlertMessage, key: string) {
    return this.send(key, m.title);
  }
  async edit(_d: Destination, _ref: MessageRef, m: AlertMessage) {
    this.edits.push(m);
  }
  async reply(_d: Destination, _ref: MessageRef, text: string, key: string) {
    this.send(key, text);
  }
  async postDigest(): Promise<MessageRef> {
    throw new Error('not used');
  }
  async notify() {}
}

describe('one message per incident and destination', () => {
  it("takes over the message of an earlier version's attempt that heard an error", async () => {
    const d = deps();
    const platform = new RecordingPlatform();
    platform.loseNextAnswer('C1');
    await expect(postIncident(d, platform, channel, v(1))).rejects.toThrow(ChatError);
    const ref = await postIncident(d, platform, channel, v(2));
    expect(ref).toEqual({ channelId: 'C1', messageId: 'm1' });
    expect(shown(platform)).toEqual({
      kinds: ['post', 'edit', 'reply'],
      lines: ['new source: Outlet 2'],
    });
  });

  it("announces only what a retried update's earlier reply did not", async () => {
    const d = deps();
    const platform = new RecordingPlatform();
    const ref = await postIncident(d, platform, channel, v(1));
    platform.loseNextAnswer('C1'); // the reply for v2 is kept, its answer lost
    await expect(updateIncident(d, platform, channel, v(2), ref, 1)).rejects.toThrow(ChatError);
    await updateIncident(d, platform, channel, v(3), ref, 1); // the retry, v3 now stored
    expect(shown(platform).lines).toEqual(['new source: Outlet 2', 'new source: Outlet 3']);
  });

  it('on a platform that dedupes posts by key, edits the earlier post and announces the rest', async () => {
    const d = deps();
    const platform = new NoncePlatform();
    platform.loseNext = true;
    await expect(postIncident(d, platform, channel, v(1))).rejects.toThrow(ChatError);
    const ref = await postIncident(d, platform, channel, v(3));
    expect(ref.messageId).toBe('m1');
    expect(platform.edits.map((m) => m.version)).toEqual([3]);
    platform.loseNext = true; // a reply kept, then an error; the retry repeats it, deduped
    await expect(updateIncident(d, platform, channel, v(4), ref, 3)).rejects.toThrow(ChatError);
    await updateIncident(d, platform, channel, v(5), ref, 3);
    expect(platform.messages.map((m) => m.text)).toEqual([
      v(1).headline,
      'new source: Outlet 2\nnew source: Outlet 3',
      'new source: Outlet 4',
      'new source: Outlet 5',
    ]);
  });
});
