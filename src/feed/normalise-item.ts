import type { FeedItem } from '../domain/feed-item.js';
import { canonicalLink } from '../domain/canonical-url.js';
import { itemId } from './item-id.js';
import { parseFeedDate } from './parse-date.js';
import { plainText } from './plain-text.js';
import type { ParsedFeed, RawEntry } from './raw-entry.js';

/** Dates further ahead than this are clock errors or scheduled posts: use the fetch time. */
const MAX_FUTURE_MS = 5 * 60_000;

function dateOrUndefined(textValue: string | undefined, fetchedAt: Date): string | undefined {
  const date = parseFeedDate(textValue);
  if (!date || date.getTime() > fetchedAt.getTime() + MAX_FUTURE_MS) return undefined;
  return date.toISOString();
}

/** Normalises one entry into a FeedItem (see normaliseFeed). */
export function normaliseEntry(
  entry: RawEntry,
  feed: Pick<ParsedFeed, 'title' | 'link'>,
  feedId: string,
  fetchedAt: Date,
): FeedItem {
  const link = canonicalLink(entry.link, entry.base ?? feed.link);
  const title = plainText(entry.title);
  const content = plainText(entry.content, false);
  const summary = plainText(entry.summary, false) || content;
  const published =
    dateOrUndefined(entry.published, fetchedAt) ??
    dateOrUndefined(entry.updated, fetchedAt) ??
    fetchedAt.toISOString();
  const updated = dateOrUndefined(entry.updated, fetchedAt);
  const author = entry.author ? plainText({ value: entry.author, kind: 'html' }) : '';
  return {
    id: itemId({ guid: entry.guid, link, title, dateText: entry.published ?? entry.updated }),
    feedId,
    title,
    link,
    summary,
    content,
    published,
    ...(updated === undefined ? {} : { updated }),
    ...(author ? { author } : {}),
    categories: entry.categories.map((c) => plainText({ value: c, kind: 'html' })).filter(Boolean),
    ...(feed.title ? { source: feed.title } : {}),
  };
}

/**
 * Normalises a parsed feed into FeedItems: stable ids, canonical links, plain-text title,
 * summary and content, ISO dates (the fetch time when missing, unparseable or in the future).
 */
export function normaliseFeed(parsed: ParsedFeed, feedId: string, fetchedAt: Date): FeedItem[] {
  return parsed.items.map((entry) => normaliseEntry(entry, parsed, feedId, fetchedAt));
}
