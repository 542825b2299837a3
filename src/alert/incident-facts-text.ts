/**
 * Incident facts in words, shared by alert messages and command replies: casualties by side,
 * place, actors, type. Plain text; the chat adapters escape and format it.
 */
import type { Actor, Casualty, Incident, Range, Side } from '../domain/incident.js';
import { rankActors } from '../summary/fact-line.js';

const SIDE_NAMES: Record<Side, string> = {
  us: 'US',
  coalition: 'Coalition',
  partner: 'Partner forces',
  isis: 'ISIS',
  militia: 'Militia',
  iran: 'Iran',
  civilian: 'Civilians',
  other: 'Other',
  unknown: 'Unknown side',
};

export function sideName(side: Side): string {
  return SIDE_NAMES[side];
}

function rangeText(r: Range): string | undefined {
  if (r.min !== null && r.max !== null) return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
  if (r.min !== null) return `at least ${r.min}`;
  if (r.max !== null) return `up to ${r.max}`;
  return undefined;
}

function casualtyText(c: Casualty): string | undefined {
  const killed = rangeText(c.killed);
  const injured = rangeText(c.injured);
  const parts = [killed && `${killed} killed`, injured && `${injured} injured`].filter(Boolean);
  return parts.length > 0 ? `${sideName(c.side)}: ${parts.join(', ')}` : undefined;
}

/** "US: 2 killed, 3 injured; ISIS: 15 killed" or undefined when none are known. */
export function casualtiesText(incident: Incident): string | undefined {
  const parts = incident.facts.casualties.map(casualtyText).filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** "Ain al-Asad, Anbar, Iraq" (duplicates dropped) or undefined. */
export function placeText(incident: Incident): string | undefined {
  const loc = incident.facts.location;
  const parts = [loc.place, loc.admin1, loc.country].filter((p): p is string => !!p);
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.length > 0 ? unique.join(', ') : undefined;
}

/** The actors, the named militia, ISIS or partner force first ("US government" last). */
export function actorsText(incident: Incident): string | undefined {
  const names = rankActors(incident.facts.actors).map((a) => a.name);
  return names.length > 0 ? names.join(', ') : undefined;
}

const NAMED_SIDES: ReadonlySet<Side> = new Set(['militia', 'isis', 'partner', 'iran']);

/** The militia, ISIS, partner force or Iranian actor an alert must name, if the record has one. */
export function mainActor(incident: Incident): Actor | undefined {
  return rankActors(incident.facts.actors).find((a) => NAMED_SIDES.has(a.side));
}

/** The main actor's name when the headline does not already say it. */
function actorNote(incident: Incident): string | undefined {
  const actor = mainActor(incident);
  if (!actor) return undefined;
  return incident.headline.toLowerCase().includes(actor.name.toLowerCase())
    ? undefined
    : actor.name;
}

/** "Drone attack on Ain al-Asad — US: 2 injured — Kata'ib Hezbollah": headline and key facts. */
export function headlineWithFacts(incident: Incident): string {
  const parts = [incident.headline, casualtiesText(incident), actorNote(incident)];
  return parts.filter((p): p is string => !!p).join(' — ');
}

export function typeText(incident: Incident): string | undefined {
  const { type, subType } = incident.facts;
  if (!type) return subType ?? undefined;
  return subType ? `${type} — ${subType}` : type;
}

/** Distinct outlets reporting the incident (syndicated copies count once). */
export function outletCount(incident: Incident): number {
  return new Set(incident.sources.filter((s) => !s.duplicateOf).map((s) => s.outlet)).size;
}

/**
 * One line: "[inc-12] Drone attack on Ain al-Asad — US: 2 injured — Kata'ib Hezbollah · 3
 * outlets" (the main actor only when the headline does not name it).
 */
export function incidentLine(incident: Incident): string {
  const n = outletCount(incident);
  const tail = `${n} outlet${n === 1 ? '' : 's'}`;
  return `[${incident.id}] ${headlineWithFacts(incident)} · ${tail}`;
}
