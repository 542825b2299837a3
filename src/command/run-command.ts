/**
 * The `/sitrep` command core: CommandRequest → CommandReply, pure over store ports. Never
 * throws: user mistakes (UserError) and unexpected failures become error replies.
 */
import { AppError, UserError } from '../domain/errors.js';
import type { CommandDeps } from './command-deps.js';
import { cleanCommandInput } from './command-input.js';
import type { CommandReply, CommandRequest, ReplyErrorCode } from './command-types.js';
import { feedsCommand } from './feed-commands.js';
import { helpCommand, topicsCommand } from './help-command.js';
import { incidentCommand, recentCommand, searchCommand } from './incident-commands.js';
import { mapCommand } from './map-command.js';
import { muteCommand } from './mute-command.js';
import { errorReply } from './reply.js';
import { routeCommand, routesCommand, unrouteCommand } from './route-commands.js';
import { SUBCOMMANDS } from './subcommand-usage.js';
import {
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
} from './subscription-commands.js';
import { whyCommand } from './why-command.js';

type Handler = (args: string, req: CommandRequest, deps: CommandDeps) => Promise<CommandReply>;

const HANDLERS: Record<string, Handler> = {
  recent: recentCommand,
  incident: incidentCommand,
  search: searchCommand,
  map: mapCommand,
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  subscriptions: subscriptionsCommand,
  topics: async (_a, _r, deps) => topicsCommand(deps),
  route: routeCommand,
  unroute: unrouteCommand,
  routes: routesCommand,
  feeds: feedsCommand,
  why: whyCommand,
  mute: muteCommand,
  help: async (args) => helpCommand(args),
};

const ALIASES: Record<string, string> = { sub: 'subscribe', unsub: 'unsubscribe', '?': 'help' };

const CODES: readonly ReplyErrorCode[] = [
  'usage',
  'unknown_subcommand',
  'bad_query',
  'bad_option',
  'admin_only',
  'not_found',
  'feed_invalid',
  'limit',
];

function closest(name: string): string | undefined {
  return SUBCOMMANDS.map((s) => s.name).find((n) => n.startsWith(name.slice(0, 3)));
}

/**
 * The subcommand a command line asks for, aliases resolved ("sub" → "subscribe"), or undefined
 * when there is no such subcommand. For labels such as metrics.
 */
export function subcommandOf(text: string): string | undefined {
  const word = (/^\s*(\S+)/.exec(text)?.[1] ?? 'help').toLowerCase();
  const name = ALIASES[word] ?? word;
  return HANDLERS[name] ? name : undefined;
}

export async function runCommand(req: CommandRequest, deps: CommandDeps): Promise<CommandReply> {
  const input = cleanCommandInput(req.text);
  if (!input.ok) return errorReply('usage', input.message);
  const text = input.text;
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const word = (m?.[1] ?? 'help').toLowerCase();
  const name = ALIASES[word] ?? word;
  const handler = HANDLERS[name];
  if (!handler) {
    const guess = closest(name);
    const message = `There is no /sitrep ${word}.${guess ? ` Did you mean /sitrep ${guess}?` : ''}`;
    return { ...helpCommand(''), error: { code: 'unknown_subcommand', message }, text: message };
  }
  try {
    return await handler(m?.[2] ?? '', req, deps);
  } catch (err) {
    if (err instanceof UserError) {
      const code = (CODES as readonly string[]).includes(err.code)
        ? (err.code as ReplyErrorCode)
        : 'usage';
      return errorReply(code, err.message);
    }
    deps.onInternalError?.(err, req);
    const retry = err instanceof AppError && err.retryable ? ' Please try again in a minute.' : '';
    return errorReply('internal', `Something went wrong on our side.${retry}`);
  }
}
