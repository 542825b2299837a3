/**
 * Actors and location from gazetteer mentions in the title and the foreground lead. Actors keep
 * the gazetteer's canonical name and side, in order of first mention. The location is the most
 * specific in-scope place (a base beats a town, a town a province, a province a country);
 * ties go to the earliest mention.
 */
import type { Actor, Location, LocationPrecision } from '../../domain/incident.js';
import {
  GENERIC_ACTOR_KINDS,
  placeCoordinates,
  type PlaceEntry,
} from '../../gazetteer/gazetteer-data.js';
import type { Mention } from '../../gazetteer/gazetteer.js';
import { isSpeaker } from './reported-speech.js';
import type { ExtractionVocabulary } from './vocabulary.js';

const SPECIFICITY: Record<PlaceEntry['type'], number> = {
  site: 5,
  base: 5,
  town: 4,
  province: 3,
  country: 2,
  region: 1,
};
/** How precise a location resolved to a gazetteer place of each type is. */
export const PRECISION: Record<PlaceEntry['type'], LocationPrecision> = {
  site: 'site',
  base: 'site',
  town: 'town',
  province: 'province',
  country: 'country',
  region: 'region',
};

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

function toLocation(p: PlaceEntry): Location {
  return {
    place: p.name,
    admin1: p.admin1 ?? (p.type === 'province' ? p.name : null),
    country: p.type === 'region' ? null : p.country,
    precision: PRECISION[p.type],
    id: p.id,
    ...placeCoordinates(p),
  };
}

/** The most specific place, in the product's theatre first; ties go to the earliest. */
function bestPlace(places: readonly PlaceEntry[], v: ExtractionVocabulary): PlaceEntry | null {
  let best: PlaceEntry | null = null;
  let bestScore = -1;
  for (const p of places) {
    const score = SPECIFICITY[p.type] + (v.inTheatre(p) ? 10 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

interface SpokenMention {
  readonly mention: Mention;
  readonly speaker: boolean;
}

/**
 * Actors in order of first mention. An actor only ever quoted ("US officials said") is not one,
 * unless the event is a statement (`keepSpeakers`): then who speaks is who acts.
 */
function actorsOf(mentions: readonly SpokenMention[], keepSpeakers: boolean): Actor[] {
  const acting = new Set<string>();
  for (const { mention, speaker } of mentions) {
    if (!speaker || keepSpeakers) acting.add(mention.ref.entry.id);
  }
  const actors = new Map<string, Actor>();
  for (const { mention } of mentions) {
    if (mention.ref.kind !== 'actor') continue;
    const e = mention.ref.entry;
    if (GENERIC_ACTOR_KINDS.has(e.kind) || !acting.has(e.id) || actors.has(e.id)) continue;
    actors.set(e.id, { name: e.name, side: e.side, id: e.id });
  }
  return [...actors.values()];
}

/** True when `inner` lies inside `outer` (a country or a province) and is more specific. */
function inside(inner: PlaceEntry, outer: PlaceEntry): boolean {
  if (SPECIFICITY[inner.type] <= SPECIFICITY[outer.type]) return false;
  if (outer.type === 'country') return inner.country === outer.country;
  if (outer.type === 'province') return (inner.admin1 ?? null) === (outer.admin1 ?? outer.name);
  return false;
}

/**
 * A place named in a cut clause that may tell the event's own cause ("two soldiers died in Syria
 * following an attack in Manbij") refines the foreground's country or province it lies in.
 */
function refined(
  best: PlaceEntry | null,
  v: ExtractionVocabulary,
  asides: readonly string[],
): PlaceEntry | null {
  if (!best || (best.type !== 'country' && best.type !== 'province')) return null;
  const inner = asides
    .flatMap((t) => v.gazetteer.findMentions(t))
    .flatMap((m) => (m.ref.kind === 'place' && inside(m.ref.entry, best) ? [m.ref.entry] : []));
  return bestPlace(inner, v);
}

export interface EntityOptions {
  /** Keep actors that are only quoted (the event is a statement: who speaks acts). */
  readonly keepSpeakers?: boolean;
  /** Cut clauses that may still name the event's place (see `splitBackgroundClause`). */
  readonly asides?: readonly string[];
}

/**
 * Actors and location mentioned in the texts (title first, then lead sentences). Actors that
 * are only quoted are left out unless `keepSpeakers`.
 */
export function findEntities(
  vocabulary: ExtractionVocabulary,
  texts: readonly string[],
  options: EntityOptions = {},
): Entities {
  const mentions: SpokenMention[] = texts.flatMap((t) =>
    vocabulary.gazetteer
      .findMentions(t)
      .map((mention) => ({ mention, speaker: isSpeaker(t, mention) })),
  );
  const places = new Map<string, PlaceEntry>();
  for (const { mention: m } of mentions) {
    if (m.ref.kind === 'place' && !places.has(m.ref.entry.id)) {
      places.set(m.ref.entry.id, m.ref.entry);
    }
  }
  const actors = actorsOf(mentions, options.keepSpeakers ?? false);
  const foregroundBest = bestPlace([...places.values()], vocabulary);
  const aside = refined(foregroundBest, vocabulary, options.asides ?? []);
  if (aside) places.set(aside.id, aside);
  const best = aside ?? foregroundBest;
  return {
    actors,
    location: best ? toLocation(best) : UNKNOWN_LOCATION,
    placeIds: [...places.keys()],
  };
}
