import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config/load-config.js';
import { errorMessage } from '../domain/errors.js';
import { FeedError } from '../feed/feed-error.js';
import { fetchFeed } from '../feed/fetch-feed.js';
import { normaliseFeed } from '../feed/normalise-item.js';
import { parseFeed, type ParsedFeed } from '../feed/parse-feed.js';

export type FeedSourceResult =
  { ok: true; feed: ParsedFeed; fetchedAt: Date } | { ok: false; message: string; crash?: Error };

async function readSource(source: string, contentType: string | undefined): Promise<ParsedFeed> {
  if (/^https?:\/\//i.test(source)) {
    const { fetch } = loadConfig();
    const outcome = await fetchFeed(
      source,
      {},
      {
        userAgent: fetch.userAgent,
        connectTimeoutMs: fetch.connectTimeout,
        timeoutMs: fetch.timeout,
        maxBytes: fetch.maxBytes,
        maxRedirects: fetch.maxRedirects,
      },
    );
    if (outcome.kind !== 'fetched') throw new FeedError('http-status', 'HTTP 304 Not Modified');
    return parseFeed(outcome.body, outcome.contentType ?? contentType);
  }
  let body: Buffer;
  try {
    body = await readFile(source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : errorMessage(err);
    throw new FeedError('bad-url', `cannot read file: ${why}`, { cause: err });
  }
  return parseFeed(body, contentType);
}

/**
 * Reads and parses a feed from a file or an http(s) URL. Never throws: a FeedError becomes a
 * one-line message; anything else is a defect, reported as a crash with the error kept.
 */
export async function readFeedSource(
  source: string,
  contentType?: string,
): Promise<FeedSourceResult> {
  const fetchedAt = new Date();
  try {
    return { ok: true, feed: await readSource(source, contentType), fetchedAt };
  } catch (err) {
    if (err instanceof FeedError) return { ok: false, message: err.message };
    const crash = err instanceof Error ? err : new Error(String(err));
    return { ok: false, message: `internal error: ${errorMessage(err).split('\n')[0]}`, crash };
  }
}

/** What `sitrep feed parse` prints for a feed. */
export function feedReport(feed: ParsedFeed, fetchedAt: Date) {
  const items = normaliseFeed(feed, 'cli', fetchedAt);
  return {
    feed: { title: feed.title, link: feed.link, description: feed.description },
    items: items.map((item, i) => ({
      id: item.id,
      guid: feed.items[i]?.guid ?? null,
      title: item.title,
      link: item.link,
      summary: item.summary,
      published: item.published,
      updated: item.updated ?? null,
      author: item.author ?? null,
    })),
  };
}
