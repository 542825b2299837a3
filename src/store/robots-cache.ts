/**
 * robots.txt files shared by all workers: one entry per origin with a TTL, so a site's
 * robots.txt is read once per TTL whatever the number of workers.
 */
export interface CachedRobots {
  /** The file's text; '' when the site has none (everything allowed); null when unreachable. */
  readonly body: string | null;
}

export interface RobotsCache {
  /** The entry for an origin ("https://news.example"), or undefined when none is live. */
  get(origin: string): Promise<CachedRobots | undefined>;
  set(origin: string, entry: CachedRobots, ttlMs: number): Promise<void>;
}
