/** What the clusterer knows about an open incident (built in cluster-state.ts). */
import type { Casualty, EventType } from '../../domain/incident.js';
import type { TermVector } from './text-similarity.js';

export interface IncidentFeatures {
  readonly vector: TermVector;
  readonly titleVector: TermVector;
  readonly names: ReadonlySet<string>;
  readonly figures: ReadonlySet<number>;
  readonly shingleSets: readonly ReadonlySet<string>[];
  readonly urls: ReadonlySet<string>;
  readonly entities: ReadonlySet<string>;
  readonly countries: ReadonlySet<string>;
  readonly type: EventType | null;
  readonly subType: string | null;
  readonly casualties: readonly Casualty[];
  readonly eventDays: readonly number[];
  /** Week-precision event dates ("last week"). */
  readonly eventWeeks: readonly number[];
  readonly times: readonly number[];
  /** Earliest and latest of eventDays and times (a fast window check), or null. */
  readonly span: readonly [number, number] | null;
  /** Month-precision times of reports with nothing finer. */
  readonly approxTimes: readonly number[];
  readonly locationId: string | undefined;
  readonly locationAdmin1: string | null;
  readonly locationCountry: string | null;
  readonly locationPrecision: string;
}
