/**
 * A CommandReply as a Block Kit message for `respond`: ephemeral replies stay with the caller,
 * the others are posted in the channel. Everything in a reply may echo user or feed text, so
 * all of it is escaped.
 */
import type { CommandReply } from '../../command/command-types.js';
import type { SlackMessage } from './alert-blocks.js';
import { ACTION_PREFIX } from './alert-blocks.js';
import {
  actions,
  capBlocks,
  commandButton,
  context,
  fallbackText,
  fieldSections,
  header,
  listSections,
  type Block,
} from './block-kit.js';
import { escapeText, link } from './mrkdwn.js';

export interface SlackReply extends SlackMessage {
  readonly response_type: 'ephemeral' | 'in_channel';
}

function body(reply: CommandReply): string | undefined {
  if (reply.text) return reply.text;
  return reply.error?.message;
}

export function replyBlocks(reply: CommandReply): SlackReply {
  const blocks: Block[] = [];
  if (reply.title) blocks.push(header(reply.title));
  const text = body(reply);
  if (text) {
    const lines = escapeText(text).split('\n');
    if (reply.error && lines[0]) lines[0] = `:warning: ${lines[0]}`;
    blocks.push(...listSections(lines));
  }
  if (reply.fields?.length) blocks.push(...fieldSections(reply.fields));
  if (reply.items?.length)
    blocks.push(
      ...listSections(
        reply.items.map(
          (i) => `• ${link(i.url, i.text)}${i.detail ? ` — ${escapeText(i.detail)}` : ''}`,
        ),
      ),
    );
  if (reply.links?.length) blocks.push(context(reply.links.map((l) => link(l.url, l.label))));
  if (reply.buttons?.length)
    blocks.push(
      ...actions(
        reply.buttons.map((b, i) => commandButton(`${ACTION_PREFIX}cmd-${i}`, b.label, b.command)),
      ),
    );
  const fallback = reply.title ?? text ?? 'sitrep';
  return {
    response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
    text: fallbackText(fallback),
    blocks: capBlocks(blocks),
  };
}
