/**
 * The clusterer's settings, one block: `incidents.cluster` in config/default.yml (validated in
 * src/config/schema.ts; documented in docs/INCIDENTS.md, "Clustering"). Durations are in ms.
 */
import type { PairFeature } from './pair-feature-names.js';

/** The join model's weights: a bias and one weight per pair feature (see cluster-score.ts). */
export type ClusterWeights = Readonly<Record<'bias' | PairFeature, number>>;

export interface ClusterConfig {
  /** A report's event date or publish time within this of the incident's dates and times. */
  readonly window: number;
  /** Two day-precision event dates this close are the same day (a reported day may be off by one). */
  readonly eventDayTolerance: number;
  /** Two day-precision event dates further apart than this are different events. */
  readonly eventDayLimit: number;
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
  /** Join the most probable incident when its join probability reaches this. */
  readonly joinProbability: number;
  readonly weights: ClusterWeights;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  window: 72 * HOUR,
  eventDayTolerance: DAY,
  eventDayLimit: DAY,
  eventWeekTolerance: 7 * DAY,
  approxWindow: 45 * DAY,
  followUpWindow: 45 * DAY,
  openIncidents: { lookback: 7 * DAY, max: 200 },
  duplicateShingles: 0.8,
  joinProbability: 0.35,
  weights: {
    bias: -1.459,
    text: 2.104,
    textLead: 5.85,
    titleText: 1.569,
    entities: 2.166,
    names: 1.602,
    figures: 0.987,
    samePlace: -0.04,
    containedPlace: -0.082,
    sameSubType: -0.124,
    otherSubType: -1.104,
    otherFamily: -0.891,
    casualtiesAgree: 0.951,
    casualtiesClash: -0.19,
    sameDay: 0.31,
    dayGap: -0.037,
    timeGap: -0.944,
    undated: -2.765,
    followUp: -0.53,
  },
};
