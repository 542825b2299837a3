/** why <incident id>: the evidence behind an incident's topics and where it was delivered. */
import { destinationKey } from '../domain/subscription.js';
import { incidentFeatures } from '../subscription/incident-features.js';
import { matchQuery } from '../subscription/match-query.js';
import { parseQuery } from '../subscription/query-parser.js';
import { channelDestination, dmDestination, personalWorkspace } from './command-args.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest, ReplyItem } from './command-types.js';
import { loadIncident } from './incident-commands.js';
import { usageReply } from './reply.js';

export async function whyCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const id = args.trim();
  if (!id || /\s/.test(id)) return usageReply('why', 'Give one incident id.');
  const incident = await loadIncident(deps, id);
  const features = incidentFeatures(incident, deps.gazetteer);
  const options = deps.gazetteer ? { gazetteer: deps.gazetteer } : {};
  const mine = await deps.subscriptions.listByOwner(
    req.platform,
    personalWorkspace(req),
    req.user.id,
  );
  const here = req.channel.isDirect
    ? []
    : await deps.subscriptions.listByDestination(channelDestination(req));
  const matching: ReplyItem[] = [...mine, ...here]
    .filter((s) => {
      const p = parseQuery(s.query, options);
      return p.ok && matchQuery(p.query, features);
    })
    .map((s) => ({
      id: s.id,
      text: `${s.kind === 'route' ? 'Route' : 'Your subscription'} ${s.id}: ${s.query}`,
    }));
  const visible = new Set([
    destinationKey(dmDestination(req)),
    ...(req.channel.isDirect ? [] : [destinationKey(channelDestination(req))]),
  ]);
  const records = (await deps.deliveries.listByIncident(incident.id)).filter((r) =>
    req.user.isAdmin
      ? r.destination.workspaceId === req.workspaceId
      : visible.has(destinationKey(r.destination)),
  );
  const deliveries = records.map((r) => ({
    text: `${r.destination.kind === 'dm' ? `DM ${r.destination.id}` : `channel ${r.destination.id}`}: v${r.version} ${r.status}${r.reason ? ` (${r.reason})` : ''} ${r.at.slice(0, 16).replace('T', ' ')}`,
  }));
  return {
    ephemeral: true,
    title: `Why ${incident.id}: ${incident.headline}`,
    text: incident.why,
    fields: [
      { label: 'Topics', value: incident.topics.join(', ') || 'none' },
      { label: 'Confidence', value: incident.confidence.toFixed(2) },
    ],
    items: [
      ...(matching.length > 0
        ? matching
        : [{ text: 'None of your subscriptions or this channel’s routes match it.' }]),
      ...(deliveries.length > 0 ? deliveries : [{ text: 'Not delivered anywhere you can see.' }]),
    ],
  };
}
