/**
 * The fact line of an alert: type, place, casualties by side, actors and the outlet count,
 * built only from the incident record ("Armed clash, Anbar (Iraq): 15 ISIS killed, 7 US
 * injured — US forces, Islamic State — 2 outlets").
 */
import type { Actor, Casualty, IncidentFacts, Range, Side } from '../domain/incident.js';

const SIDE_LABEL: Record<Side, string> = {
  us: 'US',
  coalition: 'coalition',
  partner: 'partner-force',
  isis: 'ISIS',
  militia: 'militia',
  iran: 'Iranian',
  civilian: 'civilian',
  other: 'other',
  unknown: '',
};

export function formatRange(r: Range): string | null {
  if (r.min !== null && r.max !== null) return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
  if (r.min !== null) return `at least ${r.min}`;
  if (r.max !== null) return `up to ${r.max}`;
  return null;
}

function casualtyParts(c: Casualty): string[] {
  const label = SIDE_LABEL[c.side];
  const who = label ? ` ${label}` : '';
  const out: string[] = [];
  const killed = formatRange(c.killed);
  const injured = formatRange(c.injured);
  if (killed) out.push(`${killed}${who} killed`);
  if (injured) out.push(`${injured}${who} injured`);
  return out;
}

export function placeLabel(f: IncidentFacts): string | null {
  const l = f.location;
  if (!l.place) return null;
  const context = [l.admin1 !== l.place ? l.admin1 : null, l.country !== l.place ? l.country : null]
    .filter((x): x is string => Boolean(x))
    .join(', ');
  return context ? `${l.place} (${context})` : l.place;
}

function typeLabel(f: IncidentFacts): string {
  if (f.subType && f.subType !== 'Other' && f.subType !== f.type) return f.subType;
  return f.type ?? 'Report';
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** When it happened, as precisely as the record knows it ("28 Nov", "week of 24 Nov", "Nov 2026"). */
export function whenLabel(f: IncidentFacts): string | null {
  const t = f.eventDate ? Date.parse(f.eventDate) : Number.NaN;
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
  if (f.eventDatePrecision === 'day') return day;
  if (f.eventDatePrecision === 'week') return `week of ${day}`;
  if (f.eventDatePrecision === 'month')
    return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
  return null;
}

// The named attacker or partner force first; "US government" from "US officials said" last.
const ACTOR_RANK: Record<Side, number> = {
  militia: 0,
  isis: 0,
  partner: 1,
  iran: 2,
  other: 3,
  civilian: 4,
  unknown: 5,
  coalition: 6,
  us: 6,
};

/** Actors in the order an alert names them (stable within a rank). */
export function rankActors(actors: readonly Actor[]): Actor[] {
  return [...actors].sort((a, b) => ACTOR_RANK[a.side] - ACTOR_RANK[b.side]);
}

/** One line of facts; `outlets` is the number of distinct outlets reporting. */
export function factLine(f: IncidentFacts, outlets: number): string {
  const head = [typeLabel(f), placeLabel(f), whenLabel(f)].filter(Boolean).join(', ');
  const casualties = f.casualties.flatMap(casualtyParts).join(', ');
  const actors = rankActors(f.actors)
    .slice(0, 3)
    .map((a) => a.name)
    .join(', ');
  const parts = [casualties ? `${head}: ${casualties}` : head];
  if (actors) parts.push(actors);
  parts.push(`${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}`);
  return parts.join(' — ');
}
