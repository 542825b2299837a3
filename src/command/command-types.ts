/**
 * The command core's input and output. Adapters build a CommandRequest from a slash command or
 * button click and render the CommandReply in their own idiom (Block Kit, embeds).
 */
import type { Platform } from '../domain/subscription.js';

export interface CommandRequest {
  /** Everything after "/sitrep", e.g. "subscribe drone place:erbil". */
  readonly text: string;
  readonly platform: Platform;
  readonly user: { readonly id: string; readonly name?: string; readonly isAdmin: boolean };
  readonly channel: { readonly id: string; readonly isDirect: boolean };
  /** Slack team id / Discord guild id. */
  readonly workspaceId: string;
  readonly now: Date;
}

export interface ReplyField {
  readonly label: string;
  readonly value: string;
}

export interface ReplyItem {
  readonly text: string;
  readonly url?: string;
  /** Plain text shown after the (linked) text, e.g. a source's first paragraph. */
  readonly detail?: string;
  /** The id the item stands for (incident, subscription, route, feed). */
  readonly id?: string;
}

export interface ReplyLink {
  readonly label: string;
  readonly url: string;
}

export interface ReplyButton {
  readonly label: string;
  /** The `/sitrep` command line the button runs. */
  readonly command: string;
}

/**
 * A picture to post with the reply (the incident map). Ephemeral messages cannot carry files,
 * so adapters post it to `target` and, where the reply is ephemeral, say where it went.
 */
export interface ReplyImage {
  readonly png: Uint8Array;
  readonly filename: string;
  readonly title: string;
  /** Alt text and the text fallback posted with the file. */
  readonly altText: string;
  /** The channel the command came from, or the caller's DMs. */
  readonly target: 'channel' | 'dm';
}

/** Error codes an adapter may want to treat specially; the message is always user-ready. */
export type ReplyErrorCode =
  | 'usage'
  | 'unknown_subcommand'
  | 'bad_query'
  | 'bad_option'
  | 'admin_only'
  | 'not_found'
  | 'feed_invalid'
  | 'limit'
  | 'internal';

export interface CommandReply {
  /** Shown only to the caller. */
  readonly ephemeral: boolean;
  readonly title?: string;
  readonly text?: string;
  readonly fields?: readonly ReplyField[];
  readonly items?: readonly ReplyItem[];
  readonly links?: readonly ReplyLink[];
  readonly buttons?: readonly ReplyButton[];
  readonly image?: ReplyImage;
  readonly error?: { readonly code: ReplyErrorCode; readonly message: string };
}
