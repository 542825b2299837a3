/** The topic matcher's verdict on one item. */
export interface TopicScore {
  readonly topic: string;
  readonly score: number;
}

export interface TopicMatch {
  /** True when the item is on-topic for at least one topic. */
  readonly match: boolean;
  /** The best topic score (0..1). */
  readonly score: number;
  /** Matching topics, best first. */
  readonly topics: readonly TopicScore[];
  /** The deciding evidence, in words. */
  readonly why: string;
}
