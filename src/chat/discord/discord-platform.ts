/**
 * The ChatPlatform port on Discord's REST API (through discord.js's REST client, which queues
 * per route and honours 429s). Channels get the alert embed; a 'dm' destination is a user id,
 * so its DM channel is opened first and the MessageRef holds the DM channel id. An update edits
 * the original message and posts what changed in a thread started from it (a thread's id is the
 * message id, so later updates post straight into it); in DMs, and where a thread cannot be
 * started, the update is a reply referencing the original message.
 */
import { createHash } from 'node:crypto';
import {
  Routes,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageResult,
  type RESTPostAPICurrentUserCreateDMChannelResult,
} from 'discord.js';
import type { AlertMessage } from '../../alert/alert-message.js';
import type { DigestMessage } from '../../alert/digest-message.js';
import type { Destination, MessageRef } from '../../domain/subscription.js';
import type { Logger } from '../../log/logger.js';
import { ChatError } from '../chat-error.js';
import type { ChatImage, ChatPlatform } from '../chat-platform.js';
import { alertBody, digestBody, markdownLink, textBody } from './alert-embed.js';
import { chatCall, discordCode, THREAD_EXISTS } from './discord-errors.js';
import { LIMITS, truncate } from './limits.js';
import { NO_MENTIONS } from './no-mentions.js';
import { DISCORD_MAX_FILE_BYTES, MAP_FILE_NAME, REPLY_COLOUR } from './reply-render.js';

/** Thread creation failures that mean "no thread here": answer with a reply instead. */
const NO_THREAD_CODES = new Set([50001, 50013, 50024, 50068, 160005, 10003]);
const THREAD_NAME = 'Updates';
/** "Thread is locked" / archived and not unarchivable by the bot. */
const THREAD_LOCKED = 50083;

/** A Discord nonce (at most 25 characters) unique to one delivery key in one channel. */
export function deliveryNonce(channelId: string, key: string): string {
  return createHash('sha256').update(`${channelId}|${key}`).digest('base64url').slice(0, 25);
}

export class DiscordPlatform implements ChatPlatform {
  readonly platform = 'discord' as const;
  /** Repeated posts with one key return the first message (nonce + enforce_nonce). */
  readonly idempotentPosts = true;
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The channel to post into: the channel itself, or the user's DM channel (opened once). */
  private async channelOf(d: Destination): Promise<string> {
    if (d.kind === 'channel') return d.id;
    const known = this.dmChannels.get(d.id);
    if (known) return known;
    const dm = (await chatCall(() =>
      this.rest.post(Routes.userChannels(), { body: { recipient_id: d.id } }),
    )) as RESTPostAPICurrentUserCreateDMChannelResult;
    this.dmChannels.set(d.id, dm.id);
    return dm.id;
  }

  /**
   * Posts a message. With a delivery `key`, the message carries a nonce derived from it and
   * `enforce_nonce`: Discord then answers a repeat of the same post (a retry after a crash)
   * with the message it already created instead of a second one.
   */
  private async send(channelId: string, body: RESTPostAPIChannelMessageJSONBody, key?: string) {
    const once = key ? { nonce: deliveryNonce(channelId, key), enforce_nonce: true } : {};
    return (await chatCall(() =>
      this.rest.post(Routes.channelMessages(channelId), { body: { ...body, ...once } }),
    )) as RESTPostAPIChannelMessageResult;
  }

  async post(destination: Destination, message: AlertMessage, key: string): Promise<MessageRef> {
    const channelId = await this.channelOf(destination);
    const sent = await this.send(channelId, alertBody(message, this.clock()), key);
    return { channelId, messageId: sent.id };
  }

  async edit(_destination: Destination, ref: MessageRef, message: AlertMessage): Promise<void> {
    const body = alertBody(message, this.clock());
    await chatCall(() =>
      this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body }),
    );
  }

  async postDigest(
    destination: Destination,
    digest: DigestMessage,
    key: string,
  ): Promise<MessageRef> {
    const channelId = await this.channelOf(destination);
    const sent = await this.send(channelId, digestBody(digest, this.clock()), key);
    return { channelId, messageId: sent.id };
  }

  async reply(
    destination: Destination,
    ref: MessageRef,
    text: string,
    key?: string,
  ): Promise<void> {
    if (destination.kind === 'dm') return this.referenceReply(ref, text, key);
    const thread = await this.threadOf(ref);
    if (thread === null) return this.referenceReply(ref, text, key);
    try {
      await this.send(thread, textBody(text), key);
    } catch (err) {
      // A thread someone deleted, or archived and locked: answer under the alert instead.
      const code = err instanceof ChatError ? discordCode(err.cause) : undefined;
      if (code !== 10003 && code !== THREAD_LOCKED) throw err;
      this.log.info({ ref, code }, 'thread unusable: replying to the alert instead');
      await this.referenceReply(ref, text, key);
    }
  }

  /** The weekly map: an embed showing the attached PNG, the week's top incidents below it. */
  async postImage(destination: Destination, image: ChatImage, key: string): Promise<MessageRef> {
    if (image.png.byteLength > DISCORD_MAX_FILE_BYTES) throw ChatError.permanent('file_too_large');
    const channelId = await this.channelOf(destination);
    const m = image.message;
    const list = m.top.map((t, k) => `${k + 1}. ${t.url ? markdownLink(t.text, t.url) : t.text}`);
    const description =
      list.length > 0 ? `**Most significant**\n${list.join('\n')}` : 'No incidents this week.';
    const once = { nonce: deliveryNonce(channelId, key), enforce_nonce: true };
    const sent = (await chatCall(() =>
      this.rest.post(Routes.channelMessages(channelId), {
        body: {
          embeds: [
            {
              title: truncate(m.title, LIMITS.title),
              description: truncate(description, LIMITS.description),
              image: { url: `attachment://${MAP_FILE_NAME}` },
              color: REPLY_COLOUR,
            },
          ],
          attachments: [{ id: 0, filename: MAP_FILE_NAME, description: truncate(m.altText, 1024) }],
          allowed_mentions: NO_MENTIONS,
          ...once,
        },
        files: [{ name: MAP_FILE_NAME, data: Buffer.from(image.png), key: 'files[0]' }],
      }),
    )) as RESTPostAPIChannelMessageResult;
    return { channelId, messageId: sent.id };
  }

  async notify(destination: Destination, text: string): Promise<void> {
    const channelId = await this.channelOf(destination);
    await this.send(channelId, textBody(text));
  }

  private async referenceReply(ref: MessageRef, text: string, key?: string): Promise<void> {
    await this.send(
      ref.channelId,
      {
        ...textBody(text),
        message_reference: { message_id: ref.messageId, fail_if_not_exists: false },
        allowed_mentions: { ...NO_MENTIONS, replied_user: false },
      },
      key,
    );
  }

  /** The thread under the message (started on the first update), or null when none can be. */
  private async threadOf(ref: MessageRef): Promise<string | null> {
    try {
      await this.rest.post(Routes.threads(ref.channelId, ref.messageId), {
        body: { name: truncate(THREAD_NAME, LIMITS.threadName), auto_archive_duration: 10080 },
      });
      return ref.messageId;
    } catch (err) {
      const code = discordCode(err);
      if (code === THREAD_EXISTS) return ref.messageId;
      if (code !== undefined && NO_THREAD_CODES.has(code)) {
        this.log.info({ err, ref }, 'no thread under the alert: replying instead');
        return null;
      }
      return chatCall(() => Promise.reject(err));
    }
  }
}
