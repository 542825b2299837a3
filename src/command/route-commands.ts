/** route, unroute, routes: what posts into a channel. */
import { UserError } from '../domain/errors.js';
import { parseQuery } from '../subscription/query-parser.js';
import { slug } from '../subscription/field-keys.js';
import { channelDestination, splitOptions } from './command-args.js';
import type { CommandDeps, TopicInfo } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { describeSubscription, parseMode, sameQuery } from './subscription-commands.js';
import { plural, queryErrorReply, requireAdmin, requireChannel, usageReply } from './reply.js';

/** A topic named by id or title ("militia-attacks", "Militia attacks"). */
export function findTopic(deps: CommandDeps, name: string): TopicInfo | undefined {
  const key = slug(name);
  return deps.topics.find((t) => t.id === key || slug(t.title) === key);
}

export async function routeCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  requireAdmin(req, 'route alerts into a channel');
  requireChannel(req, 'route alerts into');
  const { rest, options } = splitOptions(args, ['digest', 'weekly-map']);
  if (!rest) return usageReply('route', 'Give a topic (see /sitrep topics) or a query.');
  const topic = findTopic(deps, rest);
  const query = topic ? `topic:${topic.id}` : rest;
  const parsed = parseQuery(query, deps.gazetteer ? { gazetteer: deps.gazetteer } : {});
  if (!parsed.ok) return queryErrorReply(query, parsed.error);
  const destination = channelDestination(req);
  const routes = await deps.subscriptions.listByDestination(destination);
  const same = routes.find((r) => sameQuery(r.query, query, deps.gazetteer));
  if (same)
    return {
      ephemeral: true,
      text: `This channel already has that route: ${describeSubscription(same)}`,
    };
  if (routes.length >= deps.limits.maxRoutesPerChannel) {
    throw new UserError(
      'limit',
      `This channel has ${routes.length} routes already; remove one with /sitrep unroute <id>.`,
    );
  }
  const mode = parseMode(options.get('digest'));
  const weeklyMap = options.has('weekly-map');
  const route = await deps.subscriptions.create(
    {
      kind: 'route',
      ownerId: req.user.id,
      destination,
      query,
      mode,
      ...(weeklyMap ? { weeklyMap: true } : {}),
    },
    req.now,
  );
  const weekly = weeklyMap ? ' Every week this channel also gets a map of them.' : '';
  return {
    ephemeral: false,
    title: `Route added (${route.id})`,
    text: `${topic ? topic.title : query} alerts will be posted here${mode === 'live' ? '' : ` as an ${mode} digest`}.${weekly}`,
  };
}

export async function unrouteCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  requireAdmin(req, 'remove routes');
  const id = args.trim();
  if (!id) return usageReply('unroute', 'Give the route id (see /sitrep routes).');
  const route = await deps.subscriptions.get(id);
  const ours =
    route &&
    route.kind === 'route' &&
    route.destination.platform === req.platform &&
    route.destination.workspaceId === req.workspaceId;
  if (!route || !ours)
    throw new UserError(
      'not_found',
      `No route "${id}" in this workspace. /sitrep routes lists them.`,
    );
  await deps.subscriptions.remove(id);
  return {
    ephemeral: false,
    text: `Route ${id} removed: ${route.query} no longer posts into channel ${route.destination.id}.`,
  };
}

export async function routesCommand(
  _args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  requireChannel(req, 'list the routes of');
  const routes = await deps.subscriptions.listByDestination(channelDestination(req));
  if (routes.length === 0) {
    return {
      ephemeral: true,
      title: 'Nothing is routed here',
      text: 'Admins: /sitrep route <topic|query>.',
    };
  }
  return {
    ephemeral: true,
    title: `${plural(routes.length, 'route')} into this channel`,
    items: routes.map((r) => ({ id: r.id, text: describeSubscription(r) })),
  };
}
