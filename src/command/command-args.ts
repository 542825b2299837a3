/**
 * Argument helpers: `--name value` options (never valid query syntax, so they can trail a
 * query), durations ("8h", "7d") and the request's own destinations.
 */
import { UserError } from '../domain/errors.js';
import { parseDuration } from '../domain/duration.js';
import type { Destination } from '../domain/subscription.js';
import type { CommandRequest } from './command-types.js';

const OPTION_RE = /(?:^|\s)--([a-z-]+)(?:[ =]("[^"]*"|[^\s-][^\s]*))?/gi;

export interface SplitOptions {
  readonly rest: string;
  readonly options: ReadonlyMap<string, string>;
}

/** Takes `--quiet 22:00-07:00 --tz Europe/Berlin` out of the text. */
export function splitOptions(text: string, known: readonly string[]): SplitOptions {
  const options = new Map<string, string>();
  const rest = text.replace(OPTION_RE, (_all, name: string, value: string | undefined) => {
    const key = name.toLowerCase();
    if (!known.includes(key)) {
      const list = known.length > 0 ? known.map((k) => `--${k}`).join(', ') : 'none';
      throw new UserError('bad_option', `Unknown option --${name}. Options here: ${list}.`);
    }
    options.set(key, (value ?? '').replace(/^"|"$/g, ''));
    return ' ';
  });
  return { rest: rest.trim(), options };
}

/** Takes a trailing "<keyword> <duration>" ("for 8h", "since 7d") off the text. */
export function takeTrailingDuration(text: string, keyword: string): { rest: string; ms?: number } {
  const m = new RegExp(`(?:^|\\s)${keyword}\\s+(\\S+)\\s*$`, 'i').exec(text);
  if (!m) return { rest: text.trim() };
  const ms = parseDuration(m[1] ?? '');
  if (ms === undefined || ms === 0) {
    throw new UserError(
      'bad_option',
      `"${keyword} ${m[1]}" is not a duration: try 30m, 8h, 7d or 2w.`,
    );
  }
  return { rest: text.slice(0, m.index).trim(), ms };
}

/**
 * The workspace a user's personal subscriptions and DMs belong to: the Slack team; on Discord
 * none ('', see Destination), since a DM is the same wherever the command was typed.
 */
export function personalWorkspace(req: CommandRequest): string {
  return req.platform === 'discord' ? '' : req.workspaceId;
}

export function dmDestination(req: CommandRequest): Destination {
  return {
    platform: req.platform,
    workspaceId: personalWorkspace(req),
    kind: 'dm',
    id: req.user.id,
  };
}

export function channelDestination(req: CommandRequest): Destination {
  return {
    platform: req.platform,
    workspaceId: req.workspaceId,
    kind: 'channel',
    id: req.channel.id,
  };
}

/** Where "here" is: this channel, or the caller's DMs when typed in a DM. */
export function hereDestination(req: CommandRequest): Destination {
  return req.channel.isDirect ? dmDestination(req) : channelDestination(req);
}
