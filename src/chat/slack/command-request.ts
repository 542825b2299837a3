/** Slack payloads (slash command, button click) as CommandRequests for the command core. */
import type { CommandRequest } from '../../command/command-types.js';

/** The fields of a slash command payload that sitrep reads. */
export interface SlashPayload {
  readonly text: string;
  readonly user_id: string;
  readonly user_name?: string;
  readonly channel_id: string;
  readonly channel_name?: string;
  readonly team_id: string;
}

/** The fields of a block_actions payload that sitrep reads. */
export interface ClickPayload {
  readonly user: { readonly id: string; readonly name?: string; readonly team_id?: string };
  readonly team: { readonly id: string } | null;
  readonly channel?: { readonly id: string; readonly name?: string };
}

/** DM channel ids start with D; Slack also names them "directmessage" in slash commands. */
export function isDirectChannel(id: string, name?: string): boolean {
  return id.startsWith('D') || name === 'directmessage';
}

/**
 * Slack sends slash command text with `&`, `<` and `>` as HTML entities ("killed&gt;=1"); the
 * command core wants what the user typed. `&amp;` last, so "&amp;gt;" stays "&gt;".
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function slashRequest(p: SlashPayload, isAdmin: boolean, now: Date): CommandRequest {
  return {
    text: unescapeSlackText(p.text).trim(),
    platform: 'slack',
    user: { id: p.user_id, ...(p.user_name ? { name: p.user_name } : {}), isAdmin },
    channel: { id: p.channel_id, isDirect: isDirectChannel(p.channel_id, p.channel_name) },
    workspaceId: p.team_id,
    now,
  };
}

/** A button click: the button's command line, run as the user who clicked, where they clicked. */
export function clickRequest(
  p: ClickPayload,
  command: string,
  isAdmin: boolean,
  now: Date,
): CommandRequest {
  const channelId = p.channel?.id ?? '';
  return {
    text: command.trim(),
    platform: 'slack',
    user: { id: p.user.id, ...(p.user.name ? { name: p.user.name } : {}), isAdmin },
    channel: {
      id: channelId,
      isDirect: channelId === '' || isDirectChannel(channelId, p.channel?.name),
    },
    workspaceId: p.team?.id ?? p.user.team_id ?? '',
    now,
  };
}
