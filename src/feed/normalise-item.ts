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
  const published = publishedOf(entry, fetchedAt);
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

/** The published date of an entry as normaliseEntry gives it. */
function publishedOf(entry: RawEntry, fetchedAt: Date): string {
  return (
    dateOrUndefined(entry.published, fetchedAt) ??
    dateOrUndefined(entry.updated, fetchedAt) ??
    fetchedAt.toISOString()
  );
}

/**
 * What a silent fetch (a feed's first, recorded and not alerted) keeps of an entry: the same
 * id, link and published date as normaliseEntry, without the text (title only when the id
 * needs it), which the HTML-to-text of summary and content makes most of the cost.
 */
export function identifyEntry(
  entry: RawEntry,
  feed: Pick<ParsedFeed, 'link'>,
  feedId: string,
  fetchedAt: Date,
): FeedItem {
  const link = canonicalLink(entry.link, entry.base ?? feed.link);
  const guid = entry.guid?.trim();
  const title = guid || link ? '' : plainText(entry.title);
  return {
    id: itemId({ guid: entry.guid, link, title, dateText: entry.published ?? entry.updated }),
    feedId,
    title,
    link,
    summary: '',
    content: '',
    published: publishedOf(entry, fetchedAt),
    categories: [],
  };
}

/**
 * Normalises a parsed feed into FeedItems: stable ids, canonical links, plain-text title,
 * summary and content, ISO dates (the fetch time when missing, unparseable or in the future).
 * `identityOnly`: ids, links and dates only (identifyEntry).
 */
export function normaliseFeed(
  parsed: ParsedFeed,
  feedId: string,
  fetchedAt: Date,
  identityOnly = false,
): FeedItem[] {
  const one = identityOnly ? identifyEntry : normaliseEntry;
  return parsed.items.map((entry) => one(entry, parsed, feedId, fetchedAt));
}
