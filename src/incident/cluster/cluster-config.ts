/**
 * The clusterer's settings, one block: `incidents.cluster` in config/default.yml (validated in
 * src/config/schema.ts; documented in docs/INCIDENTS.md, "Clustering"). Durations are in ms.
 */

/** Weights of the join score (see cluster-score.ts). */
export interface ClusterWeights {
  /** Cosine of the weighted word vectors. */
  readonly text: number;
  /** Jaccard of actor and place ids. */
  readonly entities: number;
  /** Casualty agreement: 1 same figure for a side, 0 clash, 0.5 nothing to compare. */
  readonly casualties: number;
  /** Same sub-type 1, different 0, unknown 0.5. */
  readonly subType: number;
  /** The same event day at the same base or town. */
  readonly sameDayPlace: number;
  /** The same event day at a place inside the other's. */
  readonly sameDayContainedPlace: number;
  /** A follow-up naming the incident's day (or week). */
  readonly followUpDay: number;
}

export interface ClusterConfig {
  /** A report's event date or publish time within this of the incident's dates and times. */
  readonly window: number;
  /** Two day-precision event dates further apart than this are different events. */
  readonly eventDayTolerance: number;
  /** How far a week-precision date ("last week") may lie from a day. */
  readonly eventWeekTolerance: number;
  /** Window for month-precision times (a URL's month when nothing finer is known). */
  readonly approxWindow: number;
  /** How long after the incident an undated follow-up at the same base or town may join. */
  readonly followUpWindow: number;
  /** Open incidents a report is compared with: updated within `lookback`, at most `max`. */
  readonly openIncidents: { readonly lookback: number; readonly max: number };
  /** Title+lead word-3-gram Jaccard at or above which a report is a copy. */
  readonly duplicateShingles: number;
  /** Join when the score reaches this and the times confirm the window… */
  readonly joinScore: number;
  /** …or this when either side has no date (or a follow-up is late). */
  readonly joinScoreUndated: number;
  readonly weights: ClusterWeights;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  window: 72 * HOUR,
  eventDayTolerance: DAY,
  eventWeekTolerance: 7 * DAY,
  approxWindow: 45 * DAY,
  followUpWindow: 45 * DAY,
  openIncidents: { lookback: 7 * DAY, max: 200 },
  duplicateShingles: 0.8,
  joinScore: 0.34,
  joinScoreUndated: 0.45,
  weights: {
    text: 0.55,
    entities: 0.2,
    casualties: 0.15,
    subType: 0.1,
    sameDayPlace: 0.1,
    sameDayContainedPlace: 0.05,
    followUpDay: 0.05,
  },
};
