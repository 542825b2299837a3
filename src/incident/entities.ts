/**
 * Actors and location from gazetteer mentions in the title and the foreground lead. Actors keep
 * the gazetteer's canonical name and side, in order of first mention. The location is the most
 * specific in-scope place (a base beats a town, a town a province, a province a country);
 * ties go to the earliest mention.
 */
import type { Actor, Location, LocationPrecision } from '../domain/incident.js';
import type { PlaceEntry } from '../gazetteer/gazetteer-data.js';
import type { Gazetteer, Mention } from '../gazetteer/gazetteer.js';

const SPECIFICITY: Record<PlaceEntry['type'], number> = {
  site: 5,
  base: 5,
  town: 4,
  province: 3,
  country: 2,
  region: 1,
};
const PRECISION: Record<PlaceEntry['type'], LocationPrecision> = {
  site: 'site',
  base: 'site',
  town: 'town',
  province: 'province',
  country: 'country',
  region: 'region',
};
/** Gazetteer kinds that stand for an unnamed actor ("a militia", "the coalition"): not actors. */
const GENERIC_KIND = /-(?:generic|weak)$/;
const IN_SCOPE_COUNTRIES = new Set(['iraq', 'syria', 'jordan']);

export const UNKNOWN_LOCATION: Location = {
  place: null,
  admin1: null,
  country: null,
  precision: 'unknown',
};

export interface Entities {
  readonly actors: Actor[];
  readonly location: Location;
  /** Every place id mentioned (for clustering). */
  readonly placeIds: string[];
}

function inScope(p: PlaceEntry): boolean {
  return p.theatre === 'iraq-syria' || IN_SCOPE_COUNTRIES.has(p.country.toLowerCase());
}

function toLocation(p: PlaceEntry): Location {
  return {
    place: p.name,
    admin1: p.admin1 ?? (p.type === 'province' ? p.name : null),
    country: p.type === 'region' ? null : p.country,
    precision: PRECISION[p.type],
    id: p.id,
  };
}

function bestPlace(places: readonly PlaceEntry[]): PlaceEntry | null {
  let best: PlaceEntry | null = null;
  let bestScore = -1;
  for (const p of places) {
    const score = SPECIFICITY[p.type] + (inScope(p) ? 10 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** Actors and location mentioned in the texts (title first, then lead sentences). */
export function findEntities(gazetteer: Gazetteer, texts: readonly string[]): Entities {
  const mentions: Mention[] = texts.flatMap((t) => gazetteer.findMentions(t));
  const actors = new Map<string, Actor>();
  const places = new Map<string, PlaceEntry>();
  for (const m of mentions) {
    if (m.ref.kind === 'actor') {
      const e = m.ref.entry;
      if (GENERIC_KIND.test(e.kind)) continue;
      if (!actors.has(e.id)) actors.set(e.id, { name: e.name, side: e.side, id: e.id });
    } else if (!places.has(m.ref.entry.id)) {
      places.set(m.ref.entry.id, m.ref.entry);
    }
  }
  const best = bestPlace([...places.values()]);
  return {
    actors: [...actors.values()],
    location: best ? toLocation(best) : UNKNOWN_LOCATION,
    placeIds: [...places.keys()],
  };
}
