/**
 * A fetched feed document to the items the pipeline takes: parsed, normalised, and each item's
 * dedupe fingerprints. One pure step, so that it can run on a parse thread (parse-pool.ts) as
 * well as in place.
 */
import type { FeedItem } from '../domain/feed-item.js';
import { hashId } from './item-id.js';
import { normaliseFeed } from './normalise-item.js';
import { parseFeed } from './parse-feed.js';

/** One document to parse: plain data, so that it can be posted to a parse thread. */
export interface ParseRequest {
  readonly body: Uint8Array | string;
  readonly contentType?: string | undefined;
  /** `fetch.maxItems`: entries after these are dropped before parsing. */
  readonly maxItems: number;
  readonly feedId: string;
  /** The feed's configured name: it replaces the feed's own title as each item's source. */
  readonly feedName?: string | undefined;
  /** When the document was fetched (ms since the epoch): the date of items without one. */
  readonly fetchedAt: number;
  /**
   * A silent fetch (a feed's first, recorded and never alerted): items carry only their id,
   * link and published date, all the fetch records (normalise-item.ts, identifyEntry).
   */
  readonly identityOnly?: boolean;
}

export interface ParsedItems {
  readonly items: FeedItem[];
  /** Per item, in the same order: its fingerprints (see `fingerprints`). */
  readonly fingerprints: string[][];
  /** Entries beyond `maxItems`, not read. */
  readonly dropped: number;
}

/** An item's fingerprints: its id and its canonical link (the same story in two feeds). */
export function fingerprints(item: Pick<FeedItem, 'id' | 'link'>): string[] {
  const fps = [`id:${item.id}`];
  if (item.link) fps.push(`link:${hashId(item.link)}`);
  return fps;
}

/** Parses and normalises one document. Throws FeedError (`not-a-feed`, `parse-error`). */
export async function parseItems(req: ParseRequest): Promise<ParsedItems> {
  const body =
    typeof req.body === 'string'
      ? req.body
      : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
  const parsed = await parseFeed(body, req.contentType, { maxItems: req.maxItems });
  const normalised = normaliseFeed(
    parsed,
    req.feedId,
    new Date(req.fetchedAt),
    req.identityOnly === true,
  );
  const items =
    req.feedName && req.identityOnly !== true
      ? normalised.map((i) => ({ ...i, source: req.feedName as string }))
      : normalised;
  return { items, fingerprints: items.map(fingerprints), dropped: parsed.droppedItems ?? 0 };
}
