/**
 * Merging a new report's facts into an incident: casualty figures revised upward replace the
 * old ones, a more specific place replaces a vaguer one, actors are united, the first known
 * type and date stay. Every user-visible change is described in words.
 */
import type { Casualty, IncidentFacts, Location, Range } from '../../domain/incident.js';
import { mergeRange, SIDE_ORDER } from '../extract/casualties.js';

const RANK: Record<Location['precision'], number> = {
  site: 5,
  town: 4,
  province: 3,
  country: 2,
  region: 1,
  unknown: 0,
};

function fmt(r: Range): string {
  if (r.min !== null && r.max !== null) return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
  if (r.min !== null) return `${r.min}+`;
  if (r.max !== null) return `up to ${r.max}`;
  return '?';
}

function changed(a: Range, b: Range): boolean {
  return a.min !== b.min || a.max !== b.max;
}

function mergeCasualties(
  old: readonly Casualty[],
  add: readonly Casualty[],
  changes: string[],
): Casualty[] {
  const out: Casualty[] = [];
  for (const side of SIDE_ORDER) {
    const a = old.find((c) => c.side === side);
    const b = add.find((c) => c.side === side);
    if (!a && !b) continue;
    if (!a || !b) {
      const only = (a ?? b) as Casualty;
      if (!a)
        changes.push(
          `casualties (${side}): killed ${fmt(only.killed)}, injured ${fmt(only.injured)}`,
        );
      out.push(only);
      continue;
    }
    const killed = mergeRange(a.killed, b.killed);
    const injured = mergeRange(a.injured, b.injured);
    if (changed(a.killed, killed))
      changes.push(`killed (${side}): ${fmt(a.killed)} → ${fmt(killed)}`);
    if (changed(a.injured, injured))
      changes.push(`injured (${side}): ${fmt(a.injured)} → ${fmt(injured)}`);
    out.push({ side, killed, injured, raw: [...new Set([...a.raw, ...b.raw])] });
  }
  return out;
}

/** The merged facts and what changed (empty when nothing did). */
export function mergeFacts(
  old: IncidentFacts,
  add: IncidentFacts,
): { facts: IncidentFacts; changes: string[] } {
  const changes: string[] = [];
  const casualties = mergeCasualties(old.casualties, add.casualties, changes);
  let location = old.location;
  if (RANK[add.location.precision] > RANK[old.location.precision] && add.location.place) {
    changes.push(`location: ${old.location.place ?? 'unknown'} → ${add.location.place}`);
    location = add.location;
  }
  const known = new Set(old.actors.map((a) => a.id ?? a.name));
  const newActors = add.actors.filter((a) => !known.has(a.id ?? a.name));
  if (newActors.length > 0) changes.push(`actors: + ${newActors.map((a) => a.name).join(', ')}`);
  const dated = old.eventDate !== null && old.eventDatePrecision === 'day';
  const facts: IncidentFacts = {
    type: old.type ?? add.type,
    subType: old.type ? old.subType : add.subType,
    actors: [...old.actors, ...newActors],
    location,
    casualties,
    troops: old.troops ?? add.troops,
    eventDate: dated ? old.eventDate : (add.eventDate ?? old.eventDate),
    eventDatePrecision: dated
      ? old.eventDatePrecision
      : add.eventDate
        ? add.eventDatePrecision
        : old.eventDatePrecision,
  };
  return { facts, changes };
}
