import { z } from 'zod';
import { SIDES } from '../domain/incident.js';

/** What kind of actor an entry is: the matcher weighs evidence by kind (docs/MATCHING.md). */
export const ACTOR_KINDS = [
  'us-forces',
  'us-government',
  'coalition',
  'coalition-weak',
  'partner-force',
  'isis',
  'militia',
  'militia-generic',
  'iran',
  'government',
  'other-theatre',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Kinds that stand for an unnamed actor ("a militia", "the coalition"): never an incident's actor. */
export const GENERIC_ACTOR_KINDS: ReadonlySet<ActorKind> = new Set([
  'coalition-weak',
  'militia-generic',
]);

/** Theatres: where an actor operates or a place lies. The product's own is set in config. */
export const THEATRES = [
  'iraq-syria',
  'afghanistan',
  'africa',
  'asia-pacific',
  'europe',
  'gulf',
  'homeland',
  'iran',
  'israel-gaza',
  'lebanon',
  'turkey-pkk',
  'yemen',
  'other',
] as const;
export type Theatre = (typeof THEATRES)[number];

export const actorEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  side: z.enum(SIDES),
  /** What kind of actor: drives evidence weights in the matcher. */
  kind: z.enum(ACTOR_KINDS).default('other'),
  aliases: z.array(z.string()).default([]),
  /** Aliases that count only when written exactly so (e.g. "IS", "US", "PMF"). */
  casedAliases: z.array(z.string()).default([]),
  country: z.string().optional(),
  /**
   * Where the actor operates: "iraq-syria" (in scope), another theatre ("yemen", "lebanon", ...)
   * or absent when it operates everywhere (US forces, Iran, ISIS core). One of THEATRES.
   */
  theatre: z.enum(THEATRES).optional(),
  /**
   * Composed aliases: every modifier followed by every head ("US" + "troops" → "US troops").
   * Saves listing dozens of variants by hand.
   */
  compose: z
    .object({ modifiers: z.array(z.string()).min(1), heads: z.array(z.string()).min(1) })
    .optional(),
  /**
   * Words that mark a victim as this actor's side without naming the actor ("American",
   * "British", "Iraqi", "Iran-backed"): read by the incident extractor inside casualty phrases
   * only, never as a mention of the actor.
   */
  demonyms: z.array(z.string()).default([]),
  description: z.string().optional(),
});

export const placeEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(['site', 'base', 'town', 'province', 'country', 'region']),
  country: z.string().min(1),
  admin1: z.string().optional(),
  /**
   * Latitude and longitude in decimal degrees (WGS 84), from a public reference (docs/MAPS.md):
   * a site or town to about 0.01°, a province, country or region at a central point. Optional so
   * that a new place without them still loads (with a start-up warning) and is left off maps.
   */
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  aliases: z.array(z.string()).default([]),
  casedAliases: z.array(z.string()).default([]),
  /** Theatre grouping for the matcher: "iraq-syria" (in scope) or another theatre. */
  theatre: z.enum(THEATRES).default('other'),
  /** True for bases and compounds known to host US or coalition personnel. */
  hostsUs: z.boolean().default(false),
  description: z.string().optional(),
});

/** The place's coordinates, or undefined when the gazetteer has none for it. */
export function placeCoordinates(
  p: Pick<PlaceEntry, 'lat' | 'lon'>,
): { readonly lat: number; readonly lon: number } | undefined {
  return p.lat === undefined || p.lon === undefined ? undefined : { lat: p.lat, lon: p.lon };
}

export const gazetteerDataSchema = z.object({
  actors: z.array(actorEntrySchema).default([]),
  places: z.array(placeEntrySchema).default([]),
});

export type ActorEntry = z.output<typeof actorEntrySchema>;
export type PlaceEntry = z.output<typeof placeEntrySchema>;
export type GazetteerData = z.output<typeof gazetteerDataSchema>;
export type GazetteerInput = z.input<typeof gazetteerDataSchema>;
