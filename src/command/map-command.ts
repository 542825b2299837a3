/** `/sitrep map [24h|7d|30d] [query] [--dm]`: the incidents of a period on a map, as a picture. */
import { AppError } from '../domain/errors.js';
import type { Incident } from '../domain/incident.js';
import { incidentFeatures } from '../subscription/incident-features.js';
import { matchQuery } from '../subscription/match-query.js';
import { parseQuery } from '../subscription/query-parser.js';
import { parseDuration } from '../domain/duration.js';
import { splitOptions } from './command-args.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { IncidentQueryPort } from '../store/incident-query-port.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { errorReply, plural, queryErrorReply, usageReply } from './reply.js';

const DAY = 86_400_000;
const DEFAULT_PERIOD = 7 * DAY;
const MAX_PERIOD = 30 * DAY;
/**
 * Incidents read for one map, the most recently updated first. Each is read whole (its sources
 * and their leads too), so a map reads at most 200, below the store's own query limit; a busier
 * period is drawn from its latest 200 and says so.
 */
export const MAP_SCAN = 200;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function day(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** "24 hours", "7 days", "36 hours": how the title names the period. */
export function periodName(ms: number): string {
  if (ms % DAY === 0 && ms > DAY) return `${ms / DAY} days`;
  const hours = Math.round(ms / 3_600_000);
  return hours >= 1
    ? `${hours} hour${hours === 1 ? '' : 's'}`
    : `${Math.round(ms / 60_000)} minutes`;
}

/** "28 Nov 2026 – 5 Dec 2026 (UTC)", or with the hours for a day's map. */
export function periodText(from: Date, to: Date): string {
  if (to.getTime() - from.getTime() <= 2 * DAY) {
    const hm = (d: Date) => d.toISOString().slice(11, 16);
    return `${day(from)} ${hm(from)} – ${day(to)} ${hm(to)} (UTC)`;
  }
  return `${day(from)} – ${day(to)} (UTC)`;
}

/** Splits "7d topic:drone-strikes" into the period and the query. */
export function parseMapArgs(text: string): { ms: number; query: string } {
  const first = /^(\S+)\s*/.exec(text);
  const ms = first ? parseDuration(first[1] ?? '') : undefined;
  if (ms === undefined) return { ms: DEFAULT_PERIOD, query: text.trim() };
  return { ms, query: text.slice(first?.[0].length ?? 0).trim() };
}

export interface MapSource {
  readonly incidents: IncidentQueryPort;
  readonly gazetteer?: Gazetteer;
}

/**
 * The incidents first seen in [from, to] that match the query (also the weekly map's), or an
 * error reply for a query that does not parse; `capped` when the store's limit was reached.
 */
export async function mapIncidents(
  source: MapSource,
  query: string,
  from: Date,
  to: Date,
): Promise<{ incidents: Incident[]; capped: boolean } | CommandReply> {
  const options = source.gazetteer ? { gazetteer: source.gazetteer } : {};
  const parsed = query ? parseQuery(query, options) : undefined;
  if (parsed && !parsed.ok) return queryErrorReply(query, parsed.error);
  const pool = await source.incidents.recent({ since: from, limit: MAP_SCAN });
  const incidents = pool.filter((i) => {
    const seen = Date.parse(i.firstSeen);
    if (!(seen >= from.getTime() && seen <= to.getTime())) return false;
    return !parsed || matchQuery(parsed.query, incidentFeatures(i, source.gazetteer));
  });
  return { incidents, capped: pool.length >= MAP_SCAN };
}

export async function mapCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const { rest, options } = splitOptions(args, ['dm']);
  const { ms, query } = parseMapArgs(rest);
  if (ms > MAX_PERIOD) return usageReply('map', 'A map covers at most 30 days.');
  if (!deps.maps) return errorReply('internal', 'Maps are not enabled on this sitrep.');
  const to = req.now;
  const from = new Date(to.getTime() - ms);
  const result = await mapIncidents(deps, query, from, to);
  if (!('incidents' in result)) return result;
  const found = result.incidents;
  const title = `Incidents, last ${periodName(ms)}`;
  const subtitle = [
    periodText(from, to),
    query,
    result.capped ? `the ${MAP_SCAN} most recently updated incidents` : '',
  ]
    .filter(Boolean)
    .join('  ·  ');
  let picture: { png: Uint8Array; drawn: number };
  try {
    picture = await deps.maps.render({ incidents: found, from, to, title, subtitle });
  } catch (err) {
    deps.onInternalError?.(err, req);
    const code = err instanceof AppError ? ` (${err.code})` : '';
    return errorReply(
      'internal',
      `Sorry, the map could not be drawn${code}. /sitrep recent ${query ? `${query} ` : ''}since ${ms / DAY >= 1 ? `${Math.round(ms / DAY)}d` : '24h'} lists the same incidents as text.`,
    );
  }
  const summary =
    found.length === 0
      ? `No incidents ${query ? `matching ${query} ` : ''}in the last ${periodName(ms)}.`
      : `${plural(found.length, 'incident')} in the last ${periodName(ms)}${query ? ` matching ${query}` : ''}; ${picture.drawn} on the map.`;
  const toDm = options.has('dm') || req.channel.isDirect;
  return {
    ephemeral: true,
    title,
    text: summary,
    image: {
      png: picture.png,
      filename: `sitrep-map-${Math.round(ms / 3_600_000)}h.png`,
      title: `${title} (${periodText(from, to)})`,
      altText: `Map and timeline: ${summary}`,
      target: toDm ? 'dm' : 'channel',
    },
  };
}
