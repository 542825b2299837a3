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

export interface RenderedReply {
  readonly ephemeral: boolean;
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
}

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

export function renderReply(reply: CommandReply, ids: ButtonCommands): RenderedReply {
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
  };
}
