/**
 * CommandReply → a Discord reply: short plain answers as content, anything with a title, fields,
 * items or links as one embed (within the limits), buttons as rows of up to five. The same
 * rendering serves gateway replies (discord.js) and hand-built HTTP interaction responses.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
} from 'discord.js';
import type { CommandReply, ReplyButton } from '../../command/command-types.js';
import { markdownLink } from './alert-embed.js';
import type { ButtonCommands } from './button-id.js';
import { fitEmbed, joinLines, LIMITS, truncate } from './limits.js';
import { NO_MENTIONS } from './no-mentions.js';

export const REPLY_COLOUR = 0x5865f2;
export const ERROR_COLOUR = 0xd93025;

/** A file sent with the reply (the map), referred to in the embed as attachment://name. */
export interface ReplyFile {
  readonly name: string;
  readonly data: Buffer;
  readonly description: string;
}

export interface RenderedReply {
  readonly ephemeral: boolean;
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
  readonly files?: readonly ReplyFile[];
}

/** Discord's upload limit for bots without a boosted server (10 MiB). */
export const DISCORD_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAP_FILE_NAME = 'map.png';

function buttonRows(
  buttons: readonly ReplyButton[],
  ids: ButtonCommands,
): APIActionRowComponent<APIButtonComponent>[] {
  const all = buttons.slice(0, LIMITS.buttonsPerRow * LIMITS.rows).map((b): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(b.label, LIMITS.buttonLabel),
    custom_id: ids.idFor(b.command),
  }));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < all.length; i += LIMITS.buttonsPerRow)
    rows.push({
      type: ComponentType.ActionRow,
      components: all.slice(i, i + LIMITS.buttonsPerRow),
    });
  return rows;
}

function replyEmbed(reply: CommandReply): APIEmbed {
  const text = truncate(reply.text ?? '', 2000);
  const items = (reply.items ?? []).map(
    (i) => `• ${i.url ? markdownLink(i.text, i.url) : i.text}${i.detail ? ` — ${i.detail}` : ''}`,
  );
  const budget = LIMITS.description - text.length - 2;
  const description = [text, items.length > 0 ? joinLines(items, budget) : '']
    .filter(Boolean)
    .join('\n\n');
  const fields = (reply.fields ?? []).map((f) => ({
    name: f.label,
    value: f.value,
    inline: f.value.length <= 40,
  }));
  const links = (reply.links ?? []).map((l) => markdownLink(l.label, l.url));
  if (links.length > 0)
    fields.push({ name: 'Links', value: joinLines(links, LIMITS.fieldValue), inline: false });
  return fitEmbed({
    ...(reply.title ? { title: reply.title } : {}),
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    color: reply.error ? ERROR_COLOUR : REPLY_COLOUR,
  });
}

/**
 * A picture reply: one embed showing the attached PNG. --dm maps stay ephemeral (seen by the
 * caller alone: Discord's ephemeral replies carry files); the others go to the channel.
 */
function imageReply(reply: CommandReply, image: NonNullable<CommandReply['image']>): RenderedReply {
  if (image.png.byteLength > DISCORD_MAX_FILE_BYTES) {
    return {
      ephemeral: true,
      content: 'The picture is too large for Discord; try a shorter period.',
      embeds: [],
      components: [],
    };
  }
  return {
    ephemeral: image.target === 'dm',
    embeds: [
      fitEmbed({
        title: truncate(image.title, LIMITS.title),
        ...(reply.text ? { description: truncate(reply.text, 2000) } : {}),
        image: { url: `attachment://${MAP_FILE_NAME}` },
        color: REPLY_COLOUR,
      }),
    ],
    components: [],
    files: [
      {
        name: MAP_FILE_NAME,
        data: Buffer.from(image.png),
        description: truncate(image.altText, 1024),
      },
    ],
  };
}

export function renderReply(reply: CommandReply, ids: ButtonCommands): RenderedReply {
  if (reply.image) return imageReply(reply, reply.image);
  const components = buttonRows(reply.buttons ?? [], ids);
  const plain =
    !reply.title && !reply.fields?.length && !reply.items?.length && !reply.links?.length;
  const text = reply.text ?? reply.error?.message ?? '';
  if (plain && text.length <= LIMITS.content)
    return { ephemeral: reply.ephemeral, content: text || 'Done.', embeds: [], components };
  return { ephemeral: reply.ephemeral, embeds: [replyEmbed(reply)], components };
}

/** The JSON `data` of an interaction response (type 4) or of the PATCH after a deferral. */
export function replyData(r: RenderedReply): APIInteractionResponseCallbackData {
  return {
    ...(r.content !== undefined ? { content: r.content } : {}),
    embeds: r.embeds,
    components: r.components,
    ...(r.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowed_mentions: NO_MENTIONS,
    ...(r.files
      ? {
          attachments: r.files.map((f, id) => ({
            id,
            filename: f.name,
            description: f.description,
          })),
        }
      : {}),
  };
}

/** The reply's files as @discordjs/rest multipart parts (files[n], matching attachments[].id). */
export function replyFiles(r: RenderedReply): { name: string; data: Buffer; key: string }[] {
  return (r.files ?? []).map((f, i) => ({ name: f.name, data: f.data, key: `files[${i}]` }));
}
