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
/** Incidents of the window a query is checked against, newest first (the store's scan limit). */
const SEARCH_SCAN = 1000;
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

/** Sources shown with their first paragraph; the rest are counted. */
const MAX_SOURCES_SHOWN = 6;
const PARAGRAPH_MAX = 280;
const TIMELINE_SHOWN = 8;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Each distinct source (syndicated copies and late article reads left out), linking to the
 * feed's article, with its first paragraph as the item's detail.
 * At most six, each paragraph clipped, so the card fits Slack's and Discord's limits.
 */
function sourceItems(incident: Incident): ReplyItem[] {
  const listed = incident.sources.filter((s) => !s.duplicateOf);
  const items: ReplyItem[] = listed.slice(0, MAX_SOURCES_SHOWN).map((s) => {
    const paragraph = (s.lead ?? []).join(' ').trim();
    return {
      text: s.outlet ? `${s.outlet}: ${s.title}` : s.title,
      ...(s.url ? { url: s.url } : {}),
      ...(paragraph ? { detail: clip(paragraph, PARAGRAPH_MAX) } : {}),
    };
  });
  const more = listed.length - MAX_SOURCES_SHOWN;
  if (more > 0) items.push({ text: `…and ${plural(more, 'more source')}` });
  return items;
}

/** The latest changes, newest last ("2026-03-01 10:00 v2: killed (US): 2 → 3, per AP"). */
function timelineText(incident: Incident): string {
  const shown = incident.timeline.slice(-TIMELINE_SHOWN);
  const lines = shown.map(
    (c) => `${c.at.slice(0, 16).replace('T', ' ')} v${c.version}: ${c.description}`,
  );
  const earlier = incident.timeline.length - shown.length;
  return clip([...(earlier > 0 ? [`(${earlier} earlier)`] : []), ...lines].join('\n'), 1000);
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
      ...(incident.timeline.length > 0
        ? [{ label: 'Timeline', value: timelineText(incident) }]
        : []),
    ],
    items: sourceItems(incident),
    buttons: alert.buttons
      .filter((b) => b.id !== 'details')
      .map((b) => ({ label: b.label, command: b.command })),
  };
}
