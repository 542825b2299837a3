/**
 * The ChatPlatform port over Slack's Web API: alerts, digests, thread replies and notices go
 * to a channel, or to a user's DM (opened with conversations.open, whose channel id the
 * MessageRef keeps so later edits and replies find the message). Every failure is a ChatError.
 */
import type { webApi } from '@slack/bolt';
import type { AlertMessage } from '../../alert/alert-message.js';
import type { DigestMessage } from '../../alert/digest-message.js';
import type { Destination, MessageRef } from '../../domain/subscription.js';
import type { Logger } from '../../log/logger.js';
import { ChatError } from '../chat-error.js';
import type { ChatImage, ChatPlatform } from '../chat-platform.js';
import { alertBlocks, whatChangedText, type SlackMessage } from './alert-blocks.js';
import { digestBlocks } from './digest-blocks.js';
import { escapeText, link, LIMITS, safeText, truncate } from './mrkdwn.js';
import { MESSAGE_GONE_ERRORS, slackErrorCode, toChatError } from './slack-errors.js';

type Client = Pick<webApi.WebClient, 'chat' | 'conversations' | 'files'>;

/** Message metadata that tags each post with its delivery key (see ChatPlatform.findPosted). */
const METADATA_EVENT = 'sitrep_delivery';

function keyMetadata(key: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: METADATA_EVENT, event_payload: { key } };
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toChatError(err);
  }
}

export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  /** User id → DM channel id (conversations.open is idempotent; this saves the call). */
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly log: Logger,
  ) {}

  async post(destination: Destination, message: AlertMessage, key: string): Promise<MessageRef> {
    return this.send(await this.channelOf(destination), alertBlocks(message), key);
  }

  async edit(destination: Destination, ref: MessageRef, message: AlertMessage): Promise<void> {
    const m = alertBlocks(message);
    try {
      await this.client.chat.update({
        channel: ref.channelId,
        ts: ref.messageId,
        text: m.text,
        blocks: m.blocks,
      });
    } catch (err) {
      const code = slackErrorCode(err);
      if (!code || !MESSAGE_GONE_ERRORS.has(code)) throw toChatError(err);
      this.log.warn({ destination, ref, code }, 'alert message gone: posting the update anew');
      await this.send(ref.channelId, m);
    }
  }

  async reply(
    destination: Destination,
    ref: MessageRef,
    text: string,
    key?: string,
  ): Promise<void> {
    try {
      await this.client.chat.postMessage({
        channel: ref.channelId,
        thread_ts: ref.messageId,
        text: whatChangedText(text),
        unfurl_links: false,
        unfurl_media: false,
        ...(key ? { metadata: keyMetadata(key) } : {}),
      });
    } catch (err) {
      const code = slackErrorCode(err);
      if (!code || !MESSAGE_GONE_ERRORS.has(code)) throw toChatError(err);
      this.log.warn({ destination, ref, code }, 'thread gone: update reply left out');
    }
  }

  async postDigest(
    destination: Destination,
    digest: DigestMessage,
    key: string,
  ): Promise<MessageRef> {
    return this.send(await this.channelOf(destination), digestBlocks(digest), key);
  }

  /**
   * Finds a message this bot posted with `key` in its message metadata: among the channel's
   * latest messages, or in the thread of `thread` for a reply. Needs the history scopes
   * (channels:history, groups:history, im:history); when Slack refuses the lookup, says none
   * was found (the caller posts again: at least once rather than not at all).
   */
  async findPosted(
    destination: Destination,
    key: string,
    thread?: MessageRef,
  ): Promise<MessageRef | null> {
    const channel = thread?.channelId ?? (await this.channelOf(destination));
    try {
      const res = thread
        ? await this.client.conversations.replies({
            channel,
            ts: thread.messageId,
            include_all_metadata: true,
            limit: 200,
          })
        : await this.client.conversations.history({
            channel,
            limit: 50,
            include_all_metadata: true,
          });
      const found = (res.messages ?? []).find(
        (m) =>
          m.metadata?.event_type === METADATA_EVENT &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      );
      return found?.ts ? { channelId: channel, messageId: found.ts } : null;
    } catch (err) {
      // Slack answered with an error (missing_scope, not_in_channel…): it cannot tell us.
      // Anything else (a 429, a 5xx, the network) is worth a retry of the whole job.
      if (!slackErrorCode(err)) throw toChatError(err);
      this.log.warn(
        { err, destination, key },
        'cannot read the channel history to check for an earlier post: posting again',
      );
      return null;
    }
  }

  async notify(destination: Destination, text: string): Promise<void> {
    const channel = await this.channelOf(destination);
    await guarded(() =>
      this.client.chat.postMessage({ channel, text: safeText(text, LIMITS.sectionText) }),
    );
  }

  /**
   * The weekly map: uploaded with the files API (getUploadURLExternal, upload, then
   * completeUploadExternal shares it), its message as the file's comment.
   */
  async postImage(destination: Destination, image: ChatImage, _key: string): Promise<MessageRef> {
    const channel = await this.channelOf(destination);
    const m = image.message;
    const list = m.top.map((t, k) => `${k + 1}. ${link(t.url, t.text)}`);
    const comment = truncate(
      [
        `*${escapeText(m.title)}*`,
        list.length > 0 ? 'Most significant:' : 'No incidents this week.',
        ...list,
      ].join('\n'),
      LIMITS.sectionText,
    );
    const res = await guarded(() =>
      this.client.files.uploadV2({
        channel_id: channel,
        file: Buffer.from(image.png),
        filename: image.filename,
        title: m.title,
        alt_text: m.altText.slice(0, 1000),
        initial_comment: comment,
      }),
    );
    const done = (res as { files?: { files?: { id?: string }[] }[] }).files;
    return { channelId: channel, messageId: done?.[0]?.files?.[0]?.id ?? '' };
  }

  private async send(channel: string, m: SlackMessage, key?: string): Promise<MessageRef> {
    const res = await guarded(() =>
      this.client.chat.postMessage({
        channel,
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(key ? { metadata: keyMetadata(key) } : {}),
      }),
    );
    if (!res.ts) throw ChatError.transient('no_message_ts');
    return { channelId: res.channel ?? channel, messageId: res.ts };
  }

  /** A channel destination is its id; a DM destination is the user's DM channel. */
  private async channelOf(destination: Destination): Promise<string> {
    if (destination.kind === 'channel') return destination.id;
    const known = this.dms.get(destination.id);
    if (known) return known;
    const res = await guarded(() => this.client.conversations.open({ users: destination.id }));
    const id = res.channel?.id;
    if (!id) throw ChatError.transient('no_dm_channel');
    this.dms.set(destination.id, id);
    return id;
  }
}
