/**
 * The fact line of an alert: type, place, casualties by side, actors and the outlet count,
 * built only from the incident record ("Armed clash, Anbar (Iraq): 15 ISIS killed, 7 US
 * injured — US forces, Islamic State — 2 outlets").
 */
import type { Casualty, IncidentFacts, Range, Side } from '../domain/incident.js';

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

/** One line of facts; `outlets` is the number of distinct outlets reporting. */
export function factLine(f: IncidentFacts, outlets: number): string {
  const head = [typeLabel(f), placeLabel(f)].filter(Boolean).join(', ');
  const casualties = f.casualties.flatMap(casualtyParts).join(', ');
  const actors = f.actors
    .slice(0, 3)
    .map((a) => a.name)
    .join(', ');
  const parts = [casualties ? `${head}: ${casualties}` : head];
  if (actors) parts.push(actors);
  parts.push(`${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}`);
  return parts.join(' — ');
}
