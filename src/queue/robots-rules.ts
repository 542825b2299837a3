/**
 * robots.txt per host, read with `robots-parser` and kept in memory for `ttlMs`. A site without
 * one (4xx) allows everything; a site whose robots.txt cannot be read (timeout, 5xx, refused
 * address) is treated as disallowing, for a short while, as RFC 9309 asks for unreachable files.
 * The robots.txt request does not wait for the host's politeness gap.
 */
import robotsParserModule from 'robots-parser';

// The package is CommonJS (`module.exports = fn`) but its types declare an ES default export:
// under NodeNext the default import is the function itself at run time.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robots = ReturnType<typeof robotsParser>;

export interface RobotsVerdict {
  readonly allowed: boolean;
  /** The site's Crawl-delay for our agent, in ms (0 when it sets none). */
  readonly crawlDelayMs: number;
}

const UNREACHABLE_TTL = 60_000;

export class RobotsRules {
  private readonly cache = new Map<string, { robots: Robots | null; until: number }>();

  constructor(
    private readonly fetchRobots: (origin: string) => Promise<string | null>,
    private readonly userAgent: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private async robotsFor(origin: string): Promise<Robots | null> {
    const hit = this.cache.get(origin);
    if (hit && hit.until > this.now()) return hit.robots;
    const robotsUrl = new URL('/robots.txt', origin).href;
    let robots: Robots | null;
    let ttl = this.ttlMs;
    try {
      robots = robotsParser(robotsUrl, (await this.fetchRobots(origin)) ?? '');
    } catch (err) {
      // A refused address is the page's verdict too: say so rather than "robots".
      if ((err as { reason?: string }).reason === 'blocked-address') throw err;
      robots = null;
      ttl = Math.min(ttl, UNREACHABLE_TTL);
    }
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(origin, { robots, until: this.now() + ttl });
    return robots;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const robots = await this.robotsFor(new URL(url).origin);
    if (!robots) return { allowed: false, crawlDelayMs: 0 };
    const agent = this.userAgent.split('/')[0] ?? this.userAgent;
    return {
      allowed: robots.isAllowed(url, agent) !== false,
      crawlDelayMs: Math.min(60, robots.getCrawlDelay(agent) ?? 0) * 1000,
    };
  }
}
