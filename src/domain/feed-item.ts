/** One normalised entry of a feed: what every later stage of the pipeline works on. */
export interface FeedItem {
  /** Stable id: a hash of the guid, else of the canonical link. */
  readonly id: string;
  readonly feedId: string;
  readonly title: string;
  /** Canonical link, tracking parameters removed; empty when the entry has none. */
  readonly link: string;
  /** Plain text: HTML stripped, entities decoded, whitespace folded. */
  readonly summary: string;
  /** Plain text of the full content when the feed carries it, else empty. */
  readonly content: string;
  /** ISO 8601. The fetch time when the feed gave none, an unparseable one, or one in the future. */
  readonly published: string;
  readonly updated?: string;
  readonly author?: string;
  readonly categories: readonly string[];
  /** Outlet name (the feed's title or configured name). */
  readonly source?: string;
}
