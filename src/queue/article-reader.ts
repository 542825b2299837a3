/**
 * Reads an item's linked article: a Redis cache per canonical URL (one fetch for the same story
 * in many feeds, also when they ask at once; conditional GET once an entry is older than
 * `refreshAfter`), robots.txt (shared through Redis), per-host politeness, the guarded page
 * fetch and the main-text extractor.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ArticleText } from '../article/extract-article.js';
import type { Config } from '../config/schema.js';
import { createAddressPolicy } from '../feed/address-policy.js';
import { FeedError } from '../feed/feed-error.js';
import type { FetchOptions } from '../feed/fetch-feed.js';
import { canonicalLink } from '../domain/canonical-url.js';
import { fetchPage, fetchRobots } from '../feed/fetch-page.js';
import type { Logger } from '../log/logger.js';
import type { RobotsCache } from '../store/robots-cache.js';
import { HostPoliteness } from './host-politeness.js';
import { RobotsRules } from './robots-rules.js';

export interface ArticleRead {
  /** fetched, cached, not-modified, or why there is no article (robots, timeout, no-text…). */
  readonly outcome: string;
  readonly article?: ArticleText;
}

interface CacheEntry {
  article: ArticleText | null;
  etag?: string;
  lastModified?: string;
  fetchedAt: number;
}

export interface ArticleReaderOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly config: Readonly<Config>;
  /** Where robots.txt files are kept (Redis, shared by all workers, in production). */
  readonly robotsCache: RobotsCache;
  readonly log?: Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// KEYS: the URL's fetch claim; ARGV: our token. Deletes the claim only if it is still ours.
const RELEASE_CLAIM = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class ArticleReader {
  private readonly settings: Config['articles'];
  private readonly fetchOptions: FetchOptions;
  private readonly robots: RobotsRules;
  private readonly politeness: HostPoliteness;

  constructor(private readonly options: ArticleReaderOptions) {
    const { config } = options;
    const a = config.articles;
    this.settings = a;
    this.fetchOptions = {
      userAgent: config.fetch.userAgent,
      connectTimeoutMs: a.connectTimeout,
      timeoutMs: a.timeout,
      maxBytes: a.maxBytes,
      maxRedirects: a.maxRedirects,
      // Article links come from feeds anyone may publish: always behind the SSRF guard.
      allowAddress: createAddressPolicy(config.feedAdmin.allowAddresses),
    };
    const robotsOptions = { ...this.fetchOptions, maxBytes: 512 * 1024, timeoutMs: 5_000 };
    this.robots = new RobotsRules({
      fetchRobots: (origin) => fetchRobots(origin, robotsOptions),
      cache: options.robotsCache,
      userAgent: config.fetch.userAgent,
      ttlMs: a.robotsTtl,
      onCacheError: (err) => options.log?.warn({ err }, 'robots.txt cache unavailable'),
    });
    this.politeness = new HostPoliteness(options.redis, options.prefix, a.hostInterval, a.timeout);
  }

  private key(url: string, kind = 'article'): string {
    const hash = createHash('sha256').update(url).digest('hex').slice(0, 32);
    return `${this.options.prefix}:${kind}:${hash}`;
  }

  private fresh(entry: CacheEntry | null, now: number): entry is CacheEntry {
    return entry !== null && now - entry.fetchedAt < this.settings.refreshAfter;
  }

  /**
   * Claims the fetch of `url` for this reader. When another reader (any worker) is already
   * fetching it, waits for its result to reach the cache instead, up to the fetch timeout.
   * Returns the token to release, or the entry the other reader saved.
   */
  private async claim(url: string): Promise<{ token: string } | { entry: CacheEntry }> {
    const token = randomUUID();
    const until = Date.now() + this.settings.timeout;
    const key = this.key(url, 'article-fetching');
    for (;;) {
      const ok = await this.options.redis.set(key, token, 'PX', this.settings.timeout, 'NX');
      if (ok === 'OK') return { token };
      await sleep(100);
      const entry = await this.cached(url);
      if (this.fresh(entry, Date.now())) return { entry };
      if (Date.now() >= until) return { token: '' };
    }
  }

  private async release(url: string, token: string): Promise<void> {
    if (!token) return;
    await this.options.redis.eval(RELEASE_CLAIM, 1, this.key(url, 'article-fetching'), token);
  }

  private async cached(url: string): Promise<CacheEntry | null> {
    const raw = await this.options.redis.get(this.key(url));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as CacheEntry;
    } catch {
      return null;
    }
  }

  private async save(url: string, entry: CacheEntry): Promise<void> {
    await this.options.redis.set(
      this.key(url),
      JSON.stringify(entry),
      'PX',
      this.settings.cacheTtl,
    );
  }

  /** The article behind `url`; never throws for a bad page (the outcome says why). */
  async read(link: string): Promise<ArticleRead> {
    const url = canonicalLink(link) || link;
    let claimed: { token: string } | null = null;
    try {
      const entry = await this.cached(url);
      if (this.fresh(entry, Date.now())) return readOf('cached', entry);
      const claim = await this.claim(url);
      if ('entry' in claim) return readOf('cached', claim.entry);
      claimed = claim;
      // Another reader may have saved it between our first look and the claim.
      const current = await this.cached(url);
      if (this.fresh(current, Date.now())) return readOf('cached', current);
      return await this.fetch(url, current, Date.now());
    } catch (err) {
      if (err instanceof FeedError) return { outcome: err.reason };
      // Not the page's fault (Redis unavailable, a bug): the item goes on with its feed text.
      this.options.log?.warn({ err, url }, 'article read failed');
      return { outcome: 'error' };
    } finally {
      if (claimed) await this.release(url, claimed.token).catch(() => undefined);
    }
  }

  private async fetch(url: string, entry: CacheEntry | null, now: number): Promise<ArticleRead> {
    const verdict = await this.robots.check(url);
    if (!verdict.allowed) return { outcome: 'robots' };
    const validators = {
      ...(entry?.etag ? { etag: entry.etag } : {}),
      ...(entry?.lastModified ? { lastModified: entry.lastModified } : {}),
    };
    const host = new URL(url).host;
    const until = now + this.settings.timeout;
    const res = await this.politeness.run(
      host,
      until,
      () => fetchPage(url, validators, this.fetchOptions),
      verdict.crawlDelayMs,
    );
    if (!res) return { outcome: 'busy-host' };
    if (res.value.kind === 'not-modified' && entry) {
      await this.save(url, { ...entry, fetchedAt: now });
      return readOf('not-modified', entry);
    }
    if (res.value.kind === 'not-modified') return { outcome: 'not-modified' };
    const page = res.value;
    // linkedom and Readability (~15 MB) are loaded with the first article page, not at start.
    const { extractArticle } = await import('../article/extract-article.js');
    const extraction = extractArticle(page.html, {
      minChars: this.settings.minChars,
      now: new Date(now),
    });
    const next: CacheEntry = {
      article: extraction.ok ? extraction.article : null,
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
      fetchedAt: now,
    };
    await this.save(url, next);
    return readOf('fetched', next);
  }
}

function readOf(outcome: string, entry: CacheEntry): ArticleRead {
  return entry.article ? { outcome, article: entry.article } : { outcome: 'no-text' };
}
