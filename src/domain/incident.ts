/**
 * The incident record: one real-world event, however many outlets report it.
 * Types follow ACLED (event type / sub-event type) plus a "Political statement" type.
 */

/** Sides in a fixed order (the order casualties are listed in). */
export const SIDES = [
  'us',
  'coalition',
  'partner',
  'isis',
  'militia',
  'iran',
  'civilian',
  'other',
  'unknown',
] as const;
export type Side = (typeof SIDES)[number];

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Strategic developments',
  'Political statement',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** ACLED sub-event types the extractor assigns, plus "Political statement" and "Other". */
export const SUB_EVENT_TYPES = [
  'Armed clash',
  'Suicide bomb',
  'Remote explosive/landmine/IED',
  'Air/drone strike',
  'Shelling/artillery/missile attack',
  'Grenade',
  'Attack',
  'Arrests',
  'Agreement',
  'Headquarters or base established',
  'Change to group/activity',
  'Political statement',
  'Other',
] as const;
export type SubEventType = (typeof SUB_EVENT_TYPES)[number];

export interface Actor {
  /** Canonical name from the gazetteer (e.g. "Kata'ib Hezbollah"). */
  readonly name: string;
  readonly side: Side;
  /** Gazetteer id, when the actor came from the gazetteer. */
  readonly id?: string;
}

export type LocationPrecision = 'site' | 'town' | 'province' | 'country' | 'region' | 'unknown';

export interface Location {
  readonly place: string | null;
  readonly admin1: string | null;
  readonly country: string | null;
  readonly precision: LocationPrecision;
  /** Gazetteer id of the place. */
  readonly id?: string;
  /** The place's coordinates (decimal degrees) from the gazetteer, when it has them. */
  readonly lat?: number;
  readonly lon?: number;
}

export interface Range {
  readonly min: number | null;
  readonly max: number | null;
}

export interface Casualty {
  readonly side: Side;
  readonly killed: Range;
  readonly injured: Range;
  /** The phrase(s) the figures came from. */
  readonly raw: readonly string[];
}

export interface IncidentFacts {
  readonly type: EventType | null;
  readonly subType: string | null;
  readonly actors: readonly Actor[];
  readonly location: Location;
  readonly casualties: readonly Casualty[];
  /** A troop figure ("2,500 US troops remain"), never counted as casualties. */
  readonly troops: number | null;
  /** ISO date (YYYY-MM-DD) of the event itself, resolved against the publish time. */
  readonly eventDate: string | null;
  /** 'week' for phrases such as "last week" (added for the extractor; coarser than a day). */
  readonly eventDatePrecision: 'day' | 'week' | 'month' | 'year' | 'unknown';
}

export interface IncidentSource {
  readonly itemId: string;
  readonly outlet: string;
  readonly url: string;
  readonly title: string;
  /** When the report was published (ISO). */
  readonly published: string;
  /** When sitrep saw it (ISO). */
  readonly seenAt: string;
  /** True when this report is a copy of another source (syndicated wire copy, same URL). */
  readonly duplicateOf?: string;
  /** The report's first story sentences (furniture removed): for summaries and re-clustering. */
  readonly lead?: readonly string[];
}

export interface IncidentChange {
  readonly at: string;
  readonly version: number;
  /** What changed, in words ("killed (US): 2 → 3, per Reuters"; "new source: AP"). */
  readonly description: string;
  readonly sourceItemId: string;
}

export interface Incident {
  readonly id: string;
  /** Increments on every change that users should see (new facts or sources). */
  readonly version: number;
  readonly facts: IncidentFacts;
  readonly topics: readonly string[];
  /** The evidence the topic matcher gave for the first report. */
  readonly why: string;
  readonly summary: string;
  readonly headline: string;
  readonly sources: readonly IncidentSource[];
  readonly firstSeen: string;
  readonly updatedAt: string;
  readonly timeline: readonly IncidentChange[];
  readonly confidence: number;
}
