/** How a text field is written: plain text, or HTML to be rendered as text. */
export type TextKind = 'text' | 'html';

export interface RawText {
  readonly value: string;
  readonly kind: TextKind;
}

export type FeedFormat = 'atom' | 'rss' | 'rdf';

/** One entry of a parsed feed, before normalisation, read from its XML element. */
export interface RawEntry {
  /** Atom <id>, RSS <guid>, trimmed. */
  readonly guid?: string;
  /** The entry's link as written (may be relative; `base` says what to resolve it against). */
  readonly link?: string;
  readonly base?: string;
  readonly title?: RawText;
  readonly summary?: RawText;
  readonly content?: RawText;
  /** Date texts as written in the feed. */
  readonly published?: string;
  readonly updated?: string;
  readonly author?: string;
  readonly categories: readonly string[];
}

/** A parsed feed document. Feed title and description are plain text. */
export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string;
  readonly link: string;
  readonly description: string;
  readonly updated?: string;
  readonly items: readonly RawEntry[];
  /** Entries beyond the item cap, not read (see parseFeed's `maxItems`). */
  readonly droppedItems?: number;
}
