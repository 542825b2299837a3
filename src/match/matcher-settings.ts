/** Tunables of the topic matcher (config: `match.thresholds` etc. in config/default.yml). */
export interface MatcherSettings {
  /** A topic matches when its score reaches this (a topic file may set its own). */
  readonly threshold: number;
  /** Words of full content read after the title and summary (the lead carries the news). */
  readonly leadWords: number;
  /** Token window in which an event word and an actor count as one phrase. */
  readonly window: number;
}

export const DEFAULT_MATCHER_SETTINGS: MatcherSettings = {
  threshold: 0.5,
  leadWords: 120,
  window: 8,
};
