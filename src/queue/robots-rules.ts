/**
 * robots.txt per origin, read with `robots-parser`. The file is cached for `ttlMs` through the
 * `RobotsCache` port (Redis in production, so every worker shares one copy per site). A site
 * without one (4xx) allows everything; a site whose robots.txt cannot be read (timeout, 5xx) is
 * treated as disallowing for a minute, as RFC 9309 asks for unreachable files. A refused
 * address is the page's verdict too and is not cached. The cache failing (a Redis blip) only
 * means the file is read from the site again. The robots.txt request does not wait for the
 * host's politeness gap.
 */
import robotsParserModule from 'robots-parser';
import type { CachedRobots, RobotsCache } from '../store/robots-cache.js';

// The package is CommonJS (`module.exports = fn`) but its types declare an ES default export:
// under NodeNext the default import is the function itself at run time.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsVerdict {
  readonly allowed: boolean;
  /** The site's Crawl-delay for our agent, in ms (0 when it sets none). */
  readonly crawlDelayMs: number;
}

export const UNREACHABLE_TTL = 60_000;

export interface RobotsRulesOptions {
  readonly fetchRobots: (origin: string) => Promise<string | null>;
  readonly cache: RobotsCache;
  readonly userAgent: string;
  readonly ttlMs: number;
  /** Told when the cache cannot be read or written (the check goes on without it). */
  readonly onCacheError?: (err: unknown) => void;
}

export class RobotsRules {
  constructor(private readonly options: RobotsRulesOptions) {}

  private async cached(origin: string): Promise<CachedRobots | undefined> {
    try {
      return await this.options.cache.get(origin);
    } catch (err) {
      this.options.onCacheError?.(err);
      return undefined;
    }
  }

  private async load(origin: string): Promise<CachedRobots> {
    let entry: CachedRobots;
    let ttl = this.options.ttlMs;
    try {
      entry = { body: (await this.options.fetchRobots(origin)) ?? '' };
    } catch (err) {
      if ((err as { reason?: string }).reason === 'blocked-address') throw err;
      entry = { body: null };
      ttl = Math.min(ttl, UNREACHABLE_TTL);
    }
    await this.options.cache.set(origin, entry, ttl).catch((err: unknown) => {
      this.options.onCacheError?.(err);
    });
    return entry;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    const entry = (await this.cached(origin)) ?? (await this.load(origin));
    if (entry.body === null) return { allowed: false, crawlDelayMs: 0 };
    const robots = robotsParser(new URL('/robots.txt', origin).href, entry.body);
    const { userAgent } = this.options;
    const agent = userAgent.split('/')[0] ?? userAgent;
    return {
      allowed: robots.isAllowed(url, agent) !== false,
      crawlDelayMs: Math.min(60, robots.getCrawlDelay(agent) ?? 0) * 1000,
    };
  }
}
