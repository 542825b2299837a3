/** subscribe, unsubscribe, subscriptions: personal subscriptions (and channel ones for admins). */
import { UserError } from '../domain/errors.js';
import type { DeliveryMode, QuietHours, Subscription } from '../domain/subscription.js';
import { isTimeZone, parseClock } from '../alert/quiet-hours.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { normaliseText } from '../gazetteer/normalise.js';
import { parseQuery } from '../subscription/query-parser.js';
import type { QueryNode } from '../subscription/query.js';
import {
  channelDestination,
  dmDestination,
  personalWorkspace,
  splitOptions,
} from './command-args.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { plural, queryErrorReply, requireAdmin, requireChannel, usageReply } from './reply.js';

const MODES: readonly DeliveryMode[] = ['live', 'hourly', 'daily'];

export function parseMode(value: string | undefined): DeliveryMode {
  if (value === undefined) return 'live';
  const mode = value.toLowerCase() as DeliveryMode;
  if (!MODES.includes(mode))
    throw new UserError('bad_option', `--digest takes live, hourly or daily, not "${value}".`);
  return mode;
}

function parseQuiet(options: ReadonlyMap<string, string>): QuietHours | undefined {
  const spec = options.get('quiet');
  if (spec === undefined) {
    if (options.has('tz') || options.has('urgent'))
      throw new UserError('bad_option', '--tz and --urgent go with --quiet 22:00-07:00.');
    return undefined;
  }
  const [start = '', end = ''] = spec.split('-');
  if (parseClock(start) === undefined || parseClock(end) === undefined) {
    throw new UserError('bad_option', `--quiet takes a range like 22:00-07:00, not "${spec}".`);
  }
  const timeZone = options.get('tz') ?? 'UTC';
  if (!isTimeZone(timeZone))
    throw new UserError(
      'bad_option',
      `Unknown time zone "${timeZone}": use a name like Europe/Berlin.`,
    );
  const urgent = options.get('urgent');
  const urgentKilled = urgent === undefined ? undefined : Number(urgent);
  if (urgentKilled !== undefined && !(Number.isInteger(urgentKilled) && urgentKilled >= 1)) {
    throw new UserError('bad_option', '--urgent takes a number of killed, e.g. --urgent 1.');
  }
  return { start, end, timeZone, ...(urgentKilled !== undefined ? { urgentKilled } : {}) };
}

export function describeSubscription(s: Subscription): string {
  const parts = [`${s.id}: ${s.query}`];
  if (s.mode !== 'live') parts.push(`(${s.mode} digest)`);
  if (s.weeklyMap) parts.push('(weekly map)');
  if (s.quietHours)
    parts.push(`(quiet ${s.quietHours.start}–${s.quietHours.end} ${s.quietHours.timeZone})`);
  if (s.disabled) parts.push(`— DISABLED: ${s.disabled.reason}`);
  return parts.join(' ');
}

/** The tree as a string, entities by id only (the alias as written does not matter). */
function canonical(root: QueryNode): string {
  return JSON.stringify(root, function (this: unknown, key: string, value: unknown) {
    const kind = (this as { kind?: string }).kind;
    return kind === 'entity' && (key === 'words' || key === 'text') ? undefined : value;
  });
}

/** Two queries mean the same when they parse to the same tree (case, spelling, aliases aside). */
export function sameQuery(a: string, b: string, gazetteer?: Gazetteer): boolean {
  const options = gazetteer ? { gazetteer } : {};
  const pa = parseQuery(a, options);
  const pb = parseQuery(b, options);
  if (pa.ok && pb.ok) return canonical(pa.query.root) === canonical(pb.query.root);
  return normaliseText(a) === normaliseText(b);
}

export async function subscribeCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const { rest, options } = splitOptions(args, ['digest', 'quiet', 'tz', 'urgent']);
  const here = /^here(\s|$)/i.test(rest);
  const query = here ? rest.slice(4).trim() : rest;
  if (!query) return usageReply('subscribe', 'Say what to subscribe to.');
  if (here) {
    requireAdmin(req, 'subscribe a channel');
    requireChannel(req, 'subscribe');
  }
  const parsed = parseQuery(query, deps.gazetteer ? { gazetteer: deps.gazetteer } : {});
  if (!parsed.ok) return queryErrorReply(query, parsed.error);
  const mode = parseMode(options.get('digest'));
  const quietHours = parseQuiet(options);
  const destination = here ? channelDestination(req) : dmDestination(req);
  const existing = here
    ? await deps.subscriptions.listByDestination(destination)
    : await deps.subscriptions.listByOwner(req.platform, personalWorkspace(req), req.user.id);
  const same = existing.find(
    (s) => s.destination.kind === destination.kind && sameQuery(s.query, query, deps.gazetteer),
  );
  if (same) return { ephemeral: true, text: `Already subscribed: ${describeSubscription(same)}` };
  const max = here ? deps.limits.maxRoutesPerChannel : deps.limits.maxSubscriptionsPerUser;
  if (existing.length >= max) {
    throw new UserError(
      'limit',
      `That makes more than ${max}; remove one first (/sitrep ${here ? 'routes' : 'subscriptions'}).`,
    );
  }
  const sub = await deps.subscriptions.create(
    {
      kind: here ? 'route' : 'personal',
      ownerId: req.user.id,
      destination,
      query,
      mode,
      ...(quietHours ? { quietHours } : {}),
    },
    req.now,
  );
  const where = here ? 'this channel' : 'your direct messages';
  return {
    ephemeral: true,
    title: `Subscribed (${sub.id})`,
    text: `Alerts matching ${query} will arrive in ${where}${mode === 'live' ? '' : ` as an ${mode} digest`}. /sitrep unsubscribe ${sub.id} stops them.`,
  };
}

export async function unsubscribeCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const arg = args.trim();
  if (!arg) return usageReply('unsubscribe', 'Give a subscription id or its query.');
  const mine = await deps.subscriptions.listByOwner(
    req.platform,
    personalWorkspace(req),
    req.user.id,
  );
  const found =
    mine.find((s) => s.id === arg) ?? mine.find((s) => sameQuery(s.query, arg, deps.gazetteer));
  if (!found) {
    const hint = mine.length > 0 ? ` Yours: ${mine.map((s) => s.id).join(', ')}.` : '';
    throw new UserError('not_found', `You have no subscription "${arg}".${hint}`);
  }
  await deps.subscriptions.remove(found.id);
  return { ephemeral: true, text: `Unsubscribed from ${describeSubscription(found)}.` };
}

export async function subscriptionsCommand(
  _args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const mine = (
    await deps.subscriptions.listByOwner(req.platform, personalWorkspace(req), req.user.id)
  ).filter((s) => s.kind === 'personal');
  if (mine.length === 0) {
    return {
      ephemeral: true,
      title: 'No subscriptions yet',
      text: 'Try /sitrep subscribe topic:casualties or /sitrep topics.',
    };
  }
  return {
    ephemeral: true,
    title: `Your ${plural(mine.length, 'subscription')}`,
    items: mine.map((s) => ({ id: s.id, text: describeSubscription(s) })),
  };
}
