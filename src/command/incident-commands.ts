/** recent, search and incident: reading incidents. */
import { UserError } from '../domain/errors.js';
import type { Incident } from '../domain/incident.js';
import { buildAlertMessage } from '../alert/alert-message.js';
import { incidentLine } from '../alert/incident-facts-text.js';
import { incidentFeatures } from '../subscription/incident-features.js';
import { matchQuery } from '../subscription/match-query.js';
import { parseQuery } from '../subscription/query-parser.js';
import { takeTrailingDuration } from './command-args.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest, ReplyItem } from './command-types.js';
import { plural, queryErrorReply, usageReply } from './reply.js';

const DAY = 86_400_000;
const MAX_RECENT = 50;
const SEARCH_WINDOW = 30 * DAY;
const SEARCH_SCAN = 2000;
const SEARCH_RESULTS = 20;

function item(i: Incident): ReplyItem {
  const url = i.sources[0]?.url;
  return { id: i.id, text: incidentLine(i), ...(url ? { url } : {}) };
}

async function filtered(
  deps: CommandDeps,
  query: string,
  since: Date,
  limit: number,
): Promise<CommandReply | Incident[]> {
  if (!query) return deps.incidents.recent({ since, limit });
  const parsed = parseQuery(query, deps.gazetteer ? { gazetteer: deps.gazetteer } : {});
  if (!parsed.ok) return queryErrorReply(query, parsed.error);
  const pool = await deps.incidents.recent({ since, limit: SEARCH_SCAN });
  return pool
    .filter((i) => matchQuery(parsed.query, incidentFeatures(i, deps.gazetteer)))
    .slice(0, limit);
}

export async function recentCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const { rest, ms } = takeTrailingDuration(args, 'since');
  const m = /^(\d+)(?:\s+|$)/.exec(rest);
  const n = m ? Number(m[1]) : 10;
  if (n < 1 || n > MAX_RECENT)
    return usageReply('recent', `N must be between 1 and ${MAX_RECENT}.`);
  const query = m ? rest.slice(m[0].length).trim() : rest;
  const window = ms ?? DAY;
  const found = await filtered(deps, query, new Date(req.now.getTime() - window), n);
  if (!Array.isArray(found)) return found;
  const span = ms
    ? `since ${args.slice(args.lastIndexOf('since') + 6).trim()}`
    : 'in the last 24 hours';
  return {
    ephemeral: true,
    title: `${plural(found.length, 'incident')} ${span}${query ? ` matching ${query}` : ''}`,
    items: found.map(item),
    ...(found.length === 0 ? { text: 'Nothing yet. Try a longer window: since 7d.' } : {}),
  };
}

export async function searchCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const query = args.trim();
  if (!query) return usageReply('search', 'Say what to search for.');
  const found = await filtered(
    deps,
    query,
    new Date(req.now.getTime() - SEARCH_WINDOW),
    SEARCH_RESULTS,
  );
  if (!Array.isArray(found)) return found;
  return {
    ephemeral: true,
    title: `${plural(found.length, 'incident')} matching ${query} (last 30 days)`,
    items: found.map(item),
    ...(found.length === 0 ? { text: 'No incident matches. Fewer words or OR may help.' } : {}),
  };
}

export async function loadIncident(deps: CommandDeps, id: string): Promise<Incident> {
  const incident = await deps.incidents.get(id);
  if (!incident)
    throw new UserError('not_found', `No incident "${id}". /sitrep recent lists the latest.`);
  return incident;
}

export async function incidentCommand(
  args: string,
  _req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const id = args.trim();
  if (!id || /\s/.test(id)) return usageReply('incident', 'Give one incident id.');
  const incident = await loadIncident(deps, id);
  const alert = buildAlertMessage(incident);
  return {
    ephemeral: true,
    title: `${incident.headline} [${incident.id}]`,
    text: incident.summary,
    fields: [
      ...alert.fields,
      { label: 'Sources', value: alert.outlets },
      { label: 'Seen', value: alert.context },
    ],
    links: alert.sources.map((s) => ({ label: `${s.outlet}: ${s.title}`, url: s.url })),
    items: incident.timeline.map((c) => ({
      text: `${c.at.slice(0, 16).replace('T', ' ')} v${c.version}: ${c.description}`,
    })),
    buttons: alert.buttons
      .filter((b) => b.id !== 'details')
      .map((b) => ({ label: b.label, command: b.command })),
  };
}
