/** The names of the join decision's features (computed in pair-features.ts), each 0..1. */

export const PAIR_FEATURES = [
  /** Cosine of the weighted word vectors (title and foreground lead). */
  'text',
  /** How far this incident's text cosine leads the best other candidate's (−1..1). */
  'textLead',
  /** Cosine of the titles' word vectors. */
  'titleText',
  /** Jaccard of actor and place ids. */
  'entities',
  /** Jaccard of proper names outside the gazetteer's and of figures (salient-terms.ts). */
  'names',
  'figures',
  /** The same base or town (or one report names the other's). */
  'samePlace',
  /** One place inside the other's (a base in the province the other names). */
  'containedPlace',
  /** The same sub-type ("Other", a bare attack, counts as unknown on the same day). */
  'sameSubType',
  /** Different known sub-types. */
  'otherSubType',
  /** Violent against non-violent (a strike against a statement). */
  'otherFamily',
  /** The same figure for a side (for a follow-up: a revision upward). */
  'casualtiesAgree',
  /** Killed figures that cannot be one event's. */
  'casualtiesClash',
  /** Both event days known and within the day tolerance. */
  'sameDay',
  /** Both event days known: their distance as a share of the day limit (further is a veto). */
  'dayGap',
  /** Distance from the report's time to the incident's nearest, as a share of the window. */
  'timeGap',
  /** No time to compare on one side (or an undated follow-up after the window). */
  'undated',
  /** The report revises an earlier account (follow-up.ts). */
  'followUp',
] as const;
export type PairFeature = (typeof PAIR_FEATURES)[number];
export type PairFeatures = Readonly<Record<PairFeature, number>>;
